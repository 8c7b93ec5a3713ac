// The account's language: the audit log's search text is written in it, and readers who chose no
// language of their own read in it. Read from the account row once, then kept up to date by a
// subscriber on Account saves (every change to the account goes through the ORM), so an audited
// write costs no extra query. A save that rolls back leaves the new language here until the next
// save: the search text of entries written meanwhile would be in it (harmless: they still render
// in each reader's language).
import type { DataSource, EntityManager, EntitySubscriberInterface, InsertEvent, UpdateEvent } from 'typeorm';
import { Account } from '../entities/index.js';
import { DEFAULT_LANGUAGE } from '../domain/languages.js';

export class AccountLanguage implements EntitySubscriberInterface<Account> {
  private known: string | null = null;

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
    if (event.entity?.locale) this.known = event.entity.locale;
  }

  afterUpdate(event: UpdateEvent<Account>): void {
    const locale = (event.entity as Partial<Account> | undefined)?.locale;
    if (locale) this.known = locale;
  }

  /** The language, read on `manager` the first time (the caller's transaction: see the plugin's `locale.language`). */
  async current(manager: EntityManager): Promise<string> {
    if (this.known === null) {
      const account = await manager.getRepository(Account).findOne({ where: {}, order: { id: 'ASC' } });
      // Before the account exists the default stands in, and is asked again next time.
      if (!account) return DEFAULT_LANGUAGE;
      this.known = account.locale || DEFAULT_LANGUAGE;
    }
    return this.known;
  }
}
