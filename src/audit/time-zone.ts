import type { DataSource } from 'typeorm';
import { Account } from '../entities/index.js';

/** The account's IANA time zone; UTC before the account exists. */
export async function accountTimeZone(dataSource: DataSource): Promise<string> {
  const account = await dataSource.getRepository(Account).findOne({ where: {}, order: { id: 'ASC' } });
  return account?.timezone || 'UTC';
}
