// The throwaway Citus cluster (test/helpers/citus-cluster.ts) really distributes: rows of a table
// distributed by account live in shards on both workers, a query for one account goes to the one
// worker holding it, reference tables are copied to every node and join locally, and Citus refuses
// what it cannot enforce across shards.
import pg from 'pg';
import { startCitusCluster, type CitusCluster } from '../helpers/citus-cluster.js';

const ACCOUNTS = 40;
const ROWS_PER_ACCOUNT = 5;

let cluster: CitusCluster;
let coordinator: pg.Client;
let workerPorts: number[];

async function rows<T>(client: pg.Client, text: string, values: unknown[] = []): Promise<T[]> {
  return (await client.query(text, values)).rows as T[];
}

beforeAll(async () => {
  cluster = await startCitusCluster();
  workerPorts = cluster.nodes.slice(1).map((node) => node.port).sort((a, b) => a - b);
  coordinator = new pg.Client({ connectionString: cluster.coordinatorUrl });
  await coordinator.connect();
  await coordinator.query(`CREATE TABLE events (account_id int, id bigint, payload text, PRIMARY KEY (account_id, id))`);
  await coordinator.query(`SELECT create_distributed_table('events', 'account_id')`);
  await coordinator.query(
    `INSERT INTO events SELECT a, i, 'account ' || a || ' event ' || i FROM generate_series(1, $1::int) a, generate_series(1, $2::int) i`,
    [ACCOUNTS, ROWS_PER_ACCOUNT],
  );
}, 120_000);

afterAll(async () => {
  await coordinator?.end();
  await cluster?.destroy();
}, 60_000);

test('the coordinator knows both workers', async () => {
  const nodes = await rows<{ nodeport: number; groupid: number }>(coordinator, `SELECT nodeport, groupid FROM pg_dist_node WHERE isactive ORDER BY nodeport`);
  expect(nodes.filter((node) => node.groupid !== 0).map((node) => node.nodeport)).toEqual(workerPorts);
  expect(nodes.find((node) => node.groupid === 0)?.nodeport).toBe(cluster.nodes[0]!.port);
});

test('the shards, and the rows in them, are spread over both workers', async () => {
  const shards = await rows<{ shard_name: string; nodeport: number }>(
    coordinator,
    `SELECT shard_name, nodeport FROM citus_shards WHERE table_name = 'events'::regclass`,
  );
  expect([...new Set(shards.map((shard) => shard.nodeport))].sort((a, b) => a - b)).toEqual(workerPorts);

  // Counted on each worker itself, in its own shard tables: the data is physically split.
  const counts: number[] = [];
  for (const [index, url] of cluster.workerUrls.entries()) {
    const port = cluster.nodes[index + 1]!.port;
    const worker = new pg.Client({ connectionString: url });
    await worker.connect();
    try {
      const perShard = shards.filter((shard) => shard.nodeport === port).map((shard) => `SELECT count(*) AS n FROM ${shard.shard_name}`);
      const [{ count }] = await rows<{ count: string }>(worker, `SELECT sum(n)::text AS count FROM (${perShard.join(' UNION ALL ')}) c`);
      counts.push(Number(count));
    } finally {
      await worker.end();
    }
  }
  expect(counts.every((count) => count > 0)).toBe(true);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(ACCOUNTS * ROWS_PER_ACCOUNT);
  const [{ total }] = await rows<{ total: string }>(coordinator, `SELECT count(*)::text AS total FROM events`);
  expect(Number(total)).toBe(ACCOUNTS * ROWS_PER_ACCOUNT);
});

test('a query for one account is routed to the single worker holding its shard', async () => {
  const [placement] = await rows<{ nodeport: number }>(
    coordinator,
    `SELECT nodeport FROM citus_shards WHERE shardid = get_shard_id_for_distribution_column('events', 7)`,
  );
  const plan = (await rows<{ 'QUERY PLAN': string }>(coordinator, `EXPLAIN SELECT * FROM events WHERE account_id = 7`)).map((row) => row['QUERY PLAN']).join('\n');
  expect(plan).toContain('Custom Scan (Citus Adaptive)');
  expect(plan).toContain('Task Count: 1');
  expect(plan).toContain(`Node: host=127.0.0.1 port=${placement!.nodeport} `);

  const everywhere = (await rows<{ 'QUERY PLAN': string }>(coordinator, `EXPLAIN SELECT count(*) FROM events`)).map((row) => row['QUERY PLAN']).join('\n');
  const [{ shard_count }] = await rows<{ shard_count: number }>(coordinator, `SELECT shard_count::int FROM citus_tables WHERE table_name = 'events'::regclass`);
  expect(shard_count).toBeGreaterThan(1);
  expect(everywhere).toContain(`Task Count: ${shard_count}`);

  const found = await rows<{ id: string }>(coordinator, `SELECT id::text FROM events WHERE account_id = 7 ORDER BY id`);
  expect(found.map((row) => Number(row.id))).toEqual([1, 2, 3, 4, 5]);
});

test('a reference table is copied to every node and joins with the distributed table', async () => {
  await coordinator.query(`CREATE TABLE plans (account_id int PRIMARY KEY, plan text NOT NULL)`);
  await coordinator.query(`SELECT create_reference_table('plans')`);
  await coordinator.query(`INSERT INTO plans SELECT a, CASE WHEN a % 4 = 0 THEN 'pro' ELSE 'free' END FROM generate_series(1, $1::int) a`, [ACCOUNTS]);

  const placements = await rows<{ nodeport: number }>(coordinator, `SELECT nodeport FROM citus_shards WHERE table_name = 'plans'::regclass ORDER BY nodeport`);
  expect(placements.map((row) => row.nodeport)).toEqual(expect.arrayContaining(workerPorts));
  const [kind] = await rows<{ citus_table_type: string }>(coordinator, `SELECT citus_table_type FROM citus_tables WHERE table_name = 'plans'::regclass`);
  expect(kind!.citus_table_type).toBe('reference');

  const perPlan = await rows<{ plan: string; count: string }>(
    coordinator,
    `SELECT p.plan, count(*)::text AS count FROM events e JOIN plans p USING (account_id) GROUP BY p.plan ORDER BY p.plan`,
  );
  expect(perPlan).toEqual([
    { plan: 'free', count: String((ACCOUNTS - ACCOUNTS / 4) * ROWS_PER_ACCOUNT) },
    { plan: 'pro', count: String((ACCOUNTS / 4) * ROWS_PER_ACCOUNT) },
  ]);
  // The join for one account runs on that account's worker against its local copy of plans.
  const plan = (await rows<{ 'QUERY PLAN': string }>(coordinator, `EXPLAIN SELECT e.id, p.plan FROM events e JOIN plans p USING (account_id) WHERE account_id = 8`))
    .map((row) => row['QUERY PLAN'])
    .join('\n');
  expect(plan).toContain('Task Count: 1');
});

test('a UNIQUE constraint without the distribution column is refused', async () => {
  await expect(coordinator.query(`ALTER TABLE events ADD CONSTRAINT events_id_unique UNIQUE (id)`)).rejects.toMatchObject({
    message: 'cannot create constraint on "events"',
    detail: expect.stringContaining('Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do not include the partition column'),
  });
  await expect(coordinator.query(`CREATE UNIQUE INDEX events_id ON events (id)`)).rejects.toThrow('creating unique indexes on non-partition columns is currently unsupported');
  // With the distribution column in it, each shard can enforce it alone: accepted.
  await coordinator.query(`ALTER TABLE events ADD CONSTRAINT events_account_payload UNIQUE (account_id, payload)`);
});

test('destroy() may be called again once the cluster is gone', async () => {
  const spare = await startCitusCluster({ workers: 1 });
  expect(spare.workerUrls).toHaveLength(1);
  await spare.destroy();
  await expect(spare.destroy()).resolves.toBeUndefined();
  const gone = new pg.Client({ connectionString: spare.coordinatorUrl, connectionTimeoutMillis: 5_000 });
  await expect(gone.connect()).rejects.toThrow(/ECONNREFUSED/);
}, 120_000);
