// A small time-boxed memo. AdminJS answers one list request with two calls (count(), then
// find()), and a search needs the same window figures for both; reading them once per request
// halves the window reads. The lifetime is short so figures never outlive the request by much.

export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  /**
   * @param lifetimeMs how long a value is reused after it was computed; 0 never reuses.
   * @param now the clock (tests may pass their own).
   */
  constructor(
    readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value stored under `key` if still fresh, else `compute()`'s, stored for the next `lifetimeMs`. */
  async get(key: string, compute: () => Promise<V>): Promise<V> {
    const now = this.now();
    const fresh = this.entries.get(key);
    if (fresh && now - fresh.at < this.lifetimeMs) return fresh.value;
    const value = await compute();
    // Pruned on each store, so keys of past requests (one per filter set) do not pile up.
    for (const [oldKey, entry] of this.entries) if (now - entry.at >= this.lifetimeMs) this.entries.delete(oldKey);
    this.entries.set(key, { value, at: now });
    return value;
  }
}
