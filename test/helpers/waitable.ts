/** A test client that other code can wait on: `until` re-checks its predicate whenever the client hears something. */
export class Waitable {
  private waiters: (() => void)[] = [];

  protected notify() {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Resolves once `predicate` holds, re-checked on every message; rejects after `ms`. */
  until(predicate: (view: this) => boolean, ms = 5000, what = 'condition'): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      const check = () => {
        if (predicate(this)) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }
}
