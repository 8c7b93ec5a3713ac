// MessageHub's dashboard: the audit numbers for administrators, a greeting for agents.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentLoader, CurrentAdmin, PageContext } from 'adminjs';
import type { AuditPlugin, DashboardData } from '@hashtrail/adminjs-audit';
import type { DataSource } from 'typeorm';
import { accountTimeZone } from '../audit/time-zone.js';
import { currentAccountOf, isAdministrator } from './access.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** What the dashboard component receives: the numbers for administrators, only a greeting for agents. */
export type DashboardResponse = { restricted: true; name: string } | { restricted: false; name: string; data: DashboardData };

export function dashboard(audit: AuditPlugin, loader: ComponentLoader, dataSource: DataSource) {
  return {
    component: loader.add('MessageHubDashboard', path.join(here, 'components/Dashboard')),
    handler: async (_request: unknown, _response: unknown, context: PageContext): Promise<DashboardResponse> => {
      const admin: CurrentAdmin | undefined = context.currentAdmin;
      const name = String(admin?.title ?? admin?.email ?? '');
      const account = currentAccountOf(admin);
      if (!isAdministrator(admin) || account === undefined) return { restricted: true, name };
      // The numbers are the plugin's, of the admin's current account (its `accountOf`), in that account's time zone.
      return { restricted: false, name, data: await audit.dashboard({ admin, timeZone: await accountTimeZone(dataSource, account) }) };
    },
  };
}
