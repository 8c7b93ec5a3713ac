// What a database holds, read from its catalogue the same way on the former engine (PGlite) and on
// the embedded PostgreSQL server: its tables with their columns, its sequences, and for each table a
// fingerprint of its rows. Both sides answer the same SQL, every value cast to text, so the two
// drivers' type parsers never come into it.

/** Runs one statement and returns its rows, every value as text (or null). */
export type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, string | null>>>;

export interface Column {
  name: string;
  /** format_type(): `timestamp with time zone`, `character varying(255)`, `text[]`… */
  type: string;
  /** A generated column: computed by the database, never copied. */
  generated: boolean;
  /** GENERATED ALWAYS AS IDENTITY: an insert of its value needs OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
}

export interface Table {
  schema: string;
  name: string;
  /** Sorted by name, so two databases whose columns were added in another order still compare. */
  columns: Column[];
}

export interface Sequence {
  schema: string;
  name: string;
}

export interface Catalogue {
  tables: Table[];
  sequences: Sequence[];
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const qualified = (object: { schema: string; name: string }) => `${ident(object.schema)}.${ident(object.name)}`;
/** How a table or sequence is named to a person: without "public.". */
export const displayName = (object: { schema: string; name: string }) => (object.schema === 'public' ? object.name : `${object.schema}.${object.name}`);

/** Schemas of the system, not of the app. */
const USER_SCHEMA = `n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`;

// Plain tables (partitions included: rows live in them, not in their parent), minus those an
// extension owns (it creates them itself).
const COLUMNS_SQL = `
  SELECT n.nspname::text AS schema, c.relname::text AS "table", a.attname::text AS "column",
         format_type(a.atttypid, a.atttypmod) AS type,
         (a.attgenerated <> '')::text AS generated, (a.attidentity = 'a')::text AS identity_always
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE c.relkind = 'r' AND ${USER_SCHEMA}
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
   ORDER BY 1, 2, 3`;

const SEQUENCES_SQL = `
  SELECT n.nspname::text AS schema, c.relname::text AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind = 'S' AND ${USER_SCHEMA}
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
   ORDER BY 1, 2`;

export async function readCatalogue(query: Query): Promise<Catalogue> {
  const tables = new Map<string, Table>();
  for (const row of await query(COLUMNS_SQL)) {
    const key = `${row.schema}.${row.table}`;
    let table = tables.get(key);
    if (!table) tables.set(key, (table = { schema: row.schema!, name: row.table!, columns: [] }));
    table.columns.push({ name: row.column!, type: row.type!, generated: row.generated === 'true', identityAlways: row.identity_always === 'true' });
  }
  const sequences = (await query(SEQUENCES_SQL)).map((row) => ({ schema: row.schema!, name: row.name! }));
  return { tables: [...tables.values()], sequences };
}

/** Every way `target` differs from `source`, in words; empty when they hold the same tables, columns and sequences. */
export function catalogueDifferences(source: Catalogue, target: Catalogue): string[] {
  const differences: string[] = [];
  const byName = <T extends { schema: string; name: string }>(list: T[]) => new Map(list.map((item) => [qualified(item), item]));
  const sourceTables = byName(source.tables);
  const targetTables = byName(target.tables);
  for (const [key, table] of sourceTables) {
    const other = targetTables.get(key);
    if (!other) {
      differences.push(`table ${displayName(table)} is in the former database only`);
      continue;
    }
    const otherColumns = new Map(other.columns.map((column) => [column.name, column]));
    for (const column of table.columns) {
      const match = otherColumns.get(column.name);
      if (!match) differences.push(`column ${displayName(table)}.${column.name} is in the former database only`);
      else if (match.type !== column.type || match.generated !== column.generated) {
        differences.push(`column ${displayName(table)}.${column.name} is ${describe(column)} in the former database, ${describe(match)} in the new one`);
      }
    }
    const sourceColumns = new Set(table.columns.map((column) => column.name));
    for (const column of other.columns) if (!sourceColumns.has(column.name)) differences.push(`column ${displayName(table)}.${column.name} is in the new database only`);
  }
  for (const [key, table] of targetTables) if (!sourceTables.has(key)) differences.push(`table ${displayName(table)} is in the new database only`);
  const sourceSequences = byName(source.sequences);
  const targetSequences = byName(target.sequences);
  for (const [key, sequence] of sourceSequences) if (!targetSequences.has(key)) differences.push(`sequence ${displayName(sequence)} is in the former database only`);
  for (const [key, sequence] of targetSequences) if (!sourceSequences.has(key)) differences.push(`sequence ${displayName(sequence)} is in the new database only`);
  return differences;
}

const describe = (column: Column) => `${column.type}${column.generated ? ' (generated)' : ''}`;

/**
 * Settings under which a value's text is the same on both engines (dates in UTC and ISO, floats
 * to the shortest exact digits, bytea in hex). The fingerprints and the copy run under them.
 */
export const TEXT_SETTINGS = [
  `SET TimeZone = 'UTC'`,
  `SET DateStyle = 'ISO, YMD'`,
  `SET IntervalStyle = 'postgres'`,
  `SET extra_float_digits = 1`,
  `SET bytea_output = 'hex'`,
];

export interface Fingerprint {
  rows: number;
  /** Two sums of 60-bit slices of each row's md5: any changed, missing or extra row changes them. */
  digest: string;
}

/**
 * The table's row count and a digest of its rows' content (every column, generated ones too, in
 * name order), independent of the rows' physical order. Equal on both sides means the same rows.
 */
export async function fingerprint(query: Query, table: Table): Promise<Fingerprint> {
  const row = `ROW(${table.columns.map((column) => `t.${ident(column.name)}`).join(', ')})::text`;
  const [result] = await query(`
    SELECT count(*)::text AS rows,
           coalesce(sum(('x' || substr(h, 1, 15))::bit(60)::bigint::numeric), 0)::text || '/' ||
           coalesce(sum(('x' || substr(h, 16, 15))::bit(60)::bigint::numeric), 0)::text AS digest
      FROM (SELECT md5(${row}) AS h FROM ${qualified(table)} AS t) AS hashed`);
  return { rows: Number(result!.rows), digest: result!.digest! };
}

export interface SequenceValue extends Sequence {
  lastValue: string;
  isCalled: boolean;
}

export async function readSequence(query: Query, sequence: Sequence): Promise<SequenceValue> {
  const [row] = await query(`SELECT last_value::text AS last_value, is_called::text AS is_called FROM ${qualified(sequence)}`);
  return { ...sequence, lastValue: row!.last_value!, isCalled: row!.is_called === 'true' };
}

/** The migrations TypeORM recorded as run, in the order they ran; empty when it never ran any. */
export async function executedMigrations(query: Query): Promise<string[]> {
  const [{ present }] = (await query(`SELECT (to_regclass('public.migrations') IS NOT NULL)::text AS present`)) as Array<{ present: string }>;
  if (present !== 'true') return [];
  return (await query(`SELECT name FROM public.migrations ORDER BY id`)).map((row) => row.name!);
}

export interface ChainHead {
  lastSeq: string;
  lastHash: string;
}

/** The audit chain's head (position and hash of its newest entry), or null before the chain existed. */
export async function chainHead(query: Query): Promise<ChainHead | null> {
  const [{ present }] = (await query(`SELECT (to_regclass('public.audit_chain_head') IS NOT NULL)::text AS present`)) as Array<{ present: string }>;
  if (present !== 'true') return null;
  const [row] = await query(`SELECT last_seq::text AS last_seq, last_hash::text AS last_hash FROM public.audit_chain_head WHERE id = 1`);
  return row ? { lastSeq: row.last_seq!, lastHash: row.last_hash! } : null;
}
