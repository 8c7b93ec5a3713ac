// Every migration, in order. Listed explicitly (no globs) so the compiled and the tsx runs agree.
import { auditMigrations } from '@hashtrail/adminjs-audit';
import { CreateMessageHubSchema1764000000000 } from './1764000000000-CreateMessageHubSchema.js';
import { CreateSessionTable1764000000050 } from './1764000000050-CreateSessionTable.js';
import { AddUserInvitations1764000000200 } from './1764000000200-AddUserInvitations.js';

export const migrations = [CreateMessageHubSchema1764000000000, CreateSessionTable1764000000050, ...auditMigrations, AddUserInvitations1764000000200];
