// A new account and its first administrator, made by the operator (npm run account:create), in one
// transaction. Accounts are never made from the panel: an admin only ever sees their own.
import type { DataSource, EntityManager } from 'typeorm';
import { transactionInAuditScope, type AuditPlugin } from '@hashtrail/adminjs-audit';
import { Account } from '../entities/Account.js';
import { User } from '../entities/User.js';
import { invitationLink, newInvitation } from '../invitations/invitation-token.js';
import { userLabel } from '../users/user-label.js';
import { addToAccount } from './account-memberships.js';
import { SYSTEM_ACCOUNT_ID } from './system-log.js';


export interface NewAccount {
  name: string;
  supportEmail: string;
  adminEmail: string;
  /** The administrator's name when they are new; default: their email's part before the @. */
  adminName?: string;
}

export interface CreatedAccount {
  accountId: number;
  adminUserId: number;
  /** True when the administrator's email had no user yet: they were invited. */
  invited: boolean;
  /** Their invitation link, shown once (only a new user gets one; an existing user signs in as before). */
  invitationLink: string | null;
}

export interface CreateAccountSettings {
  ttlDays: number;
  publicUrl: string;
}

function userByEmail(manager: EntityManager, email: string): Promise<User | null> {
  return manager.getRepository(User).createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email }).getOne();
}

/**
 * Creates the account (account.created, in the system log, written as System by the audit
 * subscriber in this transaction) and makes `adminEmail` its administrator: an existing user gets
 * a membership; a new one is created invited, with a link to set their password (user.invited, in
 * the new account's log). Field rules refuse a bad name or email, and nothing is written then.
 */
export async function createAccount(dataSource: DataSource, audit: Pick<AuditPlugin, 'record'>, input: NewAccount, settings: CreateAccountSettings): Promise<CreatedAccount> {
  return transactionInAuditScope(dataSource, { accountId: SYSTEM_ACCOUNT_ID }, async (manager) => {
    const account = await manager.save(manager.create(Account, { name: input.name, supportEmail: input.supportEmail }));
    const inAccount = String(account.id);
    let user = await userByEmail(manager, input.adminEmail);
    let link: string | null = null;
    const invited = !user;
    if (!user) {
      const invitation = newInvitation(settings.ttlDays);
      user = await manager.save(
        manager.create(User, {
          name: input.adminName?.trim() || input.adminEmail.split('@')[0]!,
          email: input.adminEmail,
          status: 'invited',
          invitationTokenHash: invitation.tokenHash,
          invitationExpiresAt: invitation.expiresAt,
        }),
      );
      link = invitationLink(settings.publicUrl, invitation.token);
    }
    await addToAccount(manager, account.id, user.id, 'administrator');
    await audit.record(manager, {
      action: 'user.invited',
      targetType: 'user',
      targetId: String(user.id),
      targetLabel: userLabel({ ...user }),
      details: { role: 'administrator', ...(invited ? {} : { existingUser: true }) },
      accountId: inAccount,
    });
    return { accountId: account.id, adminUserId: user.id, invited, invitationLink: link };
  });
}
