// The plugin's migrations, in order. Hosts add `...auditMigrations` to their DataSource's
// migrations; each class is frozen history: a schema change is a new migration, never an edit.
import { CreateAuditLog1764000000100 } from './create-audit-log.js';
import { AddAuditChain1764000000300 } from './add-audit-chain.js';
import { AddAuditPurge1764000000301 } from './add-audit-purge.js';
import { AddAuditOutbox1764000000302 } from './add-audit-outbox.js';
import { AddAuditListIndexes1764000000400 } from './add-audit-list-indexes.js';
import { AddAuditSearchByMonth1764000000401 } from './add-audit-search-by-month.js';
import { AddAuditIpByTime1764000000402 } from './add-audit-ip-by-time.js';
import { AddAuditAppendFunction1764000000403 } from './add-audit-append-function.js';
import { AddSignInThrottle1764000000520 } from './add-sign-in-throttle.js';
import { addAuditRolesMigration } from './add-audit-roles.js';
import { AddAuditChainV21764000000600 } from './add-audit-chain-v2.js';
import { AddAuditApi1764000000700 } from './add-audit-api.js';
import type { AuditRoleOptions } from './audit-roles.js';
import { addAuditAccountChainsMigration, type AuditAccountOptions } from './add-audit-account-chains.js';
import { AddAuditSinkAccounts1764000000820 } from './add-audit-sink-accounts.js';

const baseMigrations = [
  CreateAuditLog1764000000100,
  AddAuditChain1764000000300,
  AddAuditPurge1764000000301,
  AddAuditOutbox1764000000302,
  AddAuditListIndexes1764000000400,
  AddAuditSearchByMonth1764000000401,
  AddAuditIpByTime1764000000402,
  AddAuditAppendFunction1764000000403,
  AddSignInThrottle1764000000520,
];

/**
 * The plugin's migrations with the database roles of your choice (migration 1764000000500, see
 * audit-roles.ts): `auditRoleMigrations({ owner, maintenance, app, createRoles, minRetention })`,
 * and for hosts with accounts `accounts: { idType }` (migration 1764000000800, see
 * add-audit-account-chains.ts).
 * The class names are the same whatever the options, so a DataSource may switch between this and
 * `auditMigrations` freely.
 */
export function auditRoleMigrations(options: AuditRoleOptions & AuditAccountOptions = {}) {
  return [...baseMigrations, addAuditRolesMigration(options), AddAuditChainV21764000000600, AddAuditApi1764000000700, addAuditAccountChainsMigration(options), AddAuditSinkAccounts1764000000820];
}

/** The migrations with the default roles: `audit_owner`, `audit_maintainer`, the app = the migrating role. */
export const auditMigrations = auditRoleMigrations();
