import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendFunctionV2Sql, asTableOwner } from './add-audit-chain-v2.js';
import { ACCOUNT_ID_TYPES, appendFunctionV3Sql, type AccountIdType } from './add-audit-account-chains.js';

/**
 * Sinks and deliveries by account (0.6).
 *
 * - `audit_sinks.accounts`: a sink registered with `accounts` is queued only those accounts'
 *   entries, decided by the append itself, so an entry of another account never reaches its outbox
 *   (NULL: every entry, as before). Both appends are replaced to read it.
 * - `audit_outbox.account_id`: each delivery keeps its entry's account, so the Audit Deliveries view
 *   can show an administrator only their own account's deliveries. Existing rows are filled in.
 * - `audit_api_tokens (account_id, id)`: a token's key names its account, as every other row of an
 *   account does.
 *
 * The account id type is the one migration 1764000000800 gave the log, read back from the table.
 */
export class AddAuditSinkAccounts1764000000820 implements MigrationInterface {
  name = 'AddAuditSinkAccounts1764000000820';

  async up(db: QueryRunner): Promise<void> {
    const idType = await accountIdTypeOf(db);
    await asTableOwner(db, async (schema) => {
      await db.query(`ALTER TABLE audit_sinks ADD COLUMN accounts text[] CHECK (accounts IS NULL OR cardinality(accounts) > 0)`);
      await db.query(`ALTER TABLE audit_outbox ADD COLUMN account_id text`);
      await db.query(`UPDATE audit_outbox o SET account_id = l.account_id::text FROM audit_logs l WHERE l.id = o.entry_id AND l.account_id IS NOT NULL`);
      await db.query(`CREATE INDEX audit_outbox_account ON audit_outbox (account_id, id)`);
      await db.query(`CREATE UNIQUE INDEX audit_api_tokens_account_key ON audit_api_tokens (account_id, id)`);
      await db.query(appendFunctionV2Sql(schema, { ...v2AppendOptions(idType), sinkAccounts: true }));
      await db.query(appendFunctionV3Sql(schema, idType, { sinkAccounts: true }));
    });
  }

  async down(db: QueryRunner): Promise<void> {
    const idType = await accountIdTypeOf(db);
    await asTableOwner(db, async (schema) => {
      await db.query(appendFunctionV3Sql(schema, idType));
      await db.query(appendFunctionV2Sql(schema, v2AppendOptions(idType)));
      await db.query(`DROP INDEX IF EXISTS audit_api_tokens_account_key`);
      await db.query(`DROP INDEX IF EXISTS audit_outbox_account`);
      await db.query(`ALTER TABLE audit_outbox DROP COLUMN IF EXISTS account_id`);
      await db.query(`ALTER TABLE audit_sinks DROP COLUMN IF EXISTS accounts`);
    });
  }
}

/** The global chain's append as migrations 700 and 800 left it: monotonic time, the account id cast to a key type other than the default. */
function v2AppendOptions(idType: AccountIdType): { monotonicTime: true; accountIdType?: string } {
  return idType === 'varchar(64)' ? { monotonicTime: true } : { monotonicTime: true, accountIdType: idType };
}

/** The SQL type of the log's account ids (varchar(64) unless the host's migration 800 chose its own key type). */
async function accountIdTypeOf(db: QueryRunner): Promise<AccountIdType> {
  const [row] = (await db.query(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a WHERE a.attrelid = 'audit_account_chains'::regclass AND a.attname = 'account_id'`,
  )) as Array<{ type: string }>;
  const type = row?.type === 'character varying(64)' ? 'varchar(64)' : row?.type;
  if (!(ACCOUNT_ID_TYPES as readonly string[]).includes(type ?? '')) throw new Error(`audit migration 820: unexpected account id type "${row?.type}"`);
  return type as AccountIdType;
}
