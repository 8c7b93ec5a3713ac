import type { DataSource } from 'typeorm';
import { Account } from '../entities/index.js';

/** The IANA time zone of account `accountId` (none given: the oldest account's); UTC before the account exists. */
export async function accountTimeZone(dataSource: DataSource, accountId?: number): Promise<string> {
  const accounts = dataSource.getRepository(Account);
  const account = accountId === undefined ? await accounts.findOne({ where: {}, order: { id: 'ASC' } }) : await accounts.findOneBy({ id: accountId });
  return account?.timezone || 'UTC';
}
