// The production build as it is shipped: `npm start`'s build step (scripts/build-if-stale.mjs:
// compiles unless dist/ is up to date, and waits while another test is compiling), then
// `NODE_ENV=production node dist/server.mjs` (what `npm start` runs) with no ADMIN_JS_TMP_DIR in the environment, so the
// app's own default (./adminjs-bundle, not AdminJS's `.adminjs` dot-folder that Express 5 refuses
// to serve) must be in force before AdminJS loads. It runs from the project folder, as `npm start`
// does (AdminJS's bundler resolves its Babel plugins from the working directory).
// Proves the compiled custom components reach the browser.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { promisify } from 'node:util';
import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { launchChromium, signInThroughForm } from './browser.js';

jest.setTimeout(180_000);

const ROOT = new URL('../../', import.meta.url).pathname;
const ADMIN_EMAIL = 'admin@messagehub.local';
const ADMIN_PASSWORD = 'Prod-Build-Password-1';

let database: TestDatabase;
let server: ChildProcess | undefined;
let browser: Browser;
let baseUrl: string;
const bundleFile = new URL('../../adminjs-bundle/bundle.js', import.meta.url).pathname;
const startedAt = Date.now();

/** Resolves with the URL the server logs once it listens (main.ts waits for the bundle first). */
function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const ready = output.match(/ready on (http:\/\/[^\s"]+)\/admin/);
      if (ready) resolve(ready[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${output}`)));
  });
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT });
  database = await createTestDatabase();
  const { NODE_OPTIONS: _jestOptions, TEST_DATABASE_URL: _testDatabase, ADMIN_JS_TMP_DIR: _bundleDir, ...env } = process.env;
  server = spawn(process.execPath, ['dist/server.mjs'], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'production',
      SESSION_SECRET: 'production-build-test-secret-0123456789abcdef',
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      BCRYPT_ROUNDS: '4',
      SEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  baseUrl = await waitForReady(server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await database?.drop();
});

describe('production build', () => {
  it('bundles into ./adminjs-bundle, serves it, and renders the custom dashboard, list and show page', async () => {
    expect(statSync(bundleFile).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000); // written by this server
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const bundle = page.waitForResponse((response) => response.url().endsWith('/components.bundle.js'));
    await signInThroughForm(page, baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await bundle).status()).toBe(200);
    await page.locator('[data-testid="dashboard"]').waitFor();

    await page.goto(`${baseUrl}/admin/resources/AuditLog`);
    await page.locator('[data-testid="relative-time"]').first().waitFor();
    await page.locator('[data-testid="property-list-sentence"]').first().click();
    await page.locator('[data-testid="audit-entry"]').waitFor();
    await expect(page.locator('[data-testid="audit-sentence"]').innerText()).resolves.toMatch(/signed in|created|added/);
  });
});
