/**
 * How the PostgreSQL store writes its rows: the parameters of each table's INSERT, in
 * its columns' order, and one INSERT of many rows (a group commit's events).
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

/** One INSERT of many rows: `head` is `INSERT INTO t (columns)`, each row its values. */
export function insertRows(head: string, rows: unknown[][]): [string, unknown[]] {
  const width = rows[0]!.length;
  const tuples = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
  return [`${head} VALUES ${tuples.join(', ')}`, rows.flat()];
}

export const sessionParams = (s: SessionRow) => [s.id, s.arenaId, s.code, s.title, s.scriptId, s.createdAt, s.plannedAt ?? null];
export const contactParams = (c: ContactRow) => [c.sessionId, c.participantId, c.name, c.email, c.consent, c.createdAt];
export const participantParams = (p: ParticipantRow) => [p.id, p.sessionId, p.tokenHash, p.pseudonym, p.createdAt];
export const fileParams = (f: FileRow) => [f.sessionId, f.id, f.stepId, f.participantId, f.type, f.width, f.height, Buffer.from(f.data), f.createdAt];
