// Each account's language: the audit log's search text of an entry is written in its account's
// language, and readers who chose no language of their own read in their current account's. Read
// from the account row once, then kept up to date by a subscriber on Account saves (every change to
// an account goes through the ORM), so an audited write costs no extra query. A save that rolls
// back leaves the new language here until the next save: the search text of entries written
// meanwhile would be in it (harmless: they still render in each reader's language).
import type { DataSource, EntityManager, EntitySubscriberInterface, InsertEvent, UpdateEvent } from 'typeorm';
import { auditScopeOf } from '@hashtrail/adminjs-audit';
import { Account } from '../entities/index.js';
import { DEFAULT_LANGUAGE } from '../domain/languages.js';

export class AccountLanguage implements EntitySubscriberInterface<Account> {
  /** Language by account id. */
  private readonly known = new Map<number, string>();

  private constructor() {}

  /** The holder for `dataSource`, registered as its subscriber once. */
  static of(dataSource: DataSource): AccountLanguage {
    const existing = dataSource.subscribers.find((subscriber): subscriber is AccountLanguage => subscriber instanceof AccountLanguage);
    if (existing) return existing;
    const holder = new AccountLanguage();
    dataSource.subscribers.push(holder);
    return holder;
  }

  listenTo() {
    return Account;
  }

  afterInsert(event: InsertEvent<Account>): void {
    if (event.entity?.id && event.entity.locale) this.known.set(event.entity.id, event.entity.locale);
  }

  afterUpdate(event: UpdateEvent<Account>): void {
    const changed = event.entity as Partial<Account> | undefined;
    const id = changed?.id ?? (event.databaseEntity as Account | undefined)?.id;
    if (id && changed?.locale) this.known.set(id, changed.locale);
  }

  /**
   * The language of account `accountId`, read on `manager` the first time (the caller's
   * transaction: see the plugin's `locale.language`). No account given: the oldest account's, the
   * language of pages shown before anyone signs in (the sign-in page).
   */
  async forAccount(manager: EntityManager, accountId: number | undefined): Promise<string> {
    if (accountId !== undefined) {
      const known = this.known.get(accountId);
      if (known) return known;
    }
    const repository = manager.getRepository(Account);
    const account = accountId === undefined ? await repository.findOne({ where: {}, order: { id: 'ASC' } }) : await repository.findOneBy({ id: accountId });
    // Before the account exists the default stands in, and is asked again next time.
    if (!account) return DEFAULT_LANGUAGE;
    const language = account.locale || DEFAULT_LANGUAGE;
    this.known.set(account.id, language);
    return language;
  }

  /** The language of `accountId` if it was read already (for callers that cannot wait); undefined otherwise. */
  cached(accountId: number | undefined): string | undefined {
    return accountId === undefined ? undefined : this.known.get(accountId);
  }

  /** The language of the account an audit entry is being written in (its transaction's scope); the default for the system log. */
  async ofWrite(manager: EntityManager): Promise<string> {
    const accountId = Number(auditScopeOf(manager).accountId);
    return Number.isSafeInteger(accountId) && accountId > 0 ? this.forAccount(manager, accountId) : DEFAULT_LANGUAGE;
  }
}
