// Who may do what to the audit tables, as the database enforces it (migration 1764000000500):
//
//   owner        (default `audit_owner`, NOLOGIN) owns every audit table and function. Nobody logs in
//                as it; only the SECURITY DEFINER functions below run as it.
//   app          (default: the role that runs the migration) reads the log and appends to it only
//                through audit_append_entry(); it may also run the delivery worker (read the outbox,
//                mark rows delivered, register sinks). It owns nothing, so it cannot ALTER, DISABLE
//                TRIGGER, DELETE, TRUNCATE or move the chain head.
//   maintenance  (default `audit_maintainer`, NOLOGIN) may call audit_logs_purge() and
//                audit_set_retention(), and read and append (for the checkpoint a purge signs). A DBA
//                gives a login role its rights with `GRANT audit_maintainer TO <login role>`.
//
// Nothing is granted to PUBLIC.

/** The role names the audit migrations use. */
export interface AuditRoleOptions {
  /** NOLOGIN role that owns the audit tables and functions. Default `audit_owner`. */
  owner?: string;
  /** Role allowed to purge (and to lengthen the retention period). Default `audit_maintainer`. */
  maintenance?: string;
  /** Role the app connects as. Default: the role that runs the migration (current_user). */
  app?: string;
  /**
   * true (default): the migration creates the owner and maintenance roles (NOLOGIN) when they do not
   * exist, which needs a superuser or CREATEROLE. false: a DBA created them beforehand (see the
   * README's "DBA-managed roles"); the migration only changes ownership and GRANTs.
   */
  createRoles?: boolean;
  /**
   * The shortest retention the database allows a purge (a PostgreSQL interval). Stored in
   * audit_retention at migration time; the maintenance role may lengthen it, only the owner shorten
   * it. Default '30 days'.
   */
  minRetention?: string;
  /** Where the migration says what it skipped (the embedded engine). Default console.warn. */
  log?: (message: string) => void;
}

export interface ResolvedAuditRoles {
  owner: string;
  maintenance: string;
  app: string | null;
  createRoles: boolean;
  minRetention: string;
  log: (message: string) => void;
}

export const DEFAULT_OWNER_ROLE = 'audit_owner';
export const DEFAULT_MAINTENANCE_ROLE = 'audit_maintainer';
export const DEFAULT_MIN_RETENTION = '30 days';

const ROLE_NAME = /^[a-z_][a-z0-9_$]{0,62}$/;

export function resolveAuditRoles(options: AuditRoleOptions = {}): ResolvedAuditRoles {
  const owner = options.owner ?? DEFAULT_OWNER_ROLE;
  const maintenance = options.maintenance ?? DEFAULT_MAINTENANCE_ROLE;
  const app = options.app ?? null;
  for (const [what, name] of [['owner', owner], ['maintenance', maintenance], ['app', app]] as const) {
    if (name !== null && !ROLE_NAME.test(name)) throw new Error(`auditRoleMigrations: the ${what} role "${name}" is not a plain lower-case PostgreSQL role name`);
  }
  if (owner === maintenance) throw new Error('auditRoleMigrations: the owner and maintenance roles must differ');
  if (app !== null && (app === owner || app === maintenance)) throw new Error('auditRoleMigrations: the app role must differ from the owner and maintenance roles');
  const minRetention = options.minRetention ?? DEFAULT_MIN_RETENTION;
  if (!/^[0-9a-z .:]+$/i.test(minRetention)) throw new Error(`auditRoleMigrations: minRetention "${minRetention}" is not an interval like '30 days'`);
  return {
    owner,
    maintenance,
    app,
    createRoles: options.createRoles ?? true,
    minRetention,
    log: options.log ?? ((message) => console.warn(message)),
  };
}

/** PostgreSQL's quote_ident for the plain names ROLE_NAME allows. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
