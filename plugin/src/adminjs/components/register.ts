// Registers the Audit Logs viewer's React components on the app's ComponentLoader. Paths are
// resolved next to this file, so they work from the TypeScript sources (tsx, tests) and from the
// compiled dist/ alike; AdminJS bundles them (production: once at start, into ADMIN_JS_TMP_DIR).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentLoader } from 'adminjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface AuditLogComponents {
  /** The list with its search bar (AuditLogList.tsx). */
  list: string;
  show: string;
  relativeTime: string;
  exportPage: string;
}

export function auditLogComponents(loader: ComponentLoader): AuditLogComponents {
  // add() refuses a name registered with another file; the same file again (a second admin) is fine.
  return {
    list: loader.add('AuditLogList', path.join(here, 'AuditLogList')),
    show: loader.add('AuditLogShow', path.join(here, 'AuditLogShow')),
    relativeTime: loader.add('AuditLogRelativeTime', path.join(here, 'RelativeTime')),
    exportPage: loader.add('AuditLogExport', path.join(here, 'AuditLogExport')),
  };
}
