/** A token bucket: `capacity` at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }

  take(now = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole seconds until the next token, for Retry-After; 0 when one is there. */
  secondsToNext(now = Date.now()): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }

  private refill(now: number) {
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

/**
 * One bucket per key, in a bounded map: past `maxKeys` the least recently used go
 * first, so a flood of keys costs memory only up to the cap. Keys are addresses
 * (what one visitor may make, server/admission.ts) and participants (a phone's
 * commands, shared by all its connections: one token on ten sockets is one phone).
 * A key pushed out starts again with a full bucket, which needs more than `maxKeys`
 * keys in use since: an attacker gains nothing they could not get with a new address.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes a token for `key`: 0 when taken, otherwise the seconds to wait (Retry-After). */
  take(key: string, now = Date.now()): number {
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key); // re-inserted below: the map's order is the order of use
    else {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = new TokenBucket(this.capacity, this.perSecond);
    }
    this.buckets.set(key, bucket);
    return bucket.take(now) ? 0 : bucket.secondsToNext(now);
  }
}
