// What the factory needs to know of the export, with no runtime import: the export's code (and
// pg-query-stream behind it) loads only in hosts that import `@hashtrail/adminjs-audit/export`.
import type { CurrentAdmin } from 'adminjs';
import type { RequestHandler } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorSnapshot } from '../context/request-context.js';
import type { AuditLogResource } from '../adminjs/audit-log-resource.js';
import type { ActivityDraft } from '../writer/audit-writer.js';
import type { ExportRow } from './export-format.js';

/** What the plugin hands the export when it mounts its route. */
export interface ExportRouteDeps {
  dataSource: DataSource;
  /** Writes the export's own entries inside a transaction. */
  record: (manager: EntityManager, draft: ActivityDraft) => Promise<void>;
  actorOf: (admin: CurrentAdmin | undefined) => ActorSnapshot | undefined;
  /** The admin's current account (hosts with accounts): the export's own entries go to its chain. */
  accountOf: (admin: CurrentAdmin | undefined) => string | undefined;
  /** Reads the list's filters exactly as the Audit Logs list does (and confines them to the reader's account). */
  resource: AuditLogResource;
  /** Who may read the log: exporting needs that too. */
  canRead: (admin: CurrentAdmin | undefined) => boolean;
  /** The AdminJS instance the route is mounted for (to check filters against the decorated resource). */
  admin?: import('adminjs').default;
  /** AdminJS's message translation (the panel's default language). */
  translate: (key: string, options?: Record<string, unknown>) => string;
  /** An exported row's activity sentence in the language of the admin exporting. */
  sentenceFor: (admin: CurrentAdmin | undefined) => Promise<(row: ExportRow) => string>;
}

export interface AuditExportFeature {
  readonly feature: 'audit-export';
  /** Action key of the entry written once the export ends (rows sent, complete or cut); checked at start-up. */
  readonly action: string;
  /** Action key of the entry committed before the first row leaves (format, filters); checked at start-up. */
  readonly startedAction: string;
  /** Most rows one file may hold. */
  readonly maxRows: number;
  /** Route inside the admin router, behind its sign-in. */
  readonly route: string;
  readonly canExport?: (admin: CurrentAdmin | undefined) => boolean;
  handler(deps: ExportRouteDeps): RequestHandler;
}
