// `npm run docs:activities`: writes docs/activities.md from the activity catalogue
// (src/audit/activities.ts), so the documentation says what the code does. test/app/activities-doc.test.ts
// regenerates the text with renderActivitiesDoc and fails when the file differs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderActivity, type ActivityDefinition, type SentenceInput } from '@hashtrail/adminjs-audit';
import { activities } from '../src/audit/activities.js';

export const ACTIVITIES_DOC_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/activities.md');

/** The record each example sentence is about, by the action key's first part. */
const SAMPLE_TARGETS: Record<string, { label: string; id: string }> = {
  session: { label: 'Ana Admin <ana@example.com>', id: '1' },
  user: { label: 'Bo Agent <bo@example.com>', id: '7' },
  account: { label: 'Acme Support', id: '1' },
  automation_rule: { label: 'Route billing mail', id: '3' },
  inbox: { label: 'Billing', id: '12' },
  webhook: { label: 'https://hooks.example.com/messagehub', id: '5' },
  team: { label: 'Tier 2', id: '4' },
  audit_log: { label: '', id: '' },
  api_token: { label: 'SIEM export', id: '5d0c0f3e-6a55-4c1e-9a59-1f0e6b2f9a10' },
};

/** Keys whose entry is about something other than their prefix says (a read through the API names the token). */
const SAMPLE_TARGET_OF_KEY: Record<string, string> = { 'audit_log.read_via_api': 'api_token' };

/** The field an example update changes, by the action key's first part (default `name`). */
const SAMPLE_UPDATED_FIELD: Record<string, string> = { account: 'timezone', webhook: 'enabled', user: 'displayName' };

/**
 * The fixed input an example sentence is rendered from: the same values for every activity, except
 * the fields it changed and who acted where that is not an administrator (the invitee joining, the
 * retention job).
 */
export function sampleInput(key: string): SentenceInput {
  const [prefix = '', verb = ''] = key.split('.');
  const target = SAMPLE_TARGETS[SAMPLE_TARGET_OF_KEY[key] ?? prefix] ?? { label: 'Example', id: '1' };
  const changes: SentenceInput['changes'] =
    verb === 'role_changed' ? { role: { from: 'agent', to: 'administrator' } }
    : verb === 'availability_changed' ? { availability: { from: 'online', to: 'busy' } }
    : verb === 'updated' ? { [SAMPLE_UPDATED_FIELD[prefix] ?? 'name']: { from: 'before', to: 'after' } }
    : null;
  const actor = key === 'user.invitation_accepted' ? { actorName: 'Bo Agent', actorId: '7' }
    : key === 'audit_log.purged' || key === 'api_token.refused' ? { actorName: 'System', actorId: null }
    : { actorName: 'Ana Admin', actorId: '1' };
  return {
    ...actor,
    targetLabel: target.label || null,
    targetId: target.id || null,
    changes,
    details: {
      email: 'ana@example.com',
      reason: 'wrong_password',
      role: 'agent',
      own: false,
      memberId: '7',
      memberLabel: 'Bo Agent <bo@example.com>',
      rows: 1200,
      format: 'csv',
      count: 35000,
      olderThan: '2025-01-01T00:00:00.000Z',
    },
  };
}

/** Text for a table cell: pipes and angle brackets escaped, so an email in <…> shows as typed. */
const cell = (text: string) => text.replace(/[|<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');

/** Activities without a `when`: the doc cannot say when they are written. */
export function activitiesWithoutWhen(catalogue: Readonly<Record<string, ActivityDefinition>> = activities): string[] {
  return Object.entries(catalogue).filter(([, definition]) => !definition.when?.trim()).map(([key]) => key);
}

/** The whole text of docs/activities.md for `catalogue`. */
export function renderActivitiesDoc(catalogue: Readonly<Record<string, ActivityDefinition>> = activities): string {
  const rows = Object.entries(catalogue).map(
    ([key, definition]) =>
      `| ${cell(definition.category)} | \`${key}\` | ${cell(definition.when ?? '(not documented)')} | ${cell(renderActivity(catalogue, key, sampleInput(key)))} |`,
  );
  return [
    '# Audit activities',
    '',
    '<!-- Generated from src/audit/activities.ts by `npm run docs:activities`. Do not edit by hand:',
    '     edit the catalogue and run the script; test/app/activities-doc.test.ts checks the two agree. -->',
    '',
    'Every activity below writes one audit entry (one per record in a bulk action) under its action',
    'key. Keys are stable: exports, filters and sinks depend on them. Each entry carries:',
    '',
    '- **when**: the time it was written (server clock, timestamptz);',
    '- **who**: the actor\'s id and a snapshot of their name, email and role at that moment, so the',
    '  entry still reads right after a rename or deletion ("System" when no one acted);',
    '- **from where**: client IP (proxy-aware only with `TRUST_PROXY`), user agent, request id;',
    '- **what**: action key, category, target type, target id and a snapshot of the target\'s label;',
    '- **the change**: before and after of the fields that changed, secrets replaced by a fixed mask;',
    '- **details** particular to the activity, and the one-line sentence shown in the Activity column;',
    '- its place in the tamper-evidence chain (position, previous hash, hash).',
    '',
    'A failed or refused action writes nothing, and an update that changes nothing writes nothing.',
    'The example sentences are rendered from the catalogue\'s English templates with fixed sample',
    'values (actor "Ana Admin", and so on), so they show the real wording.',
    '',
    '| category | action key | when it is written | example sentence |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const missing = activitiesWithoutWhen();
  if (missing.length > 0) {
    process.stderr.write(`Activities without "when": ${missing.join(', ')}\n`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(ACTIVITIES_DOC_PATH), { recursive: true });
  fs.writeFileSync(ACTIVITIES_DOC_PATH, renderActivitiesDoc());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), ACTIVITIES_DOC_PATH)} (${Object.keys(activities).length} activities)\n`);
}
