// Export of the entries matching the Audit Logs list's filters: streamed CSV / JSON Lines,
// neutralised against formula injection, administrators only, and itself recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import express from 'express';
import { csvCell, EXPORT_COLUMNS } from '../../plugin/src/export/export-format.js';
import { exportQuery, streamExport } from '../../plugin/src/export/export-stream.js';
import { requestsInFlight } from '../../plugin/src/context/requests-in-flight.js';
import { SYSTEM_ACCOUNT_ID } from '../../src/accounts/system-log.js';
import { seededAccountId } from '../helpers/accounts.js';
import { adminApi } from '../helpers/admin-api.js';
import { AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let agent: Awaited<ReturnType<TestApp['signIn']>>;
beforeAll(async () => {
  t = await startTestApp();
  agent = await t.signIn();
  const admin = adminApi(agent);
  await admin.create('Inbox', { name: '=HYPERLINK("http://evil.example","click")', channelType: 'website' });
  await admin.create('Inbox', { name: 'Support, "EU"', channelType: 'email' });
  // An entry of the same kind in another account's log (the system log), newest of all: never exported here.
  await t.dataSource.transaction((manager) =>
    t.audit.record(manager, { action: 'inbox.created', targetType: 'inbox', targetId: '9999', targetLabel: 'Other account inbox', accountId: SYSTEM_ACCOUNT_ID }),
  );
});

/** The entries of the admin's current account (the seeded one), newest first: all an export may hold. */
async function accountEntries(action?: string) {
  const account = String(await seededAccountId(t));
  return (await t.entries(action)).filter((entry) => String(entry.accountId) === account);
}
afterAll(() => t.close());

/** Minimal RFC 4180 reader for the test: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 1; }
    else cell += c;
  }
  return rows;
}

const download = (query: Record<string, string>, as = agent) =>
  as.get('/admin/audit-logs/export').set('User-Agent', BROWSER_UA).query(query).buffer(true).parse((res, done) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => { body += chunk; });
    res.on('end', () => done(null, body));
  });

describe('Audit Logs export', () => {
  it('exports the entries matching the list filters as CSV with a header row', async () => {
    const response = await download({ format: 'csv', 'filters.action': 'inbox.created' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-.*\.csv"$/);
    const [header, ...rows] = parseCsv(response.body as string);
    expect(header!.slice(0, 5)).toEqual(['id', 'occurred_at', 'action', 'category', 'activity']);
    expect(rows).toHaveLength((await accountEntries('inbox.created')).length);
    expect(rows.length).toBeLessThan((await t.entries('inbox.created')).length);
    const label = header!.indexOf('target_label');
    expect(rows.slice(0, 2).map((row) => row[label])).toEqual(['Support, "EU"', `'=HYPERLINK("http://evil.example","click")`]);
    expect(response.body as string).not.toContain('Other account inbox');
  });

  it('exports JSON Lines with the same filters, newest first, one object per entry', async () => {
    const response = await download({ format: 'jsonl', 'filters.action': 'inbox.created' });
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = (response.body as string).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength((await accountEntries('inbox.created')).length);
    expect(lines.slice(0, 2).map((line) => line.target_label)).toEqual(['Support, "EU"', '=HYPERLINK("http://evil.example","click")']);
    expect(lines.map((line) => line.target_label)).not.toContain('Other account inbox');
    expect(lines[0]!.action).toBe('inbox.created');
    expect(typeof lines[0]!.occurred_at).toBe('string');
  });

  it('writes audit_log.exported with the filters, the format and the row count', async () => {
    await download({ format: 'csv', 'filters.category': 'Inbox', 'filters.occurredAt~~from': '2000-01-01T00:00:00.000Z' });
    const [entry] = await t.entries('audit_log.exported');
    expect(entry!.actorEmail).toBe('admin@messagehub.local');
    expect(entry!.userAgent).toBe(BROWSER_UA);
    expect(entry!.details).toMatchObject({
      format: 'csv',
      filters: { category: 'Inbox', occurredAt: { from: '2000-01-01T00:00:00.000Z' } },
      rows: (await accountEntries()).filter((e) => e.category === 'Inbox').length,
      complete: true,
      truncated: false,
    });
    expect(entry!.sentence).toMatch(/exported \d+ audit entries as csv/);
  });

  it('refuses agents with 403 and records nothing', async () => {
    const before = (await t.entries('audit_log.exported')).length;
    const response = await download({ format: 'csv' }, await t.signIn(AGENT_EMAIL));
    expect(response.status).toBe(403);
    expect((await t.entries('audit_log.exported')).length).toBe(before);
  });

  it('sends visitors who are not signed in to the login page', async () => {
    const response = await (await import('supertest')).default(t.app).get('/admin/audit-logs/export?format=csv');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin/login');
  });

  it('answers 400 to an unknown format or a date that is not a date', async () => {
    expect((await download({ format: 'xlsx' })).status).toBe(400);
    const bad = await download({ format: 'csv', 'filters.occurredAt~~from': 'yesterday-ish' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/not a valid date/);
  });

  it('stops at the row limit and says the file is truncated', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    const result = await streamExport(t.dataSource, exportQuery(t.dataSource, {}, 3), 'jsonl', 3, out);
    expect(result).toEqual({ rows: 3, truncated: true });
    expect(text.trimEnd().split('\n')).toHaveLength(3);
  });
});

/** SELECT of `rows` made-up entries in the export's columns, made by the database (no table is touched), numbered from 1. */
function generatedRowsSql(rows: number): string {
  const columns = EXPORT_COLUMNS.map(([name], index) => (name === 'id' ? 'g AS id' : name === 'occurred_at' ? "timestamptz '2026-01-01' + g * interval '1 second' AS occurred_at" : `'${name} ' || g AS ${name}${index}`));
  return `SELECT ${columns.join(', ')} FROM generate_series(1, ${rows}) AS g ORDER BY g`;
}

describe('an export that breaks off', () => {
  it('fails with the rows handed to the response so far, and the database connection is not reused mid-cursor', async () => {
    let writes = 0;
    const client = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        writes += 1;
        // The reader goes away after the header and the first rows.
        done(writes > 2 ? new Error('client went away') : null);
      },
    });
    // More rows than a cursor batch: the break comes with the cursor still open.
    const rows = 5000;
    const failure = await streamExport(t.dataSource, [generatedRowsSql(rows), []], 'csv', rows, client).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const sent = (failure as { exportResult: { rows: number; truncated: boolean } }).exportResult;
    // Counted as rows are formatted: up to a buffer's worth more than the reader took.
    expect(sent.rows).toBeGreaterThanOrEqual(1);
    expect(sent.rows).toBeLessThan(rows);
    // The pool still answers: the half-read connection was discarded, not handed out again.
    await expect(t.dataSource.query('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);
  });
});

describe('an export beside other requests', () => {
  /** A server with the plugin's request-context middleware whose requests wait until the test answers them. */
  async function holdingServer() {
    const held: express.Response[] = [];
    const app = express();
    app.use(t.audit.requestContext);
    app.get('/hold', (_req, res) => {
      held.push(res);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const ask = () => {
      const request = http.get({ host: '127.0.0.1', port, path: '/hold' }, (res) => res.resume());
      request.on('error', () => undefined); // the test may cut it off
      return request;
    };
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    return { held, ask, until, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('counts the requests being answered, and stops counting one when it is answered or its client goes away', async () => {
    const { held, ask, until, close } = await holdingServer();
    const before = requestsInFlight();
    const first = ask();
    ask();
    await until(() => held.length === 2);
    expect(requestsInFlight()).toBe(before + 2);
    held[1]!.end('done');
    await until(() => requestsInFlight() === before + 1);
    first.destroy(); // the reader closes the tab
    await until(() => requestsInFlight() === before);
    await close();
  });

  it('streams every row, in order, while another request is being answered, and rests between slices so that request goes first', async () => {
    const { held, ask, until, close } = await holdingServer();
    ask();
    await until(() => held.length === 1);
    const rows = 50_000;
    const sql = generatedRowsSql(rows);
    // Another request's work as the thread sees it: a run of short steps, each waiting for the
    // thread once (a request's query round trips, say), started once rows flow. It ends long before
    // the export, because the export rests between slices while a request is being answered.
    const steps = 200;
    const rowsWritten = () => Math.max(0, text.split('\r\n').length - 2);
    let rowsWhenStepsStarted = -1;
    let rowsWhenStepsDone = -1;
    let otherWork: Promise<void> | undefined;
    const startOtherWork = async () => {
      rowsWhenStepsStarted = rowsWritten();
      for (let step = 0; step < steps; step += 1) await new Promise((resolve) => setImmediate(resolve));
      rowsWhenStepsDone = rowsWritten();
    };
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        if (!otherWork && rowsWritten() > 0) otherWork = startOtherWork();
        done();
      },
    });
    try {
      const result = await streamExport(t.dataSource, [sql, []], 'csv', rows, out);
      expect(result).toEqual({ rows, truncated: false });
    } finally {
      held[0]!.end();
      await close();
    }
    await otherWork;
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(rows + 1);
    expect(lines[1]!.startsWith('1,2026-01-01T00:00:01.000Z,')).toBe(true);
    expect(lines[rows]!.startsWith(`${rows},`)).toBe(true);
    // Without rests each step would wait for a slice of rows (thousands of rows for 200 steps).
    expect(rowsWhenStepsStarted).toBeGreaterThan(0);
    expect(rowsWhenStepsDone - rowsWhenStepsStarted).toBeLessThan(rows / 50);
  });
});

describe('CSV cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+33 6 12', "'+33 6 12"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\r=x', `"'\r=x"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    [null, ''],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});
