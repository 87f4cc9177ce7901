/**
 * The store, watched: every call that fails for a reason of the store itself
 * (disk full, read-only folder, a damaged file, a lost database connection) is
 * counted, so /healthz can say the store is failing while sessions still run.
 * A refusal the store makes on purpose (a taken seq, a unique id already there)
 * is an answer, not a failure.
 */
import { SeqConflictError, type Store } from './store.js';

/** How long one failure keeps the store reported as failing. */
export const FAILING_FOR_MS = 60_000;

export class StoreHealth {
  private failures: number[] = [];

  failed(error: unknown, now = Date.now()) {
    if (error instanceof SeqConflictError || refusal(error)) return;
    this.failures = [...this.recent(now), now].slice(-1000);
  }

  /** Failures in the last minute. */
  failing(now = Date.now()): number {
    return this.recent(now).length;
  }

  private recent(now: number) {
    return this.failures.filter((at) => at > now - FAILING_FOR_MS);
  }
}

/** A unique or foreign key said no: SQLite's SQLITE_CONSTRAINT_*, PostgreSQL's class 23. */
function refusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || /^23[0-9A-Z]{3}$/.test(code));
}

/** `store` with every method watched by `health`; everything else passes through. */
export function watchStore(store: Store, health: StoreHealth): Store {
  const wrapped = new Map<PropertyKey, (...args: unknown[]) => unknown>();
  const call = (target: Store, prop: PropertyKey, args: unknown[]) => {
    try {
      const result = (Reflect.get(target, prop, target) as (...a: unknown[]) => unknown).apply(target, args);
      if (!(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        health.failed(error);
        throw error;
      });
    } catch (error) {
      health.failed(error);
      throw error;
    }
  };
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!wrapped.has(prop)) wrapped.set(prop, (...args) => call(target, prop, args));
      return wrapped.get(prop);
    },
  });
}
