// The one place configuration is read and validated. Every limit the app sets is named here with its default.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const positiveInt = (max: number) => z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

/** "1, 2,3" → ['1', '2', '3']: account ids, as the audit plugin names accounts (text). */
const accountList = z
  .string()
  .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be account ids separated by commas, e.g. 1,2,5')
  .transform((value) => [...new Set(value.split(',').map((id) => BigInt(id.trim()).toString()))]);

const roleName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL role name');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535, 'must be a port number (0-65535)').default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** `citus`: DATABASE_URL is a Citus coordinator; after the migrations the tables are placed on the cluster (src/db/citus/). */
  DATABASE_DISTRIBUTION: z.enum(['none', 'citus'], { message: 'must be none or citus' }).default('none'),
  DB_POOL_SIZE: positiveInt(100).default(10),
  MIGRATE_ON_START: booleanFromEnv.default(true),
  SEED_ON_START: booleanFromEnv.default(true),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_MAX_AGE_HOURS: positiveInt(24 * 30).default(8),
  SEED_ADMIN_EMAIL: z.string().email('must be an email address').default('admin@messagehub.local'),
  SEED_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').default('ChangeMe-Admin-2026'),
  SEED_AGENT_PASSWORD: z.string().min(10, 'must be at least 10 characters').default('Agent-Demo-2026'),
  PASSWORD_MIN_LENGTH: positiveInt(128).default(10),
  INVITATION_TTL_DAYS: positiveInt(90).default(7),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+$/, 'must be an http:// or https:// origin without a path, e.g. https://support.example.com')
    .optional(),
  BCRYPT_ROUNDS: z.coerce.number().int().min(4, 'must be at least 4').max(15, 'must be at most 15').default(12),
  TRUST_PROXY: z
    .string()
    .regex(/^(false|true|\d+|[0-9a-fA-F.:/, ]+|loopback|linklocal|uniquelocal)$/, 'must be false, true, a hop count, or a list of proxy addresses/subnets')
    .default('false'),
  MAX_BODY_BYTES: positiveInt(50 * 1024 * 1024).default(1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_JS_TMP_DIR: z.string().min(1).default('./adminjs-bundle'),
  /** Audit entries older than this many days are removed by `npm run audit:purge` (and the daily purge, if on). */
  AUDIT_RETENTION_DAYS: positiveInt(36_500).default(365),
  /** The longest retention period an account's administrators may choose in Account settings (the shortest is the database's floor, AUDIT_MIN_RETENTION_DAYS). */
  AUDIT_RETENTION_MAX_DAYS: positiveInt(36_500).default(3650),
  /** Run the retention purge inside the server process, at start and then every 24 hours. */
  AUDIT_PURGE_DAILY: booleanFromEnv.default(false),
  /** Sign-in attempts that did not succeed, per client IP, before further attempts are refused for a while. */
  SIGN_IN_MAX_FAILURES_PER_IP: positiveInt(100_000).default(20),
  /** The same per email address (from any IP). */
  SIGN_IN_MAX_FAILURES_PER_EMAIL: positiveInt(100_000).default(5),
  /** The sliding window both limits count over. */
  SIGN_IN_THROTTLE_WINDOW_MINUTES: positiveInt(24 * 60).default(15),
  /** Audit events are POSTed here (JSON, signed with AUDIT_WEBHOOK_SECRET), at least once, with retries. */
  AUDIT_WEBHOOK_URL: z.string().regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL').optional(),
  AUDIT_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Only these accounts' events go to the webhook (comma-separated account ids); unset: every account's and the system log's. */
  AUDIT_WEBHOOK_ACCOUNTS: accountList.optional(),
  /** Audit events are appended here as JSON Lines ("-" for stdout); `{account}` in the path gives each account a file of its own. */
  AUDIT_JSONL_PATH: z.string().min(1).optional(),
  /** Only these accounts' events go to the JSON Lines file (comma-separated account ids); unset: every account's and the system log's. */
  AUDIT_JSONL_ACCOUNTS: accountList.optional(),
  /** How often the delivery worker looks for new events when idle. */
  AUDIT_DELIVERY_POLL_MS: positiveInt(3_600_000).default(1000),
  /** Events per delivery (one webhook POST, one file append). */
  AUDIT_DELIVERY_BATCH: positiveInt(10_000).default(100),
  /** First retry delay after a failed delivery; doubles per attempt up to AUDIT_DELIVERY_RETRY_MAX_MS. */
  AUDIT_DELIVERY_RETRY_MIN_MS: positiveInt(3_600_000).default(1000),
  AUDIT_DELIVERY_RETRY_MAX_MS: positiveInt(24 * 3_600_000).default(300_000),
  /** How long a batch taken by a worker stays reserved; after a crash it is delivered again once this runs out. */
  AUDIT_DELIVERY_LEASE_MS: positiveInt(3_600_000).default(60_000),
  // Audit Logs list: totals are counted up to this many entries (beyond it the list shows the cap,
  // or the planner's estimate when nothing is filtered); counting more would read more of the log.
  AUDIT_LIST_COUNT_CAP: positiveInt(10_000_000).default(10_000),
  // Audit Logs search: how many of the newest entries are tested before the trigram index is asked.
  AUDIT_SEARCH_WINDOW: positiveInt(1_000_000).default(5_000),
  /** Most rows one list page of the panel may hold, on every resource: a larger perPage is lowered to it. */
  LIST_PER_PAGE_MAX: positiveInt(500).default(100),
  /** Most rows one audit export file may hold (the rest is left out, and the export's entry says so). */
  EXPORT_MAX_ROWS: positiveInt(50_000_000).default(1_000_000),
  // Database roles of the audit log (docs/operations.md, "Audit database roles"): the NOLOGIN role
  // that owns the audit tables, and the role allowed to purge. Read by the migrations.
  AUDIT_OWNER_ROLE: roleName.default('audit_owner'),
  AUDIT_MAINTENANCE_ROLE: roleName.default('audit_maintainer'),
  /** false: a DBA created both roles; the migrations only change ownership and GRANT. */
  AUDIT_CREATE_ROLES: booleanFromEnv.default(true),
  /** The shortest retention the database lets any purge use, stored by the migration (lengthened later with audit_set_retention). */
  AUDIT_MIN_RETENTION_DAYS: positiveInt(36_500).default(30),
  /** `npm run audit:purge` connects here: a login role that is a member of AUDIT_MAINTENANCE_ROLE. Default DATABASE_URL. */
  AUDIT_MAINTENANCE_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  // Signed checkpoints (Ed25519, `npm run audit:keygen`): the private key signs, the public key verifies.
  AUDIT_CHECKPOINT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_PRIVATE_KEY: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_PUBLIC_KEY: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_EVERY_ENTRIES: positiveInt(100_000_000).default(1000),
  AUDIT_CHECKPOINT_EVERY_SECONDS: positiveInt(7 * 24 * 3600).default(3600),
  // The Audit Logs API (/api/v1, personal access tokens).
  /** Entries on an API page when the request names no limit. */
  AUDIT_API_PAGE_DEFAULT: positiveInt(10_000).default(50),
  /** Most entries one API page may hold (a larger limit is a 400). */
  AUDIT_API_PAGE_MAX: positiveInt(10_000).default(500),
  /** Requests one token may make per AUDIT_API_RATE_WINDOW_SECONDS, counted in the database for every instance. */
  AUDIT_API_RATE_LIMIT: positiveInt(1_000_000).default(120),
  AUDIT_API_RATE_WINDOW_SECONDS: positiveInt(86_400).default(60),
  /** Reading through a token is recorded once per token per window this long. */
  AUDIT_API_READ_WINDOW_MINUTES: positiveInt(1440).default(60),
  /** Live tokens one administrator may hold at once. */
  AUDIT_API_TOKENS_PER_USER: positiveInt(1000).default(20),
  /** Connections `npm run audit:verify` reads pages on at once (the database re-hashes on each: about its CPU count). */
  AUDIT_VERIFY_CONNECTIONS: positiveInt(64).default(2),
});

export type Config = z.infer<typeof configSchema> & {
  /** The session secret in force: SESSION_SECRET, or a per-process one generated outside production. */
  sessionSecret: string;
  /** True when SESSION_SECRET was not set and a throwaway secret was generated. */
  sessionSecretGenerated: boolean;
  dataDir: string;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Throws ConfigError naming every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  if (values.AUDIT_WEBHOOK_URL && !values.AUDIT_WEBHOOK_SECRET) {
    throw new ConfigError(['AUDIT_WEBHOOK_SECRET: required when AUDIT_WEBHOOK_URL is set (at least 16 characters)']);
  }
  if (values.AUDIT_API_PAGE_DEFAULT > values.AUDIT_API_PAGE_MAX) {
    throw new ConfigError([`AUDIT_API_PAGE_DEFAULT: must be at most AUDIT_API_PAGE_MAX (${values.AUDIT_API_PAGE_MAX}), got ${values.AUDIT_API_PAGE_DEFAULT}`]);
  }
  if (values.NODE_ENV === 'production' && !values.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: required when NODE_ENV=production (at least 32 characters)']);
  }
  return {
    ...values,
    sessionSecret: values.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionSecretGenerated: !values.SESSION_SECRET,
    dataDir: path.resolve(values.DATA_DIR),
  };
}

/** Express's `trust proxy` setting from TRUST_PROXY: false, true, a hop count, or a list of addresses. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
