// The plugin in a host with accounts (not MessageHub): each account's entries form a chain of their
// own that other accounts never wait on, verify and purge alone, and every read and write through
// the panel's resources stays inside the reader's current account.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ForbiddenError, Filter, type ActionContext, type CurrentAdmin } from 'adminjs';
import pg from 'pg';
import { BaseEntity, Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import {
  auditEntities, auditEntity, auditRoleMigrations, createAuditPlugin, defineActivities, DeliveryWorker, JsonLinesSink,
  type AuditEvent, type AuditPlugin, type AuditSink, type SentenceInput,
} from '@hashtrail/adminjs-audit';
import { accountFilePart } from '../../plugin/src/sinks/json-lines-sink.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { asSuperuserBypassingTriggers } from '../trust/superuser.js';

@Entity({ name: 'notes' })
class Note extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int', name: 'account_id' })
  accountId!: number;

  @Column({ type: 'text' })
  body!: string;
}

const said = (verb: string) => (input: SentenceInput) => `${input.actorName} ${verb} ${input.targetLabel ?? input.targetId}`;
const activities = defineActivities({
  'session.signed_in': { category: 'Session', sentence: said('signed in as') },
  'session.signed_out': { category: 'Session', sentence: said('signed out as') },
  'session.sign_in_failed': { category: 'Session', sentence: said('failed to sign in as') },
  'audit_log.purged': { category: 'Audit', sentence: said('purged') },
  'audit_log.checkpoint': { category: 'Audit', sentence: said('signed a checkpoint') },
  'note.created': { category: 'Note', sentence: said('wrote note') },
  'note.updated': { category: 'Note', sentence: said('changed note') },
  'note.deleted': { category: 'Note', sentence: said('deleted note') },
  'account.created': { category: 'Account', sentence: said('created account') },
});

const SYSTEM_LOG = '0';
const admin = (id: string, accountId: string | undefined): CurrentAdmin => ({ id, email: `${id}@example.test`, title: id, accountId }) as CurrentAdmin;
const contextOf = (currentAdmin: CurrentAdmin) => ({ currentAdmin }) as unknown as ActionContext;

let database: TestDatabase;
let dataSource: DataSource;
let audit: AuditPlugin;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = new DataSource({
    type: 'postgres', url: database.url, entities: [Note, ...auditEntities], extra: { max: 6 },
    migrations: auditRoleMigrations({ accounts: { idType: 'integer' } }),
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(`CREATE TABLE notes (id serial PRIMARY KEY, account_id int NOT NULL, body text NOT NULL)`);
  const { privateKey } = generateKeyPairSync('ed25519');
  audit = createAuditPlugin({
    dataSource,
    activities,
    entities: [auditEntity({ entity: Note, targetType: 'note', label: (row) => String(row.body), created: 'note.created', updated: 'note.updated', deleted: 'note.deleted', account: 'accountId' })],
    viewer: { canRead: () => true },
    accountOf: (current) => (current as { accountId?: string }).accountId,
    accountId: () => SYSTEM_LOG,
    checkpoints: { privateKey, everyEntries: 1_000_000, everySeconds: 3600 },
  });
});

afterAll(async () => {
  audit?.checkpoints?.stop();
  if (dataSource?.isInitialized) await dataSource.destroy();
  await database?.drop();
});

const record = (accountId: string | null, label: string) =>
  dataSource.transaction((manager) => audit.record(manager, { action: 'note.updated', targetType: 'note', targetLabel: label, accountId }));

async function chainOf(accountId: string): Promise<Array<{ seq: number; format: number; prevHash: string; hash: string }>> {
  return dataSource.query(
    `SELECT chain_seq::int AS seq, chain_format AS format, prev_hash AS "prevHash", hash FROM audit_logs WHERE account_id = $1 ORDER BY chain_seq`,
    [accountId],
  );
}

describe('a chain per account', () => {
  it('numbers each account from 1, links each entry to its account\'s previous one, and keeps entries with no account in the global chain', async () => {
    const globalBefore = (await dataSource.query(`SELECT last_seq::int AS seq FROM audit_chain_head`))[0].seq as number;
    await record('11', 'first of 11');
    await record('12', 'first of 12');
    await record('11', 'second of 11');
    await record(null, 'no account');
    const eleven = await chainOf('11');
    const twelve = await chainOf('12');
    expect(eleven.map((entry) => [entry.seq, entry.format])).toEqual([[1, 3], [2, 3]]);
    expect(twelve.map((entry) => [entry.seq, entry.format])).toEqual([[1, 3]]);
    expect(eleven[1]!.prevHash).toBe(eleven[0]!.hash);
    const [global] = await dataSource.query(`SELECT chain_seq::int AS seq, chain_format AS format FROM audit_logs WHERE account_id IS NULL ORDER BY id DESC LIMIT 1`);
    expect(global).toEqual({ seq: globalBefore + 1, format: 2 });
    await expect(audit.verify({ account: '11' })).resolves.toMatchObject({ ok: true, count: 2, account: '11' });
    await expect(audit.verify({ account: '12' })).resolves.toMatchObject({ ok: true, count: 1 });
  });

  it('lets an account append while another account\'s head is locked by an open transaction, and makes that account\'s own writers wait', async () => {
    await record('21', 'makes the chain');
    const holder = new pg.Client({ connectionString: database.url });
    const other = new pg.Client({ connectionString: database.url });
    await Promise.all([holder.connect(), other.connect()]);
    const append = (client: pg.Client, account: string) =>
      client.query(`SELECT * FROM audit_append_entry_v3(gen_random_uuid(), NULL, 'Bench', NULL, NULL, 'note.updated', 'Note', NULL, NULL, 'x', NULL, NULL, NULL, NULL, NULL, $1, '{}'::jsonb, 'x')`, [account]);
    try {
      await holder.query('BEGIN');
      await append(holder, '21'); // holds account 21's head until it ends
      await other.query(`SET lock_timeout = '3s'`);
      await expect(append(other, '22')).resolves.toMatchObject({ rowCount: 1 });
      await other.query(`SET lock_timeout = '200ms'`);
      await expect(append(other, '21')).rejects.toThrow(/lock timeout/);
      await holder.query('COMMIT');
      await expect(append(other, '21')).resolves.toMatchObject({ rowCount: 1 });
    } finally {
      await holder.end();
      await other.end();
    }
    await expect(audit.verify({ account: '21' })).resolves.toMatchObject({ ok: true, count: 3 });
  });

  it('keeps many concurrent writers in two accounts gap-free in each', async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => record(i % 2 === 0 ? '31' : '32', `concurrent ${i}`)));
    for (const account of ['31', '32']) {
      const chain = await chainOf(account);
      expect(chain.map((entry) => entry.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      for (let i = 1; i < chain.length; i += 1) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    }
  });

  it('finds a changed entry in its own account\'s chain only, and names the account when verifying everything', async () => {
    await record('41', 'to be altered');
    await record('42', 'left alone');
    const [target] = await dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE account_id = 41 ORDER BY chain_seq LIMIT 1`);
    await asSuperuserBypassingTriggers(dataSource, `UPDATE audit_logs SET target_label = 'rewritten' WHERE id = $1`, [target.id]);
    try {
      await expect(audit.verify({ account: '41' })).resolves.toMatchObject({ ok: false, problem: 'content_altered', entryId: target.id });
      await expect(audit.verify({ account: '42' })).resolves.toMatchObject({ ok: true });
      await expect(audit.verify()).resolves.toMatchObject({ ok: false, account: '41', problem: 'content_altered' });
    } finally {
      await asSuperuserBypassingTriggers(dataSource, `UPDATE audit_logs SET target_label = 'to be altered' WHERE id = $1`, [target.id]);
    }
    const all = await audit.verify();
    expect(all.ok).toBe(true);
    expect(all.chains?.map((chain) => chain.account)).toEqual([null, '11', '12', '21', '22', '31', '32', '41', '42']);
  });

  it('reports an entry moved into another account\'s chain', async () => {
    await record('51', 'stays');
    const [moved] = await dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE account_id = 42 ORDER BY chain_seq LIMIT 1`);
    // Its position would collide with 51's own entry (the database refuses that), so it moves past 51's head.
    await asSuperuserBypassingTriggers(dataSource, `UPDATE audit_logs SET account_id = 51, chain_seq = chain_seq + 1000 WHERE id = $1`, [moved.id]);
    try {
      await expect(audit.verify({ account: '51' })).resolves.toMatchObject({ ok: false, problem: 'not_in_chain', entryId: moved.id });
      await expect(audit.verify({ account: '42' })).resolves.toMatchObject({ ok: false, problem: 'entries_missing_at_end' }); // its one entry left
    } finally {
      await asSuperuserBypassingTriggers(dataSource, `UPDATE audit_logs SET account_id = 42, chain_seq = chain_seq - 1000 WHERE id = $1`, [moved.id]);
    }
    await expect(audit.verify()).resolves.toMatchObject({ ok: true });
  });
});

describe('checkpoints and purge per account', () => {
  // Leaves account 62's chain failing verification (the copied checkpoint): later tests verify chain by chain.
  it('signs each chain into itself, and a checkpoint copied into another account\'s chain is refused', async () => {
    await record('61', 'before the checkpoint');
    await audit.checkpoint();
    const [signed] = await dataSource.query(`SELECT details FROM audit_logs WHERE account_id = 61 AND action = 'audit_log.checkpoint'`);
    expect(signed.details.checkpoint).toMatchObject({ account: '61', seq: '1' });
    await expect(audit.verify()).resolves.toMatchObject({ ok: true });
    // The same signed payload appended to account 62's chain by the writer: signed, but for another chain.
    await record('62', 'other account');
    await dataSource.transaction((manager) => audit.record(manager, { action: 'audit_log.checkpoint', accountId: '62', details: signed.details }));
    await expect(audit.verify({ account: '62' })).resolves.toMatchObject({ ok: false, problem: 'checkpoint_mismatch' });
  });

  it('purges the older entries of one account only, records the purge in that account, and leaves every chain verifiable', async () => {
    for (const label of ['old 1', 'old 2', 'kept 1']) await record('71', label);
    await record('72', 'other account, old');
    // The test cannot wait for the retention period: the floor goes to zero, as the owner could set it.
    await asSuperuserBypassingTriggers(dataSource, `UPDATE audit_retention SET min_age = interval '0 seconds'`);
    const [cutoff] = await dataSource.query(`SELECT occurred_at AS at FROM audit_logs WHERE account_id = 71 AND target_label = 'kept 1'`);
    const result = await audit.purge({ olderThan: cutoff.at, account: '71' });
    expect(result).toMatchObject({ purged: 2, anchorSeq: '3' });
    expect((await chainOf('71')).map((entry) => entry.seq)).toEqual([3, 4, 5]); // kept, the purge's entry, its checkpoint
    const [purge] = await dataSource.query(`SELECT details FROM audit_logs WHERE account_id = 71 AND action = 'audit_log.purged'`);
    expect(purge.details).toMatchObject({ count: 2, anchorSeq: 3 });
    expect(await chainOf('72')).toHaveLength(1);
    await expect(audit.verify({ account: '71' })).resolves.toMatchObject({ ok: true, count: 3 });
    await expect(audit.verify({ account: '72' })).resolves.toMatchObject({ ok: true, count: 1 });
    await expect(audit.verify({ account: null })).resolves.toMatchObject({ ok: true });
  });
});

describe('reads and writes through the panel stay in the current account', () => {
  const alice = admin('alice', '81');
  const bob = admin('bob', '82');
  const nobody = admin('drifter', undefined);
  let notes: ReturnType<AuditPlugin['resource']>['resource'];
  let aliceNote: string;
  let bobNote: string;

  beforeAll(async () => {
    notes = audit.resources.find((entry) => entry.resource.id() === 'Note')!.resource as typeof notes;
    aliceNote = String((await notes.create({ body: 'alice private', accountId: '82' }, contextOf(alice))).id);
    bobNote = String((await notes.create({ body: 'bob private' }, contextOf(bob))).id);
  });

  it('creates rows in the admin\'s account whatever the form sent, and records them there', async () => {
    expect((await dataSource.query(`SELECT account_id FROM notes WHERE id = $1`, [aliceNote]))[0].account_id).toBe(81);
    const [entry] = await dataSource.query(`SELECT account_id::text AS account FROM audit_logs WHERE action = 'note.created' AND target_id = $1`, [aliceNote]);
    expect(entry.account).toBe('81');
  });

  it('lists, counts and finds only the admin\'s rows, even asked for the other account by filter or id', async () => {
    const listed = await notes.find(new Filter({ accountId: '82' }, notes), { limit: 50, sort: { sortBy: 'id', direction: 'asc' } }, contextOf(alice));
    expect(listed.map((record) => String(record.id()))).toEqual([aliceNote]);
    expect(await notes.count(new Filter({}, notes), contextOf(alice))).toBe(1);
    expect(await notes.findOne(bobNote, contextOf(alice))).toBeNull();
    expect((await notes.findMany([aliceNote, bobNote], contextOf(alice))).map((record) => String(record.id()))).toEqual([aliceNote]);
  });

  it('refuses to change or delete another account\'s row, and deletes nothing of a mixed bulk selection', async () => {
    await expect(notes.update(bobNote, { body: 'hijacked' }, contextOf(alice))).rejects.toThrow();
    await expect((notes as unknown as { deleteMany(ids: string[], context: ActionContext): Promise<void> }).deleteMany([aliceNote, bobNote], contextOf(alice))).rejects.toThrow();
    const rows = await dataSource.query(`SELECT id::text AS id, body FROM notes ORDER BY id`);
    expect(rows).toEqual([{ id: aliceNote, body: 'alice private' }, { id: bobNote, body: 'bob private' }]);
  });

  it('refuses an admin with no current account instead of showing every account\'s rows', async () => {
    await expect(notes.find(new Filter({}, notes), { limit: 50, sort: { sortBy: 'id', direction: 'asc' } }, contextOf(nobody))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(notes.findOne(aliceNote, contextOf(nobody))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('shows each reader only their account\'s audit entries, by list, count, id and dashboard', async () => {
    const log = audit.resources.find((entry) => entry.resource.id() === 'AuditLog')!.resource;
    const seen = await log.find(new Filter({}, log), { limit: 100, offset: 0 }, contextOf(bob));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((record) => String(record.params.accountId)))).toEqual(new Set(['82']));
    expect(await log.count(new Filter({}, log), contextOf(bob))).toBe(seen.length);
    const [aliceEntry] = await dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE account_id = 81 LIMIT 1`);
    expect(await log.findOne(aliceEntry.id, contextOf(bob))).toBeNull();
    expect(await log.findOne(aliceEntry.id, contextOf(alice))).not.toBeNull();
    const dashboard = await audit.dashboard({ admin: bob });
    expect(dashboard.latest.map((entry) => entry.id).sort()).toEqual(seen.map((record) => String(record.id())).sort());
    await expect(log.find(new Filter({}, log), { limit: 10, offset: 0 }, contextOf(nobody))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('sinks and deliveries per account', () => {
  /** Keeps what it is given, by sink. */
  class KeepingSink implements AuditSink {
    readonly events: AuditEvent[] = [];
    constructor(readonly name: string, readonly accounts?: readonly string[]) {}
    async deliver(events: AuditEvent[]): Promise<void> {
      this.events.push(...events);
    }
  }
  const onlyA = new KeepingSink('only-a1', ['101']);
  const every = new KeepingSink('every');
  let folder: string;
  let files: JsonLinesSink;
  let withDelivery: AuditPlugin;
  // A plugin is made once per DataSource: the one with sinks gets its own connection pool.
  let deliveryDataSource: DataSource;

  beforeAll(async () => {
    deliveryDataSource = await new DataSource({ type: 'postgres', url: database.url, entities: [...auditEntities], extra: { max: 2 }, migrations: auditRoleMigrations({ accounts: { idType: 'integer' } }) }).initialize();
    folder = await mkdtemp(path.join(tmpdir(), 'audit-account-files-'));
    files = new JsonLinesSink({ name: 'files', path: path.join(folder, 'log-{account}.jsonl') });
    withDelivery = createAuditPlugin({
      dataSource: deliveryDataSource,
      activities,
      entities: [],
      viewer: { canRead: () => true },
      accountOf: (current) => (current as { accountId?: string }).accountId,
      accountId: () => SYSTEM_LOG,
      delivery: { sinks: [onlyA, every, files] },
    });
    await withDelivery.delivery!.register();
    await record('101', 'a1 first');
    await record('102', 'a2 first');
    await record(null, 'no account');
    await record('101', 'a1 second');
    while ((await withDelivery.delivery!.runOnce()) > 0);
  });

  afterAll(async () => {
    await new DeliveryWorker(dataSource, []).register(); // leaves no sink registered
    await deliveryDataSource.destroy();
    await rm(folder, { recursive: true, force: true });
  });

  it('queues an entry only for the sinks that take its account', async () => {
    expect(onlyA.events.map((event) => event.entry.targetLabel)).toEqual(['a1 first', 'a1 second']);
    expect(every.events.map((event) => event.entry.targetLabel)).toEqual(expect.arrayContaining(['a1 first', 'a2 first', 'no account', 'a1 second']));
    const queuedForA = await dataSource.query(`SELECT DISTINCT account_id FROM audit_outbox WHERE sink = 'only-a1'`);
    expect(queuedForA).toEqual([{ account_id: '101' }]);
  });

  it('refuses a sink whose account list is empty or holds something that is not an id', () => {
    expect(() => new DeliveryWorker(dataSource, [new KeepingSink('none', [])])).toThrow(/at least one account id/);
    expect(() => new DeliveryWorker(dataSource, [new KeepingSink('odd', ['1,2'])])).toThrow(/is not an account id/);
  });

  it('writes a JSON Lines file per account, the entries with no account to the global one', async () => {
    const read = async (name: string) => (await readFile(path.join(folder, name), 'utf8')).split('\n').filter(Boolean).map((line) => (JSON.parse(line) as AuditEvent).entry.targetLabel);
    expect(await read('log-101.jsonl')).toEqual(['a1 first', 'a1 second']);
    expect(await read('log-102.jsonl')).toEqual(['a2 first']);
    expect(await read('log-global.jsonl')).toEqual(['no account']);
    expect(accountFilePart('../x')).toBe('%2E%2E%2Fx');
    expect(accountFilePart('global')).not.toBe('global');
  });

  it('shows each administrator only their account\'s deliveries in Audit Deliveries', async () => {
    const deliveries = withDelivery.resources.find((entry) => entry.resource.id() === 'AuditDelivery')!.resource;
    const seen = await deliveries.find(new Filter({ accountId: '102' }, deliveries), { limit: 100, offset: 0, sort: { sortBy: 'id', direction: 'desc' } }, contextOf(admin('amy', '101')));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((row) => row.get('accountId')))).toEqual(new Set(['101']));
    expect(await deliveries.count(new Filter({}, deliveries), contextOf(admin('amy', '101')))).toBe(seen.length);
    const [theirs] = await dataSource.query(`SELECT id::text AS id FROM audit_outbox WHERE account_id = '102' LIMIT 1`);
    expect(await deliveries.findOne(theirs.id, contextOf(admin('amy', '101')))).toBeNull();
    expect(await deliveries.findOne(theirs.id, contextOf(admin('al', '102')))).not.toBeNull();
    await expect(deliveries.find(new Filter({}, deliveries), { limit: 10, offset: 0 }, contextOf(admin('drifter', undefined)))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('a cutoff per chain', () => {
  it('purges one account with the cutoff its function gives, and refuses a chain the function leaves without one', async () => {
    for (const label of ['old', 'kept']) await record('111', label);
    await asSuperuserBypassingTriggers(dataSource, `UPDATE audit_retention SET min_age = interval '0 seconds'`);
    const [kept] = await dataSource.query(`SELECT occurred_at AS at FROM audit_logs WHERE account_id = 111 AND target_label = 'kept'`);
    const asked: Array<string | null> = [];
    const cutoffs = (account: string | null) => {
      asked.push(account);
      return account === '111' ? (kept.at as Date) : null;
    };
    const result = await audit.purge({ olderThan: cutoffs, details: (account) => ({ retentionOf: account }), account: '111' });
    expect(result).toMatchObject({ purged: 1, anchorSeq: '2' });
    expect(asked).toEqual(['111']);
    const [purge] = await dataSource.query(`SELECT details FROM audit_logs WHERE account_id = 111 AND action = 'audit_log.purged'`);
    expect(purge.details).toMatchObject({ count: 1, retentionOf: '111' });
    await expect(audit.purge({ olderThan: cutoffs, account: '112' })).rejects.toThrow(/no cutoff for account 112/);
    await expect(audit.purge({ olderThan: () => new Date('not a date'), account: '111' })).rejects.toThrow(/not a valid date/);
    await expect(audit.verify({ account: '111' })).resolves.toMatchObject({ ok: true });
  });
});
