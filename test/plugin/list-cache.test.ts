// The memo that lets one list request (count, then find) read a search window once. Its use by
// the list is tested through AuditLogResource in test/perf/audit-log-list.test.ts; here only its
// lifetime edges, on a clock the test moves.
import { ExpiringCache } from '../../plugin/src/adminjs/list/list-cache.js';

function counter() {
  let calls = 0;
  return { compute: async () => ++calls, calls: () => calls };
}

describe('ExpiringCache', () => {
  it('reuses a value for its lifetime, not at its end, and keeps keys apart', async () => {
    let now = 1000;
    const cache = new ExpiringCache<number>(3000, () => now);
    const a = counter();
    expect(await cache.get('a', a.compute)).toBe(1);
    now = 3999;
    expect(await cache.get('a', a.compute)).toBe(1);
    expect(await cache.get('b', counter().compute)).toBe(1);
    now = 4000;
    expect(await cache.get('a', a.compute)).toBe(2);
    expect(a.calls()).toBe(2);
  });

  it('never reuses with a lifetime of 0', async () => {
    const cache = new ExpiringCache<number>(0, () => 5);
    const a = counter();
    await cache.get('a', a.compute);
    await cache.get('a', a.compute);
    expect(a.calls()).toBe(2);
  });
});
