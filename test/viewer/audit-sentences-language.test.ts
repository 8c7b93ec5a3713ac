// An entry is stored once and read in each reader's language: the list, the show page, the export
// and the dashboard render its sentence from the stored key and parameters, with the form's field
// labels; the search box matches the sentence in the account's language.
import { Account, User } from '../../src/entities/index.js';
import { entryHashSql } from '../../plugin/src/chain/canonical.js';
import { adminApi } from '../helpers/admin-api.js';
import { asSuperuserBypassingTriggers, restoreRows, snapshotRow } from '../trust/superuser.js';
import { ADMIN_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let inboxId: string;

beforeAll(async () => {
  t = await startTestApp();
  const admin = adminApi(await t.signIn());
  const created = await admin.create('Inbox', { name: 'Facturación', channelType: 'api' });
  inboxId = String(created.body.record!.params.id);
  await admin.edit('Inbox', inboxId, { name: 'Facturación 2' });
});
afterAll(() => t.close());

// Audited writes, as the panel makes them: a loaded row saved in a transaction.
const setUserLanguage = (email: string, locale: string | null) =>
  t.dataSource.transaction(async (manager) => {
    const user = (await manager.findOneBy(User, { email }))!;
    if (user.locale === locale) return;
    user.locale = locale;
    await manager.save(user);
  });
const setAccountLanguage = (locale: string) =>
  t.dataSource.transaction(async (manager) => {
    const account = (await manager.find(Account, { order: { id: 'ASC' }, take: 1 }))[0]!;
    account.locale = locale;
    await manager.save(account);
  });

async function listedSentences(language: string | null, query: Record<string, string> = {}) {
  await setUserLanguage(ADMIN_EMAIL, language);
  const admin = adminApi(await t.signIn());
  const list = await admin.list('AuditLog', { 'filters.action': 'inbox.updated', ...query });
  expect(list.status).toBe(200);
  return (list.body.records ?? []).map((record) => ({ id: String(record.params.id), sentence: String(record.params.sentence), category: String(record.params.category) }));
}

describe('sentences in the reader\'s language', () => {
  it('shows the same stored entry in German, French and English, fields named as the form names them', async () => {
    const [stored] = await t.entries('inbox.updated');
    expect(stored!.params).toEqual({ fields: { fields: ['name'] } });

    const [german] = await listedSentences('de');
    expect(german!.id).toBe(stored!.id);
    expect(german!.sentence).toContain('Facturación 2');
    expect(german!.sentence).not.toContain('updated');
    // The list keeps the category's value: the panel shows it as the category filter's badge, in German.
    expect(german!.category).toBe('Inbox');

    const [french] = await listedSentences('fr');
    expect(french!.sentence).not.toBe(german!.sentence);
    expect(french!.sentence).toContain('Facturación 2');

    const [english] = await listedSentences(null);
    expect(english!.sentence).toBe(`${stored!.actorName} updated inbox "Facturación 2" (#${inboxId}): Name`);
    expect(english!.category).toBe('Inbox');
  });

  it('renders the show page in the reader\'s language too', async () => {
    const [stored] = await t.entries('inbox.updated');
    await setUserLanguage(ADMIN_EMAIL, 'es');
    const admin = adminApi(await t.signIn());
    const shown = await admin.show('AuditLog', stored!.id);
    const [spanish] = await listedSentences('es');
    expect(shown.body.record!.params.sentence).toBe(spanish!.sentence);
    expect((shown.body.record as { title?: string }).title).toBe(spanish!.sentence);
    expect(shown.body.record!.params.category).toBe('Bandeja de entrada');
  });

  it('reads in the account\'s language when the user chose none, and the search matches what the account\'s language wrote', async () => {
    await setAccountLanguage('pt-BR');
    try {
      const [portuguese] = await listedSentences(null);
      const [brazilianChoice] = await listedSentences('pt-BR');
      expect(portuguese!.sentence).toBe(brazilianChoice!.sentence);

      // Entries written now carry their search text in Portuguese.
      const admin = adminApi(await t.signIn());
      await admin.edit('Inbox', inboxId, { name: 'Facturación 3' });
      const [newest] = await t.entries('inbox.updated');
      const [rendered] = await listedSentences(null);
      expect(newest!.sentence).toBe(rendered!.sentence);
      const word = rendered!.sentence.split(/\s+/).find((candidate) => /^[a-zà-ú]{6,}$/i.test(candidate) && !/Facturación/.test(candidate))!;
      const found = await admin.list('AuditLog', { 'filters.search': word });
      expect((found.body.records ?? []).map((record) => String(record.params.id))).toContain(newest!.id);
    } finally {
      await setAccountLanguage('en');
    }
  });

  it('exports the key, the parameters and the sentence in the exporting admin\'s language', async () => {
    await setUserLanguage(ADMIN_EMAIL, 'de');
    const agent = await t.signIn();
    const response = await agent.get('/admin/audit-logs/export').set('User-Agent', BROWSER_UA).query({ format: 'jsonl', 'filters.action': 'inbox.updated' });
    expect(response.status).toBe(200);
    const rows = response.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const [german] = await listedSentences('de');
    const exported = rows.find((row) => String(row.id) === german!.id)!;
    expect(exported).toMatchObject({ action: 'inbox.updated', params: { fields: { fields: ['name'] } }, activity: german!.sentence });
  });

  it('answers a refused export in the reader\'s language', async () => {
    await setUserLanguage(ADMIN_EMAIL, 'de');
    const agent = await t.signIn();
    const response = await agent.get('/admin/audit-logs/export').set('User-Agent', BROWSER_UA).query({ format: 'csv', nope: '1' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Unbekannter Parameter „nope“');
  });

  it('an entry written before chain format 2 (no params) shows the sentence it was written with', async () => {
    // A format-1 entry as 0.2 wrote it in the seeded account, in the global chain: what 0.2's append
    // function (migration 1764000000403) did, hashed by its own SQL (entryHashSql). That function
    // itself can no longer insert since migration 1764000000800 made account_id the account key's type
    // (integer here): the account id is cast as that migration converted the column (the canonical text,
    // hashed, holds it as text either way).
    const [{ id: account }] = await t.dataSource.query(`SELECT min(id)::text AS id FROM account`);
    const tail = `null,"System",null,null,"inbox.created","Inbox","inbox","1","Old inbox",null,null,null,null,null,${JSON.stringify(account)},"System created inbox \\"Old inbox\\" (#1)"]`;
    const hash = entryHashSql({ prevHash: 'head.prev_hash', chainSeq: 'head.chain_seq', id: 'head.id', eventId: 'head.event_id', occurredAt: 'head.occurred_at', tail: '$1::text' });
    const [row] = await asSuperuserBypassingTriggers<Array<{ id: string }>>(
      t.dataSource,
      `WITH head AS (
         SELECT h.last_seq + 1 AS chain_seq, h.last_hash AS prev_hash, now() AS occurred_at, gen_random_uuid() AS event_id,
                nextval(pg_get_serial_sequence('audit_logs', 'id')) AS id
           FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE),
       entry AS (
         INSERT INTO audit_logs (id, chain_seq, event_id, occurred_at, actor_name, action, category, target_type, target_id, target_label,
                                 account_id, sentence, prev_hash, hash, chain_format, params)
         SELECT head.id, head.chain_seq, head.event_id, head.occurred_at, 'System', 'inbox.created', 'Inbox', 'inbox', '1', 'Old inbox',
                $2::integer, 'System created inbox "Old inbox" (#1)', head.prev_hash, ${hash}, 1, NULL
           FROM head
         RETURNING audit_logs.id, audit_logs.chain_seq, audit_logs.hash),
       moved AS (UPDATE audit_chain_head SET last_seq = entry.chain_seq, last_hash = entry.hash FROM entry WHERE audit_chain_head.id = 1 RETURNING 1)
       SELECT entry.id::text AS id FROM entry, moved`,
      [tail, account],
    );
    await setUserLanguage(ADMIN_EMAIL, 'de');
    const admin = adminApi(await t.signIn());
    const shown = await admin.show('AuditLog', row!.id);
    expect(shown.body.record!.params.sentence).toBe('System created inbox "Old inbox" (#1)');
    // Old and new formats verify in one walk, and an edit of the old entry is still caught.
    expect(await t.audit.verify()).toMatchObject({ ok: true });
    const original = await snapshotRow(t.dataSource, row!.id);
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET sentence = 'Nothing happened' WHERE id = $1`, [row!.id]);
    try {
      expect(await t.audit.verify()).toMatchObject({ ok: false, problem: 'content_altered', entryId: row!.id });
    } finally {
      await restoreRows(t.dataSource, original);
    }
    expect(await t.audit.verify()).toMatchObject({ ok: true });
  });
});

afterEach(async () => {
  await setUserLanguage(ADMIN_EMAIL, null);
});
