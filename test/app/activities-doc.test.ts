// docs/activities.md is generated from the activity catalogue: it must say what the code does.
import fs from 'node:fs';
import { defineActivities } from '@hashtrail/adminjs-audit';
import { ACTIVITIES_DOC_PATH, activitiesWithoutWhen, renderActivitiesDoc } from '../../scripts/activities-doc.js';
import { activities } from '../../src/audit/activities.js';

describe('the activity documentation', () => {
  it('says when every activity is written', () => {
    expect(activitiesWithoutWhen()).toEqual([]);
  });

  it('matches the catalogue (run npm run docs:activities)', () => {
    const expected = renderActivitiesDoc();
    const onDisk = fs.existsSync(ACTIVITIES_DOC_PATH) ? fs.readFileSync(ACTIVITIES_DOC_PATH, 'utf8') : '';
    if (onDisk !== expected) {
      const want = expected.split('\n');
      const have = onDisk.split('\n');
      const line = want.findIndex((text, index) => text !== have[index]);
      const at = line === -1 ? want.length : line;
      throw new Error(
        `docs/activities.md differs from the activity catalogue at line ${at + 1}: run npm run docs:activities\n` +
          `  file:      ${have[at] ?? '(end of file)'}\n  catalogue: ${want[at] ?? '(end of text)'}`,
      );
    }
  });

  it('lists every action key once', () => {
    const doc = renderActivitiesDoc();
    for (const key of Object.keys(activities)) expect(doc.split(`| \`${key}\` |`)).toHaveLength(2);
  });

  it('names an activity that has no "when", and refuses an empty one', () => {
    const catalogue = defineActivities({ 'thing.done': { category: 'Thing', sentence: () => 'done' } });
    expect(activitiesWithoutWhen(catalogue)).toEqual(['thing.done']);
    expect(() => defineActivities({ 'thing.done': { category: 'Thing', when: ' ', sentence: () => 'done' } })).toThrow(/"when"/);
  });
});
