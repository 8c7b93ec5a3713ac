// Accounts for tests: the seeded one, others made as the operator makes them (createAccount), and
// roles and memberships read and set directly in account_users.
import { createAccount, type CreatedAccount, type NewAccount } from '../../src/accounts/create-account.js';
import type { UserRole } from '../../src/entities/enums.js';
import { submitPassword } from './people.js';
import type { TestApp } from './test-app.js';

/** The account the demo seed fills (the oldest). */
export async function seededAccountId(t: Pick<TestApp, 'dataSource'>): Promise<number> {
  const [row] = await t.dataSource.query('SELECT min(id) AS id FROM account');
  return Number(row.id);
}

/** A user's id by email (any case). */
export async function userIdOf(t: Pick<TestApp, 'dataSource'>, email: string): Promise<number> {
  const [row] = await t.dataSource.query('SELECT id FROM users WHERE lower(email) = lower($1)', [email]);
  if (!row) throw new Error(`no user ${email}`);
  return Number(row.id);
}

/** `email`'s role in `accountId` (default: the seeded account); null when not a member. */
export async function roleOf(t: Pick<TestApp, 'dataSource'>, email: string, accountId?: number): Promise<UserRole | null> {
  const account = accountId ?? (await seededAccountId(t));
  const [row] = await t.dataSource.query('SELECT m.role FROM account_users m JOIN users u ON u.id = m.user_id WHERE m.account_id = $1 AND lower(u.email) = lower($2)', [account, email]);
  return (row?.role as UserRole | undefined) ?? null;
}

/** Sets `email`'s role in `accountId` (default: the seeded account) behind the app's back, adding the membership if needed. */
export async function setRole(t: Pick<TestApp, 'dataSource'>, email: string, role: UserRole, accountId?: number): Promise<void> {
  const account = accountId ?? (await seededAccountId(t));
  await t.dataSource.query(
    `INSERT INTO account_users (account_id, user_id, role) SELECT $1, id, $2 FROM users WHERE lower(email) = lower($3)
     ON CONFLICT (account_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
    [account, role, email],
  );
}

/** A new account, made as `npm run account:create` makes it, with `adminEmail` its administrator. */
export function newAccount(t: Pick<TestApp, 'dataSource' | 'audit'>, input: NewAccount): Promise<CreatedAccount> {
  return createAccount(t.dataSource, t.audit, input, { ttlDays: 7, publicUrl: 'http://127.0.0.1:3000' });
}

/** Beta's administrator in the tests that need a second account: a new user, invited when Beta is made. */
export const BEA = { email: 'bea@beta.test', password: 'Bea-Test-Password-1', name: 'Bea Beta' } as const;

/**
 * A second account, "Beta", made as `npm run account:create` makes it, with Bea its administrator
 * once she has set her password from the invitation link. Returns Beta's id.
 */
export async function betaAccount(t: TestApp): Promise<number> {
  const created = await newAccount(t, { name: 'Beta', supportEmail: 'help@beta.test', adminEmail: BEA.email, adminName: BEA.name });
  const answer = await submitPassword(t, created.invitationLink!, BEA.password);
  if (answer.status !== 200) throw new Error(`Bea could not set her password from the invitation link: HTTP ${answer.status}`);
  return created.accountId;
}
