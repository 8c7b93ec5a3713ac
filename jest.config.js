// AdminJS is ESM-only, so tests run as native ES modules (NODE_OPTIONS=--experimental-vm-modules, see package.json).
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
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
