// Every migration, in order. Listed explicitly (no globs) so the compiled and the tsx runs agree.
import { auditRoleMigrations, DEFAULT_MAINTENANCE_ROLE, type AuditRoleOptions } from '@hashtrail/adminjs-audit';
import { CreateMessageHubSchema1764000000000 } from './1764000000000-CreateMessageHubSchema.js';
import { CreateSessionTable1764000000050 } from './1764000000050-CreateSessionTable.js';
import { AddUserInvitations1764000000200 } from './1764000000200-AddUserInvitations.js';
import { AddUserLanguage1764000000610 } from './1764000000610-AddUserLanguage.js';
import { AddManyAccounts1764000000810 } from './1764000000810-AddManyAccounts.js';
import { addAccountAuditRetentionMigration } from './1764000000830-AddAccountAuditRetention.js';

/**
 * Every migration, the audit log's with the database roles of `auditRoles` (from config:
 * AUDIT_OWNER_ROLE, …) and MessageHub's account key (an integer: the log's account_id takes its type).
 */
export function migrationsFor(auditRoles: AuditRoleOptions = {}) {
  return [CreateMessageHubSchema1764000000000, CreateSessionTable1764000000050, ...auditRoleMigrations({ ...auditRoles, accounts: { idType: 'integer' } }), AddUserInvitations1764000000200, AddUserLanguage1764000000610, AddManyAccounts1764000000810,
    addAccountAuditRetentionMigration(auditRoles.maintenance ?? DEFAULT_MAINTENANCE_ROLE)];
}

export const migrations = migrationsFor();
