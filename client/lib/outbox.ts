/**
 * Commands not yet acknowledged, kept on the device so that a reload or a dead
 * phone battery in the middle of poor Wi-Fi does not lose a contribution.
 * Resent with the same id: the server applies an id once.
 */
import type { Command } from '../../core/protocol.js';

export interface StoredCommand {
  command: Command;
  at: number;
}

export function loadOutbox(key: string | undefined): StoredCommand[] {
  if (!key) return [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((item): item is StoredCommand => typeof item?.command?.id === 'string' && typeof item.command.type === 'string')
      : [];
  } catch {
    return [];
  }
}

export function saveOutbox(key: string | undefined, pending: StoredCommand[]): void {
  if (!key) return;
  try {
    if (pending.length) localStorage.setItem(key, JSON.stringify(pending));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or blocked: the commands still live in memory until acknowledged.
  }
}

/** The first wait after a transient refusal, and the longest. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * When to send a command again after a transient refusal (`isTransient` in
 * core/protocol.ts: rate-limited, or the server's store failed): 1 s, 2 s, 4 s …
 * up to 30 s, each ±25 % so a room's phones do not all come back in the same
 * second after a full disk is freed. The command stays in the outbox all along.
 */
export class Backoff {
  private tries = new Map<string, number>();

  /** The wait before the next try of this command. */
  next(id: string): number {
    const n = this.tries.get(id) ?? 0;
    this.tries.set(id, n + 1);
    return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** n) * (0.75 + Math.random() * 0.5);
  }

  /** The command was stored or definitively refused. */
  forget(id: string): void {
    this.tries.delete(id);
  }
}
