import type { CurrentAdmin } from 'adminjs';

/** What the session holds for a signed-in user (returned by the sign-in check). */
export interface SessionUser extends CurrentAdmin {
  id: string;
  email: string;
  title: string;
  role: 'agent' | 'administrator';
  /** The language the user chose on My profile; null or absent: the account's. */
  locale?: string | null;
}

export const isAdministrator = (admin: CurrentAdmin | undefined): boolean => (admin as SessionUser | undefined)?.role === 'administrator';

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
