/**
 * How the PostgreSQL store writes its rows: the parameters of each table's INSERT, in
 * its columns' order, and one INSERT of many rows written as literals (a group commit's events).
 */
import type { SessionEvent } from '../../core/protocol.js';
import type { EventVersions } from './event-versions.js';
import type { ContactRow, FileRow, ParticipantRow, SessionRow } from './store.js';

export const eventParams = (sessionId: string, e: SessionEvent, versions: EventVersions) => [
  sessionId,
  e.seq,
  e.id,
  e.type,
  e.stepId ?? null,
  JSON.stringify(e.actor),
  JSON.stringify(e.payload),
  e.at,
  versions.latest(e.type),
];

/**
 * One INSERT of many rows with its values written in as literals, for a simple query that
 * carries more statements after it (the batch's `COMMIT`: one round trip less a batch).
 * Strings go through the driver's `escape` (PostgreSQL's own quoting rules), numbers must
 * be finite; any other value is a mistake in the caller and is refused, not written.
 */
export function literalRows(head: string, rows: unknown[][], escape: (text: string) => string): string {
  const literal = (value: unknown) => {
    if (value === null) return 'NULL';
    if (typeof value === 'string') return escape(value);
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    throw new TypeError(`A ${typeof value} cannot be written as a literal`);
  };
  return `${head} VALUES ${rows.map((row) => `(${row.map(literal).join(', ')})`).join(', ')}`;
}

export const sessionParams = (s: SessionRow) => [s.id, s.arenaId, s.code, s.title, s.scriptId, s.createdAt, s.plannedAt ?? null];
export const contactParams = (c: ContactRow) => [c.sessionId, c.participantId, c.name, c.email, c.consent, c.createdAt];
export const participantParams = (p: ParticipantRow) => [p.id, p.sessionId, p.tokenHash, p.pseudonym, p.createdAt];
export const fileParams = (f: FileRow) => [f.sessionId, f.id, f.stepId, f.participantId, f.type, f.width, f.height, Buffer.from(f.data), f.createdAt];
