import type { CurrentAdmin } from 'adminjs';
import type { UserRole } from '../entities/enums.js';

/** What the session holds for a signed-in user (returned by the sign-in check). */
export interface SessionUser extends CurrentAdmin {
  id: string;
  email: string;
  title: string;
  /** The account the user is working in: every read and write of the panel is confined to it. */
  accountId: string;
  /** Their role in the current account (account_users), re-read at every request. */
  role: UserRole;
  /**
   * Every account they belonged to when they signed in or last switched, for the account switcher
   * (src/accounts/). The switch itself checks the membership again.
   */
  accountIds: string[];
  /** The language the user chose on My profile; null or absent: the account's. */
  locale?: string | null;
}

export const isAdministrator = (admin: CurrentAdmin | undefined): boolean => (admin as SessionUser | undefined)?.role === 'administrator';

/** The signed-in user's current account, as a number; undefined when there is none (no session, or a session from before accounts). */
export function currentAccountOf(admin: CurrentAdmin | undefined | null): number | undefined {
  const id = Number((admin as SessionUser | undefined | null)?.accountId);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** For AdminJS isAccessible / isVisible. */
export const administratorsOnly = ({ currentAdmin }: { currentAdmin?: CurrentAdmin }): boolean => isAdministrator(currentAdmin);

/** Any signed-in user may read; only administrators may change. */
export const readForAllWriteForAdministrators = {
  list: { isAccessible: true },
  show: { isAccessible: true },
  search: { isAccessible: true },
  new: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
  edit: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
  delete: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
  bulkDelete: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
};

/** An action nobody may run: hidden, and refused by the API too (isVisible alone only hides the button). */
export const refusedToAll = { isAccessible: false, isVisible: false };

/** Hidden from agents, and refused by the API. */
export const administratorsOnlyActions = {
  list: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
  show: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
  search: { isAccessible: administratorsOnly },
  new: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
  edit: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
  delete: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
  bulkDelete: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
};
