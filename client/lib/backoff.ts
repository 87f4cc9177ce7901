/** The first wait after a transient refusal, and the longest. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * When to try again after a transient refusal (`isTransient` in core/protocol.ts:
 * rate-limited, or the server's store failed), for a command in the outbox or for the
 * connection's handshake: 1 s, 2 s, 4 s … up to 30 s, each ±25 % so a room's phones do
 * not all come back in the same second after a full disk is freed.
 */
export class Backoff {
  private tries = new Map<string, number>();

  /** The wait before the next try of this command (or of the handshake). */
  next(id: string): number {
    const n = this.tries.get(id) ?? 0;
    this.tries.set(id, n + 1);
    return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** n) * (0.75 + Math.random() * 0.5);
  }

  /** The command was stored or definitively refused (or the connection opened). */
  forget(id: string): void {
    this.tries.delete(id);
  }
}
