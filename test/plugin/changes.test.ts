import { defineActivities, REDACTED } from '@hashtrail/adminjs-audit';
import { isSecretField } from '../../plugin/src/changes/redaction.js';
import { diffFields } from '../../plugin/src/changes/diff.js';

const options = { ignore: ['updatedAt'], redact: ['pin'] };

describe('what an entry says changed', () => {
  it('keeps only the fields whose value changed, before and after', () => {
    const changes = diffFields(['name', 'enabled', 'updatedAt'], { name: 'A', enabled: true, updatedAt: 1 }, { name: 'B', enabled: true, updatedAt: 2 }, options);
    expect(changes).toEqual({ name: { from: 'A', to: 'B' } });
  });

  it('does not see a change in JSON whose keys came back in another order', () => {
    const before = { rule: { values: [1], attribute: 'x' } };
    const after = { rule: { attribute: 'x', values: [1] } };
    expect(diffFields(['rule'], before, after, options)).toEqual({});
  });

  it('masks secrets but says whether they were set, changed or cleared', () => {
    expect(diffFields(['passwordHash'], { passwordHash: null }, { passwordHash: '$2b$x' }, options)).toEqual({ passwordHash: { from: null, to: REDACTED } });
    expect(diffFields(['apiKey', 'pin'], { apiKey: 'k1', pin: '1' }, { apiKey: 'k2', pin: '2' }, options)).toEqual({
      apiKey: { from: REDACTED, to: REDACTED },
      pin: { from: REDACTED, to: REDACTED },
    });
  });

  it('records dates as ISO strings and leaves out empty fields of a created record', () => {
    const when = new Date('2026-01-02T03:04:05Z');
    expect(diffFields(['at', 'note'], null, { at: when, note: null }, options)).toEqual({ at: { from: null, to: '2026-01-02T03:04:05.000Z' } });
  });
});

describe('the shared redaction list', () => {
  it.each(['password', 'passwordHash', 'password_hash', 'signingSecret', 'invitationTokenHash', 'resetToken', 'api_key', 'sessionId'])('treats %s as secret', (field) => {
    expect(isSecretField(field)).toBe(true);
  });

  it.each(['name', 'email', 'url', 'role', 'availability'])('does not mask %s', (field) => {
    expect(isSecretField(field)).toBe(false);
  });
});

describe('the activity catalogue', () => {
  it('refuses a key that is not like "inbox.created"', () => {
    expect(() => defineActivities({ 'Inbox Created': { category: 'Inbox', sentence: () => '' } })).toThrow(/not an action key/);
  });

  it('refuses an activity without a category', () => {
    expect(() => defineActivities({ 'inbox.created': { category: '', sentence: () => '' } })).toThrow(/has no category/);
  });
});
