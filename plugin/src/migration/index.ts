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

export const auditMigrations = [
  CreateAuditLog1764000000100,
  AddAuditChain1764000000300,
  AddAuditPurge1764000000301,
  AddAuditOutbox1764000000302,
  AddAuditListIndexes1764000000400,
  AddAuditSearchByMonth1764000000401,
  AddAuditIpByTime1764000000402,
  AddAuditAppendFunction1764000000403,
];
