// The sign-in throttle holds across app instances: two apps (two createApp, each on a DataSource
// of its own, as two processes would be) on one database share the counts, so attempts alternated
// between them are limited together, not per instance. Keyed on the resolved address: under
// TRUST_PROXY=true a brute force that sends a new X-Forwarded-For with each attempt is still
// throttled per email.
// Needs a database server both DataSources can reach at once: TEST_DATABASE_URL, or else a
// throwaway cluster (the embedded engine serves one connection at a time).
import request from 'supertest';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { loginError } from '../helpers/login-page.js';
import { AGENT_EMAIL, AGENT_PASSWORD, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { reportThenAssert } from './summary.js';

const MAX_PER_EMAIL = 5;
const MAX_PER_IP = 8;

let t: TestApp;
let secondDataSource: DataSource;
let instances: Express[];

type Outcome = 'refused' | 'throttled' | 'signed_in' | string;

async function attempt(instance: Express, email: string, password: string, ip: string): Promise<Outcome> {
  const response = await request(instance).post('/admin/login').set({ 'User-Agent': BROWSER_UA, 'X-Forwarded-For': ip }).type('form').send({ email, password });
  if (response.status === 302) return 'signed_in';
  const error = loginError(response.text);
  return error === 'tooManyRequests' ? 'throttled' : error === 'invalidCredentials' ? 'refused' : `HTTP ${response.status} ${String(error)}`;
}

/** `count` attempts, instance A, B, A, B, … one after another. */
async function alternate(count: number, make: (i: number) => { email: string; password: string; ip: string }): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < count; i++) {
    const { email, password, ip } = make(i);
    outcomes.push(await attempt(instances[i % 2]!, email, password, ip));
  }
  return outcomes;
}

const tally = (outcomes: Outcome[]) => outcomes.reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }), {});

async function throttledEntries(email: string): Promise<Array<{ ip: string | null; limitedBy: string }>> {
  return (await t.entries('session.sign_in_failed'))
    .filter((entry) => (entry.details as { email?: string }).email === email && (entry.details as { reason?: string }).reason === 'throttled')
    .map((entry) => ({ ip: entry.ip, limitedBy: (entry.details as { limitedBy: string }).limitedBy }));
}

describe('sign-in throttle across two app instances on one database', () => {
  const facts: string[] = [];
  beforeAll(async () => {
    t = await onConcurrencyCapableServer(() =>
      startTestApp({ TRUST_PROXY: 'true', SIGN_IN_MAX_FAILURES_PER_EMAIL: String(MAX_PER_EMAIL), SIGN_IN_MAX_FAILURES_PER_IP: String(MAX_PER_IP), SIGN_IN_THROTTLE_WINDOW_MINUTES: '30' }),
    );
    secondDataSource = await createDataSource({ url: t.config.DATABASE_URL!, poolSize: t.config.DB_POOL_SIZE }).initialize();
    instances = [t.app, createApp(t.config, secondDataSource, createLogger('silent')).express];
  }, 120_000);
  afterAll(async () => {
    await secondDataSource?.destroy();
    await t?.close();
  });

  it('limits one email and one IP together, not per instance', async () => {
    const email = await alternate(12, () => ({ email: AGENT_EMAIL, password: 'not-the-password', ip: '198.51.100.1' }));
    const byIp = await alternate(12, (i) => ({ email: `guess${i}@acme.example`, password: 'whatever-password', ip: '198.51.100.2' }));
    const emailTally = tally(email);
    const ipTally = tally(byIp);
    facts.push(
      `one email over 2 instances: ${emailTally.refused ?? 0} of 12 alternated attempts checked, ${emailTally.throttled ?? 0} throttled (limit ${MAX_PER_EMAIL}, per instance would allow ${2 * MAX_PER_EMAIL})`,
      `one IP: ${ipTally.refused ?? 0} of 12 checked, ${ipTally.throttled ?? 0} throttled (limit ${MAX_PER_IP})`,
    );
    const entries = await throttledEntries(AGENT_EMAIL);
    expect(email).toEqual([...Array<Outcome>(MAX_PER_EMAIL).fill('refused'), ...Array<Outcome>(12 - MAX_PER_EMAIL).fill('throttled')]);
    expect(byIp).toEqual([...Array<Outcome>(MAX_PER_IP).fill('refused'), ...Array<Outcome>(12 - MAX_PER_IP).fill('throttled')]);
    expect(entries).toHaveLength(12 - MAX_PER_EMAIL);
    expect(entries.every((entry) => entry.limitedBy === 'email' && entry.ip === '198.51.100.1')).toBe(true);
    // Even the right password is refused while the email is throttled, on either instance.
    expect(await attempt(instances[0]!, AGENT_EMAIL, AGENT_PASSWORD, '198.51.100.3')).toBe('throttled');
    expect(await attempt(instances[1]!, AGENT_EMAIL, AGENT_PASSWORD, '198.51.100.3')).toBe('throttled');
  });

  it('throttles per email a brute force that rotates its forwarded address (TRUST_PROXY=true)', async () => {
    const target = 'bruno@acme.example';
    const outcomes = await alternate(40, (i) => ({ email: target, password: `guess-${i}`, ip: `203.0.113.${i + 1}` }));
    const counts = tally(outcomes);
    facts.push(`40 attempts on one email from 40 forwarded addresses: ${counts.refused ?? 0} checked, ${counts.throttled ?? 0} throttled`);
    const entries = await throttledEntries(target);
    await reportThenAssert('throttle-two-instances', { heading: 'sign-in throttle across 2 instances', lines: facts, entriesLost: 0 }, () => {
      expect(counts).toEqual({ refused: MAX_PER_EMAIL, throttled: 40 - MAX_PER_EMAIL });
      expect(entries).toHaveLength(40 - MAX_PER_EMAIL);
      expect(entries.every((entry) => entry.limitedBy === 'email')).toBe(true);
      // Recorded under the resolved (forwarded) address of each attempt.
      expect(new Set(entries.map((entry) => entry.ip)).size).toBe(40 - MAX_PER_EMAIL);
    });
  });
});
