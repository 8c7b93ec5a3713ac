// The panel says in every language everything it says in English: each language's panel and field
// texts have exactly the keys of the English ones (en.ts, people.ts, webhook-translations.ts, the
// fields' names), the same {{placeholders}} and markup, and no empty text; and they reach AdminJS
// and the audit log as they are (messageHubTranslations). Then the English itself is checked
// against the entities: every column of every entity, read from TypeORM's decorators, is named
// under each resource that shows it, as are the virtual fields and the values shown as badges,
// so a new column fails here until it has a name (and, through the types, one in each language).
import { getMetadataArgsStorage } from 'typeorm';
import { LANGUAGES, type Language } from '../../src/domain/languages.js';
import { Account, AccountUser, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook, appEntities } from '../../src/entities/index.js';
import { AUTOMATION_EVENTS, ACCOUNT_LOCALES, INBOX_CHANNEL_TYPES, USER_AVAILABILITIES, USER_ROLES, USER_STATUSES, WEBHOOK_EVENTS } from '../../src/entities/enums.js';
import { fieldTexts } from '../../src/admin/locale/fields/index.js';
import { messageHubTranslations } from '../../src/admin/locale/index.js';
import { mergeTexts } from '../../src/admin/locale/merge-texts.js';
import { panelTexts } from '../../src/admin/locale/panel/index.js';

/** Every text of a tree as [dotted key, text]; a leaf that is not a text shows as such. */
function strings(tree: unknown, at = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[at, tree]];
  if (!tree || typeof tree !== 'object') return [[at, `<not a text: ${JSON.stringify(tree)}>`]];
  return Object.entries(tree).flatMap(([key, value]) => strings(value, at ? `${at}.${key}` : key));
}

/** The text at a path of keys, or undefined when there is none. */
function textAt(tree: unknown, keys: string[]): string | undefined {
  let node = tree;
  for (const key of keys) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' ? node : undefined;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))].sort().join();
const markup = (text: string) => [...text.matchAll(/<\/?\w+>/g)].map((m) => m[0]).join();

/** A language's texts of its own: the panel's and the fields', as index.ts merges them. */
const ownTexts = (language: Language) => mergeTexts(panelTexts[language], fieldTexts[language]);

const english = new Map(strings(ownTexts('en')));
const others = LANGUAGES.filter((language) => language !== 'en');

describe.each(others)('the panel in %s', (language) => {
  const texts = new Map(strings(ownTexts(language)));

  it('has every key of the English panel and field texts, and no other', () => {
    expect([...english.keys()].filter((key) => !texts.has(key))).toEqual([]);
    expect([...texts.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('keeps the placeholders and the markup of every English text', () => {
    const mismatched = [...english]
      .filter(([key, text]) => texts.has(key) && (placeholders(texts.get(key)!) !== placeholders(text) || markup(texts.get(key)!) !== markup(text)))
      .map(([key, text]) => `${key}: ${texts.get(key)} (English: ${text})`);
    expect(mismatched).toEqual([]);
  });

  it('has no empty text', () => {
    expect([...texts].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('reaches AdminJS and the audit log as written: no other part overrides a text', () => {
    const merged = messageHubTranslations[language];
    const lost = [...texts].filter(([key, text]) => textAt(merged, key.split('.')) !== text).map(([key]) => key);
    expect(lost).toEqual([]);
  });
});

describe('the English panel texts', () => {
  it('are all present in English, none empty, and reach AdminJS as written', () => {
    expect(english.size).toBeGreaterThan(100);
    expect([...english].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    const lost = [...english].filter(([key, text]) => textAt(messageHubTranslations.en, key.split('.')) !== text).map(([key]) => key);
    expect(lost).toEqual([]);
  });

  it('name a field once: where the panel texts and the field texts both name it, the same way', () => {
    const fields = new Map(strings(fieldTexts.en));
    const panel = new Map(strings(panelTexts.en));
    const differing = [...fields].filter(([key, text]) => panel.has(key) && panel.get(key) !== text).map(([key, text]) => `${key}: ${text} / ${panel.get(key)}`);
    expect(differing).toEqual([]);
  });
});

// ---- Every field, from the entities ----

/**
 * The resources that show each entity's records (src/audit/audited-entities.ts). Account
 * memberships (AccountUser) have none: their role shows as the users' `role` field.
 */
const resourcesOf = new Map<Function, string[]>([
  [AccountUser, []],
  [Account, ['Account']],
  [User, ['User', 'MyProfile']],
  [Inbox, ['Inbox']],
  [InboxMember, ['InboxMember']],
  [Team, ['Team']],
  [TeamMember, ['TeamMember']],
  [Webhook, ['Webhook']],
  [AutomationRule, ['AutomationRule']],
]);

/** Fields a resource adds that are not columns (linked-ids.ts: the memberships edited on the record's page). */
const virtualFields: Record<string, string[]> = {
  User: ['inboxIds', 'teamIds'],
  MyProfile: ['inboxIds', 'teamIds'],
  Inbox: ['memberIds'],
  Team: ['memberIds'],
};

/** Fields with available values, shown as badges: [resource, field, values]. */
const valueFields: Array<[string, string, readonly string[]]> = [
  ...['User', 'MyProfile'].flatMap((resource): Array<[string, string, readonly string[]]> => [
    [resource, 'role', USER_ROLES],
    [resource, 'availability', USER_AVAILABILITIES],
    [resource, 'status', USER_STATUSES],
  ]),
  ['Account', 'locale', ACCOUNT_LOCALES],
  ['Inbox', 'channelType', INBOX_CHANNEL_TYPES],
  ['Webhook', 'subscribedEvents', WEBHOOK_EVENTS],
  ['AutomationRule', 'event', AUTOMATION_EVENTS],
];

/** The entity and the classes it extends (ValidatedEntity declares the timestamps). */
function lineage(entity: Function): Function[] {
  const chain: Function[] = [];
  for (let current: unknown = entity; typeof current === 'function' && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    chain.push(current as Function);
  }
  return chain;
}

/** An entity's columns as TypeORM's decorators declared them: property name and column type. */
function columnsOf(entity: Function): Array<{ field: string; type: unknown }> {
  const chain = lineage(entity);
  return getMetadataArgsStorage()
    .columns.filter((column) => chain.includes(column.target as Function))
    .map((column) => ({ field: column.propertyName, type: column.options.type }));
}

const englishTexts = messageHubTranslations.en;

describe('every field has an English name', () => {
  it('knows the resources of every entity the app declares', () => {
    expect(appEntities.filter((entity) => !resourcesOf.has(entity)).map((entity) => entity.name)).toEqual([]);
  });

  it.each(appEntities.map((entity) => [entity.name, entity] as const))('%s: every column, under each of its resources', (_name, entity) => {
    const columns = columnsOf(entity);
    // The timestamps come from the base class: reading only the entity itself would miss them.
    expect(columns.map(({ field }) => field)).toEqual(expect.arrayContaining([entity === AccountUser ? 'userId' : 'id', 'createdAt']));
    const unnamed = resourcesOf
      .get(entity)!
      .flatMap((resource) => columns.map(({ field }) => [resource, field] as const))
      .filter(([resource, field]) => !textAt(englishTexts, ['resources', resource, 'properties', field]))
      .map(([resource, field]) => `${resource}.${field}`);
    expect(unnamed).toEqual([]);
  });

  it('every virtual field', () => {
    const unnamed = Object.entries(virtualFields)
      .flatMap(([resource, fields]) => fields.map((field) => [resource, field] as const))
      .filter(([resource, field]) => !textAt(englishTexts, ['resources', resource, 'properties', field]))
      .map(([resource, field]) => `${resource}.${field}`);
    expect(unnamed).toEqual([]);
  });

  it('every value of a field with available values', () => {
    const unnamed = valueFields
      .flatMap(([resource, field, values]) => values.map((value) => [resource, field, value] as const))
      .filter(([resource, field, value]) => !textAt(englishTexts, ['resources', resource, 'labels', field, value]))
      .map(([resource, field, value]) => `${resource}.${field}.${value}`);
    expect(unnamed).toEqual([]);
  });

  it('both values of every boolean column (else AdminJS writes "Yes" / "No" in English)', () => {
    const unnamed = appEntities
      .flatMap((entity) =>
        columnsOf(entity)
          .filter(({ type }) => type === 'boolean')
          .flatMap(({ field }) => resourcesOf.get(entity)!.flatMap((resource) => ['true', 'false'].map((value) => [resource, field, value] as const))),
      )
      .filter(([resource, field, value]) => !textAt(englishTexts, ['resources', resource, 'labels', field, value]))
      .map(([resource, field, value]) => `${resource}.${field}.${value}`);
    expect(unnamed).toEqual([]);
  });
});
