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

  /** Milliseconds until the bucket is full again (0 when it is). */
  untilFull(now = Date.now()): number {
    this.refill(now);
    return Math.ceil(((this.capacity - this.tokens) / this.perSecond) * 1000);
  }

  private refill(now: number) {
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

/**
 * One bucket per key (an address), in a bounded map: past `maxKeys` the least
 * recently used go first, so a flood of addresses costs memory only up to the cap.
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

/**
 * One bucket per key, shared by every connection that holds the key: a
 * participant's budget is theirs, however many sockets they open. A bucket is
 * kept while a connection holds it, and after the last one closes only until
 * it is full again, when forgetting it changes nothing: memory follows the
 * connections, not everyone who ever connected.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; holders: number; timer?: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {}

  /** The key's bucket for one more connection; `release` when that connection closes. */
  hold(key: string): TokenBucket {
    let entry = this.buckets.get(key);
    if (!entry) this.buckets.set(key, (entry = { bucket: new TokenBucket(this.capacity, this.perSecond), holders: 0 }));
    clearTimeout(entry.timer);
    entry.holders++;
    return entry.bucket;
  }

  release(key: string): void {
    const entry = this.buckets.get(key);
    if (!entry || --entry.holders > 0) return;
    const forget = () => {
      if (entry.holders > 0) return;
      const wait = entry.bucket.untilFull();
      if (wait > 0) entry.timer = setTimeout(forget, wait).unref();
      else this.buckets.delete(key);
    };
    forget();
  }

  /** Buckets kept now: for tests and monitoring. */
  get size(): number {
    return this.buckets.size;
  }
}
