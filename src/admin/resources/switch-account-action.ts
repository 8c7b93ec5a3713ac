// My profile → Accounts: for a user who belongs to several accounts, the list of them with the
// current one marked and a button to work in another. The button posts to the switch route
// (src/accounts/switch-account-route.ts), which checks the membership and changes the session.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { In, type DataSource } from 'typeorm';
import type { Action, ActionContext, ActionResponse, ComponentLoader, RecordActionResponse } from 'adminjs';
import { membershipsOf } from '../../accounts/account-memberships.js';
import { Account } from '../../entities/Account.js';
import type { SessionUser } from '../access.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the switcher's buttons post (mounted by app.ts). */
export const SWITCH_ACCOUNT_PATH = '/admin/switch-account';
const ACCOUNT_SWITCHER_COMPONENT = 'AccountSwitcher';

/** One account as the switcher lists it. */
export interface AccountChoice {
  id: string;
  name: string;
  role: string;
  current: boolean;
}

export function registerAccountSwitcher(loader: ComponentLoader): void {
  loader.add(ACCOUNT_SWITCHER_COMPONENT, path.join(here, '../components/AccountSwitcher'));
}

const isOwnRecord = ({ currentAdmin, record }: ActionContext) => record != null && currentAdmin?.id != null && String(record.id()) === String(currentAdmin.id);
/** Shown to those with more than one account when they last signed in or switched; anyone may open it on their own page. */
const hasSeveralAccounts = (context: ActionContext) => isOwnRecord(context) && ((context.currentAdmin as SessionUser | undefined)?.accountIds?.length ?? 0) > 1;

export function switchAccountAction(dataSource: () => DataSource): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: 'Repeat',
    component: ACCOUNT_SWITCHER_COMPONENT,
    isAccessible: isOwnRecord,
    isVisible: hasSeveralAccounts,
    handler: async (_request, _response, context): Promise<RecordActionResponse> => {
      const { record, currentAdmin } = context;
      const me = currentAdmin as SessionUser;
      const manager = dataSource().manager;
      const memberships = await membershipsOf(manager, Number(me.id));
      const names = new Map((await manager.find(Account, { where: { id: In(memberships.map((one) => one.accountId)) }, select: { id: true, name: true } })).map((account) => [account.id, account.name]));
      const accounts: AccountChoice[] = memberships.map((one) => ({ id: String(one.accountId), name: names.get(one.accountId) ?? `#${one.accountId}`, role: one.role, current: String(one.accountId) === me.accountId }));
      // Beside the record, not in its params (params are flattened and filtered on the way out).
      return { record: record!.toJSON(currentAdmin), accounts, switchPath: SWITCH_ACCOUNT_PATH } as RecordActionResponse;
    },
  };
}
