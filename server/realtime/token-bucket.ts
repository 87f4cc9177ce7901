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

  /** Milliseconds until the bucket is full again (0 when it is). */
  untilFull(now = Date.now()): number {
    this.refill(now);
    return Math.ceil(((this.capacity - this.tokens) / this.perSecond) * 1000);
  }

  private refill(now: number) {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
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
