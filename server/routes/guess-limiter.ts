/**
 * Limits wrong join-code guesses per address. Only failures count: a whole room
 * behind one venue router joins with the right code and is never slowed down.
 * 20 wrong codes in 10 minutes blocks that address's lookups until the window ends.
 */
export class GuessLimiter {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly max = 20,
    private readonly windowMs = 10 * 60_000,
    /** Addresses remembered at most; the oldest go first. */
    private readonly capacity = 50_000,
  ) {}

  blocked(address: string, now = Date.now()): boolean {
    const entry = this.failures.get(address);
    if (!entry) return false;
    if (entry.until <= now) {
      this.failures.delete(address);
      return false;
    }
    return entry.count >= this.max;
  }

  fail(address: string, now = Date.now()) {
    const entry = this.failures.get(address);
    if (entry && entry.until > now) entry.count += 1;
    else {
      if (this.failures.size >= this.capacity) this.failures.delete(this.failures.keys().next().value!);
      this.failures.set(address, { count: 1, until: now + this.windowMs });
    }
  }

  /** Seconds until the address may try again, for Retry-After. */
  retryAfter(address: string, now = Date.now()): number {
    const entry = this.failures.get(address);
    return entry ? Math.max(1, Math.ceil((entry.until - now) / 1000)) : 0;
  }
}
