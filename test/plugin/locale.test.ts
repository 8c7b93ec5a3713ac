// The plugin's texts are AdminJS locale keys with English defaults: every key the code asks for
// has a text, the texts name nothing of one host app, and placeholders match what callers pass.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withAuditHistory } from '../../plugin/src/adminjs/audit-history-action.js';
import { SEARCH_FILTER } from '../../plugin/src/adminjs/audit-log-resource.js';
import { auditLocaleEn } from '../../plugin/src/locale/en.js';
import { auditMessage, auditText } from '../../plugin/src/locale/text.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const adminjsDir = path.join(root, 'plugin/src/adminjs');

/** The files that ask for translations: the components, the viewer helpers, the server files with texts. */
function sourceFiles(): string[] {
  const inDir = (dir: string) => fs.readdirSync(path.join(adminjsDir, dir)).filter((f) => /\.tsx?$/.test(f)).map((f) => path.join(adminjsDir, dir, f));
  return [...inDir('components'), ...inDir('viewer'), path.join(adminjsDir, 'audit-history-action.ts'), path.join(adminjsDir, 'delivery-resource.ts')];
}

/** Which locale namespace each AdminJS translate function (and its short alias) reads. */
const NAMESPACES: Record<string, string> = {
  translateAction: 'actions', ta: 'actions',
  translateButton: 'buttons', tb: 'buttons',
  translateLabel: 'labels', tl: 'labels',
  translateProperty: 'properties', tp: 'properties',
  translateMessage: 'messages', tm: 'messages',
  translateComponent: 'components', tc: 'components',
  translatePage: 'pages',
};

interface Call {
  file: string;
  namespace: string;
  key: string;
  /** A resourceId given as a literal: AdminJS looks under resources.<id> first. */
  resourceId: string | null;
  /** Names of the interpolation options passed in an object literal. */
  options: string[];
}

/** The argument text of the call whose `(` is at `open`, up to its matching `)`. */
function argumentsAt(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i += 1) {
    if (source[i] === '(') depth += 1;
    else if (source[i] === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return source.slice(open + 1);
}

function translateCalls(): Call[] {
  const calls: Call[] = [];
  const pattern = new RegExp(`\\b(${Object.keys(NAMESPACES).join('|')})\\(\\s*(['"\`])([^'"\`]+)\\2`, 'g');
  for (const file of sourceFiles()) {
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(pattern)) {
      const args = argumentsAt(source, match.index + match[1]!.length);
      const rest = args.slice(args.indexOf(match[3]!) + match[3]!.length + 1);
      const resourceId = rest.match(/^\s*,\s*['"]([^'"]+)['"]/)?.[1] ?? null;
      const objectLiteral = rest.match(/\{([\s\S]*)\}/)?.[1] ?? '';
      const options = [...objectLiteral.matchAll(/(?:^|,)\s*(\w+)\s*(?=[:,]|$)/g)].map((m) => m[1]!);
      calls.push({ file: path.relative(root, file), namespace: NAMESPACES[match[1]!]!, key: match[3]!, resourceId, options });
    }
  }
  return calls;
}

/** Like i18next over AdminJS's flattened translations: nested objects or dotted keys. */
function valueAt(tree: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

function textFor(call: Call): unknown {
  const scoped = call.resourceId ? valueAt(auditLocaleEn, `resources.${call.resourceId}.${call.namespace}.${call.key}`) : undefined;
  return scoped ?? valueAt(auditLocaleEn, `${call.namespace}.${call.key}`);
}

function strings(tree: unknown, at = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[at, tree]];
  if (!tree || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([key, value]) => strings(value, at ? `${at}.${key}` : key));
}

/**
 * The properties a resource's options list, show or filter by, read from its source: the options
 * builders need a live data source or components, and the names are what matter here.
 */
function shownProperties(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const lists = [...source.matchAll(/(?:list|show|filter)Properties:\s*\[([^\]]*)\]/g)].map((m) => m[1]!);
  const names = lists.flatMap((list) => [...list.matchAll(/'(\w+)'|\b(SEARCH_FILTER)\b/g)].map((m) => m[1] ?? SEARCH_FILTER));
  return [...new Set(names)];
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

describe('every text the plugin asks for has an English default', () => {
  const calls = translateCalls();

  it('finds the translate calls in the sources (the check is not vacuous)', () => {
    expect(calls.length).toBeGreaterThan(30);
    expect(new Set(calls.map((c) => c.file)).size).toBeGreaterThanOrEqual(3);
  });

  it.each(calls.map((c) => [`${c.namespace}.${c.key}`, c.file, c]))('%s (%s)', (_key, _file, call) => {
    const text = textFor(call as Call);
    expect(typeof text).toBe('string');
    expect((text as string).trim()).not.toBe('');
  });

  it('every placeholder of a text a component asks for is passed by that call', () => {
    const unfilled = calls.flatMap((call) => {
      const text = textFor(call);
      return typeof text === 'string' ? placeholders(text).filter((name) => !call.options.includes(name)).map((name) => `${call.file}: ${call.key} {{${name}}}`) : [];
    });
    expect(unfilled).toEqual([]);
  });

  it('the components show no hard-coded words', () => {
    const componentsDir = path.join(adminjsDir, 'components');
    const literal = fs.readdirSync(componentsDir).filter((f) => f.endsWith('.tsx')).flatMap((file) => {
      const source = fs.readFileSync(path.join(componentsDir, file), 'utf8');
      const jsxText = [...source.matchAll(/>\s*([A-Za-z][^<>{}]*)</g)].map((m) => m[1]!.trim());
      const textProps = [...source.matchAll(/\b(?:label|title|placeholder|alt)="([^"]+)"/g)].map((m) => m[1]!);
      return [...jsxText, ...textProps].map((text) => `${file}: ${text}`);
    });
    expect(literal).toEqual([]);
  });

  it('the audit history actions are labelled', () => {
    const actions = withAuditHistory({}, { targetType: 'thing', canRead: () => true, actor: true }).actions ?? {};
    for (const name of Object.keys(actions)) expect(valueAt(auditLocaleEn, `actions.${name}`)).toEqual(expect.any(String));
  });

  it.each([
    ['AuditLog', 'audit-log-options.ts'],
    ['AuditDelivery', 'delivery-resource.ts'],
  ])('every property the %s resource lists, shows or filters by has a name', (resourceId, file) => {
    const shown = shownProperties(path.join(adminjsDir, file));
    expect(shown.length).toBeGreaterThan(5);
    const unnamed = shown.filter((property) => typeof valueAt(auditLocaleEn, `resources.${resourceId}.properties.${property}`) !== 'string');
    expect(unnamed).toEqual([]);
  });
});

describe('the English texts', () => {
  const all = strings(auditLocaleEn);

  it('are all non-empty strings', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('name nothing of a particular host app', () => {
    const hostWords = /messagehub|inbox|team|agent|administrator|webhook|automation/i;
    expect(all.filter(([, text]) => hostWords.test(text))).toEqual([]);
  });

  it('keep the placeholders the server-side callers fill', () => {
    const { messages } = auditLocaleEn;
    expect(placeholders(messages.auditExportBadFilter)).toEqual(['reason']);
    expect(placeholders(messages.auditExportBadFormat)).toEqual(['format', 'formats']);
    expect(placeholders(messages.auditNotSavedEntryFailed)).toEqual(['reason']);
    expect(placeholders(messages.auditNotSavedRefusedValue)).toEqual(['detail']);
    expect(placeholders(messages.auditNotSavedRefusedChange)).toEqual(['detail']);
    expect(placeholders(messages.auditNotSavedUnknownFields)).toEqual(['fields', 'resource']);
    expect(placeholders(messages.auditRecordGone)).toEqual(['id', 'resource']);
    // Sent as keys, AdminJS's notices and field errors translate these with no options.
    for (const key of ['auditExportSignIn', 'auditExportForbidden', 'auditBadDateFilter', 'auditNotADate', 'auditNotSavedFields', 'auditAlreadyTaken'] as const) {
      expect(placeholders(messages[key])).toEqual([]);
    }
  });
});

describe('texts resolved on the server', () => {
  it('fill placeholders from the English defaults', () => {
    expect(auditMessage('auditExportBadFilter', { reason: 'bad date' })).toBe('The export filters are not valid: bad date');
    expect(auditText('components.AuditLog.targetReference', { type: 'thing', id: 7 })).toBe('thing #7');
  });

  it("prefer the host's translations, nested or with dotted keys", () => {
    expect(auditMessage('auditExportForbidden', {}, { messages: { auditExportForbidden: 'Export refused.' } })).toBe('Export refused.');
    expect(auditText('components.AuditLog.justNow', {}, { 'components.AuditLog.justNow': 'now' })).toBe('now');
  });

  it('look under the resource first, as AdminJS does', () => {
    const host = { resources: { AuditLog: { messages: { auditExportForbidden: 'Not for you.' } } } };
    expect(auditMessage('auditExportForbidden', {}, host, 'AuditLog')).toBe('Not for you.');
    expect(auditMessage('auditExportForbidden', {}, host)).toBe(auditLocaleEn.messages.auditExportForbidden);
  });

  it('pass on a reason that is not a key', () => {
    expect(auditMessage('The date filter is not a valid date.')).toBe('The date filter is not a valid date.');
    expect(auditMessage('auditExportBadFilter', { reason: auditMessage('auditBadDateFilter') })).toBe(
      'The export filters are not valid: The date filter is not a valid date.',
    );
  });
});
