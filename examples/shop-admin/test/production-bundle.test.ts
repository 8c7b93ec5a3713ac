// The production component bundle, as `npm start` serves it: NODE_ENV=production and no
// ADMIN_JS_TMP_DIR, so AdminJS writes the bundle into its default `.adminjs` dot-folder during
// `admin.initialize()` (src/main.ts awaits it) and the plugin's router must still serve it.
// A child process, since NODE_ENV is read when AdminJS loads.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE_DIR = path.join(ROOT, '.adminjs');

let database: TestDatabase;
let server: ChildProcess | undefined;
let baseUrl: string;
const bundleDirExisted = existsSync(BUNDLE_DIR);

/** Resolves with the URL the server prints once it listens (after the bundle is built). */
function ready(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = output.match(/ready on (http:\/\/\S+)\/admin/);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${output}`)));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { NODE_OPTIONS: _jest, ADMIN_JS_TMP_DIR: _tmp, ...env } = process.env;
  server = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: 'production', DATABASE_URL: database.url, SESSION_SECRET: 'production-bundle-test-secret-0123456789', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  baseUrl = await ready(server);
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await database.drop();
  if (!bundleDirExisted) rmSync(BUNDLE_DIR, { recursive: true, force: true });
});

it('serves the custom components bundle, with the audit viewer in it, from the default .adminjs folder', async () => {
  expect(existsSync(path.join(BUNDLE_DIR, 'bundle.js'))).toBe(true);
  const response = await fetch(`${baseUrl}/admin/frontend/assets/components.bundle.js`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/javascript/);
  const body = await response.text();
  expect(body).toContain('AuditLogShow');
  expect(body).toContain('AdminJS.UserComponents');
});
