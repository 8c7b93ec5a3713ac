// Export of the entries matching the Audit Logs list's filters: streamed CSV / JSON Lines,
// neutralised against formula injection, administrators only, and itself recorded.
import { PassThrough, Writable } from 'node:stream';
import { csvCell } from '../../plugin/src/export/export-format.js';
import { exportQuery, streamExport } from '../../plugin/src/export/export-stream.js';
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

describe('an export that breaks off', () => {
  it('fails with the rows handed to the response so far, and the database connection is not reused mid-cursor', async () => {
    let writes = 0;
    const client = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        writes += 1;
        // The reader goes away after the header and two rows.
        done(writes > 3 ? new Error('client went away') : null);
      },
    });
    const failure = await streamExport(t.dataSource, exportQuery(t.dataSource, {}, 1000), 'csv', 1000, client).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const sent = (failure as { exportResult: { rows: number; truncated: boolean } }).exportResult;
    // Counted as rows are formatted: up to a buffer's worth more than the reader took.
    expect(sent.rows).toBeGreaterThanOrEqual(2);
    expect(sent.rows).toBeLessThanOrEqual((await t.entries()).length);
    // The pool still answers: the half-read connection was discarded, not handed out again.
    await expect(t.dataSource.query('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);
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
