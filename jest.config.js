// AdminJS is ESM-only, so tests run as native ES modules (NODE_OPTIONS=--experimental-vm-modules, see package.json).
export default {
  testEnvironment: 'node',
  // The audit plugin is imported by its package name; in this repository that name resolves to its
  // TypeScript sources (the `hashtrail-source` condition in plugin/package.json), not to its dist/.
  testEnvironmentOptions: { customExportConditions: ['hashtrail-source', 'node', 'node-addons'] },
  roots: ['<rootDir>/test'],
  modulePathIgnorePatterns: ['<rootDir>/plugin/dist/', '<rootDir>/dist/'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true, tsx: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'es6' },
    }],
  },
  testTimeout: 60000,
  // Prints the fault/load/abuse suite's summary (test/trust) after the run.
  reporters: ['default', '<rootDir>/test/trust/summary-reporter.js'],
  maxWorkers: 2,
};
