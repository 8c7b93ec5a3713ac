// The request context must survive a body that arrives slowly, in pieces: AdminJS's form parser
// resumes the request outside the middleware's async context
// (docs/decisions/0006-audit-scope-on-the-transaction.md).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminApi } from '../helpers/admin-api.js';
import request from 'supertest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';

let t: TestApp;
let server: http.Server;
beforeAll(async () => {
  // Many edits at once: a real server, not the one-connection embedded engine.
  t = await onConcurrencyCapableServer(() => startTestApp());
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

function postInChunks(path: string, cookie: string, body: string, pieces: number): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': BROWSER_UA, 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    const size = Math.ceil(body.length / pieces);
    let offset = 0;
    // Each piece goes out on a later turn of the event loop, after the handler has started waiting.
    const next = () => {
      if (offset >= body.length) return req.end();
      req.write(body.slice(offset, offset + size));
      offset += size;
      setImmediate(next);
    };
    next();
  });
}

describe('request context with slow, chunked request bodies', () => {
  it('records IP, user agent and actor for every one of many concurrent chunked edits', async () => {
    const signedIn = await request(t.app).post('/admin/login').type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const sessionCookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const admin = adminApi(await t.signIn());
    const ids: number[] = [];
    for (let i = 0; i < 6; i += 1) ids.push((await admin.create('Team', { name: `Chunked ${i}` })).body.record!.params.id as number);
    const statuses = await Promise.all(ids.map((id, i) => postInChunks(`/admin/api/resources/Team/records/${id}/edit`, sessionCookie, `name=${encodeURIComponent(`Chunked ${i} renamed`)}&description=${'x'.repeat(2000)}`, 8)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    const updates = (await t.entries('team.updated')).filter((entry) => entry.targetLabel?.startsWith('Chunked'));
    expect(updates).toHaveLength(ids.length);
    for (const entry of updates) expect(entry).toMatchObject({ actorName: 'Ada Admin', ip: '127.0.0.1', userAgent: BROWSER_UA });
  });
});
