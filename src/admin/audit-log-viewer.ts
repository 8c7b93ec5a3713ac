// How MessageHub wires the audit plugin's viewer: where the export is served, which resource each
// audit target type links to, the account's time zone, and the dashboard.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentLoader, CurrentAdmin, PageContext } from 'adminjs';
import type { DataSource } from 'typeorm';
import { auditDashboardData, type DashboardData } from '@hashtrail/adminjs-audit';
import { auditedEntities } from '../audit/audited-entities.js';
import { Account } from '../entities/index.js';
import { isAdministrator } from './access.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The export route inside the admin router (so behind its sign-in), and its full path. */
export const AUDIT_EXPORT_ROUTE = '/audit-logs/export';
export const auditExportPath = (rootPath: string) => `${rootPath}${AUDIT_EXPORT_ROUTE}`;

/** Audit target type -> AdminJS resource id (the typeorm adapter names a resource after its entity class). */
export const targetResources: Record<string, string> = Object.fromEntries(auditedEntities.map((audited) => [audited.targetType, audited.entity.name]));

/** The account's IANA time zone; UTC before the account exists. */
export async function accountTimeZone(dataSource: DataSource): Promise<string> {
  const account = await dataSource.getRepository(Account).findOne({ where: {}, order: { id: 'ASC' } });
  return account?.timezone || 'UTC';
}

/** What the dashboard component receives: the numbers for administrators, only a greeting for agents. */
export type DashboardResponse = { restricted: true; name: string } | { restricted: false; name: string; data: DashboardData };

export function dashboard(dataSource: DataSource, loader: ComponentLoader) {
  return {
    component: loader.add('MessageHubDashboard', path.join(here, 'components/Dashboard')),
    handler: async (_request: unknown, _response: unknown, context: PageContext): Promise<DashboardResponse> => {
      const admin: CurrentAdmin | undefined = context.currentAdmin;
      const name = String(admin?.title ?? admin?.email ?? '');
      if (!isAdministrator(admin)) return { restricted: true, name };
      const data = await auditDashboardData(dataSource, { signInFailedAction: 'session.sign_in_failed', timeZone: await accountTimeZone(dataSource) });
      return { restricted: false, name, data };
    },
  };
}
