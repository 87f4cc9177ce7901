/**
 * Throttles wrong join-code guesses per address, without ever standing in the way
 * of the right code. Each address holds a bucket of wrong guesses: `burst` at
 * once, refilled by one every `intervalMs`. A wrong code from a full bucket is
 * answered at once; from an empty one it is answered slowly, each one
 * `intervalMs` after the one before, and at most `waiting` of them wait. A right
 * code takes nothing from the bucket and is never slowed.
 *
 * Only when `waiting` wrong codes from one address already wait is the next code
 * from there refused (429) before it is looked up. That refusal cannot depend on
 * whether the code is right (else the answer itself would tell a guesser), so the
 * right code is refused too; a phone that holds its token for the session still
 * gets in. That takes a script keeping wrong codes in flight, not a prankster's
 * thumbs or a room's typos.
 *
 * So one address looks up at most `burst + waiting` codes, then one per
 * `intervalMs`: with the defaults (50, 6, 10 s) 360 an hour. Among 31^6 =
 * 887,503,681 codes, one given session's code takes 1.2 million hours on
 * average; with a thousand sessions open at once, finding any one of them takes
 * about 2,500 hours (≈ 100 days).
 */
export interface GuessLimits {
  burst: number;
  intervalMs: number;
  waiting: number;
}

export const GUESS_WAITING = 6;

export class GuessLimiter {
  /** Per address: the bucket's level at `at`; below zero, that many wrong answers wait. */
  private readonly buckets = new Map<string, { level: number; at: number }>();

  constructor(
    private readonly limits: GuessLimits,
    /** Addresses remembered at most; the oldest go first. */
    private readonly capacity = 50_000,
  ) {}

  private level(address: string, now: number): number {
    const bucket = this.buckets.get(address);
    if (!bucket) return this.limits.burst;
    return Math.min(this.limits.burst, bucket.level + (now - bucket.at) / this.limits.intervalMs);
  }

  private set(address: string, level: number, now: number) {
    if (this.buckets.has(address)) this.buckets.delete(address);
    else if (this.buckets.size >= this.capacity) this.buckets.delete(this.buckets.keys().next().value!);
    this.buckets.set(address, { level, at: now }); // re-inserted, so the map's order is the order of last use
  }

  /** True when this address already has `waiting` wrong answers waiting (the next is due within one interval): refuse its next code unseen. */
  refused(address: string, now = Date.now()): boolean {
    return this.level(address, now) < 1 - this.limits.waiting;
  }

  /** Seconds until the address may send a code again, for Retry-After. */
  retryAfter(address: string, now = Date.now()): number {
    const level = this.level(address, now);
    return Math.max(1, Math.ceil(((-this.limits.waiting + 1 - level) * this.limits.intervalMs) / 1000));
  }

  /**
   * Takes a guess from the address's bucket before its code is looked up, or null when
   * the address is refused. Taken at once, before any lookup, so requests that arrive
   * together cannot all look codes up on the same level. A right code gives it back;
   * a wrong one waits for its turn.
   */
  take(address: string, now = Date.now()): Guess | null {
    if (this.refused(address, now)) return null;
    const level = this.level(address, now) - 1;
    this.set(address, level, now);
    return {
      right: (at = Date.now()) => this.set(address, Math.min(this.limits.burst, this.level(address, at) + 1), at),
      wrong: () => (level >= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, -level * this.limits.intervalMs).unref())),
    };
  }
}

export interface Guess {
  /** The code was right: the guess goes back into the bucket. */
  right(now?: number): void;
  /** The code was wrong: resolves when its answer may be given (at once while the bucket held guesses). */
  wrong(): Promise<void>;
}
