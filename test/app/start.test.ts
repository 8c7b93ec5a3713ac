// `npm start` as a new user runs it: npm's prestart builds dist/ when it is missing or stale (the
// first run in a fresh clone compiles, so this test may take half a minute), then the compiled app
// starts with no DATABASE_URL, so the embedded engine in DATA_DIR; ready with demo data; the folder
// locked while it runs; a clean exit when npm is sent SIGTERM (as a container stop does), which
// reaches the app only because the start script execs node in place of npm's shell.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';

const READY = /MessageHub admin ready on (http:\/\/\S+)\/admin/;
const ROOT = new URL('../../', import.meta.url).pathname;

function start(dataDir: string): { child: ChildProcess; ready: Promise<string>; output: () => string } {
  // No NODE_ENV, as a new user runs it (jest sets `test`): the default, development, bundles the
  // custom components and watches them; into a folder of this test's own, not the project's.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ADMIN_JS_TMP_DIR: path.join(dataDir, 'adminjs-bundle'), PORT: '0', LOG_LEVEL: 'info', BCRYPT_ROUNDS: '4' };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  delete env.NODE_ENV;
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(READY);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
  });
  return { child, ready, output: () => output };
}

const exitCode = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('npm start with no database server', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-start-'));
  // mkdtemp makes it 0700: as root, the embedded server runs as another user, who must pass through it.
  fs.chmodSync(dataDir, 0o755);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('serves the panel with demo data, keeps a second process out of its data, and stops cleanly on SIGTERM', async () => {
    const first = start(dataDir);
    const url = await first.ready;
    expect(first.output()).toContain(`Embedded PostgreSQL: data lives in ${dataDir}`);
    expect((await request(url).get('/healthz')).body).toEqual({ status: 'ok' });
    const signIn = await request(url).post('/admin/login').type('form').send({ email: 'admin@messagehub.local', password: 'ChangeMe-Admin-2026' });
    expect(signIn.headers.location).toBe('/admin');

    const second = start(dataDir);
    await expect(second.ready).rejects.toThrow(/is in use by another process/);

    const exited = exitCode(first.child);
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'messagehub.lock'))).toBe(false);
  }, 180_000);
});
