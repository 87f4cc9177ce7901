/**
 * The logbook's rows (core/logbook.ts) as both stores keep them: the same statements,
 * with each store's placeholders (`?` for SQLite, `$n` for PostgreSQL), and one way to
 * read a row back. Flags are 0/1 integers and `about` is JSON text in both.
 */
import type { LogbookAbout, LogbookEntry, LogbookLink, LogbookState } from '../../core/logbook.js';

export interface LogbookLinkRow extends LogbookLink {
  arenaId: string;
}
export interface LogbookEntryRow extends LogbookEntry {
  arenaId: string;
}
/** What the facilitator changes on an entry; absent: kept. */
export interface LogbookEntryChanges {
  state?: LogbookState;
  highlighted?: boolean;
  shared?: boolean;
}

const LINK_COLUMNS = 'id, arena_id, code, requires_approval, created_at, revoked_at';
const ENTRY_COLUMNS = 'id, arena_id, link_id, created_at, date, what, cycle, text, name, about, state, highlighted, shared';

/** The statements, with `p(n)` the store's placeholder for the n-th parameter (from 1): always in order, as SQLite's `?` counts them. */
export function logbookSql(p: (n: number) => string) {
  const values = (count: number) => Array.from({ length: count }, (_, i) => p(i + 1)).join(', ');
  return {
    insertLink: `INSERT INTO logbook_links (${LINK_COLUMNS}) VALUES (${values(6)})`,
    links: `SELECT ${LINK_COLUMNS} FROM logbook_links WHERE arena_id = ${p(1)} ORDER BY created_at, id`,
    linkByCode: `SELECT ${LINK_COLUMNS} FROM logbook_links WHERE code = ${p(1)}`,
    revokeLink: `UPDATE logbook_links SET revoked_at = ${p(1)} WHERE arena_id = ${p(2)} AND id = ${p(3)} AND revoked_at IS NULL`,
    insertEntry: `INSERT INTO logbook_entries (${ENTRY_COLUMNS}) VALUES (${values(13)})`,
    entries: `SELECT ${ENTRY_COLUMNS} FROM logbook_entries WHERE arena_id = ${p(1)} ORDER BY date, created_at, id`,
    updateEntry: `UPDATE logbook_entries SET
        state = COALESCE(${p(1)}, state), highlighted = COALESCE(${p(2)}, highlighted), shared = COALESCE(${p(3)}, shared)
      WHERE arena_id = ${p(4)} AND id = ${p(5)}`,
  } as const;
}

export const linkParams = (l: LogbookLinkRow) => [l.id, l.arenaId, l.code, l.requiresApproval ? 1 : 0, l.createdAt, l.revokedAt];
export const entryParams = (e: LogbookEntryRow) => [
  e.id,
  e.arenaId,
  e.linkId,
  e.createdAt,
  e.date,
  e.what,
  e.cycle,
  e.text,
  e.name,
  e.about ? JSON.stringify(e.about) : null,
  e.state,
  e.highlighted ? 1 : 0,
  e.shared ? 1 : 0,
];
const flag = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0);
export const changeParams = (arenaId: string, id: string, c: LogbookEntryChanges) => [c.state ?? null, flag(c.highlighted), flag(c.shared), arenaId, id];

type Raw = Record<string, unknown>;
export const linkOf = (r: Raw): LogbookLinkRow => ({
  id: r.id as string,
  arenaId: r.arena_id as string,
  code: r.code as string,
  requiresApproval: Number(r.requires_approval) === 1,
  createdAt: Number(r.created_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});
export const entryOf = (r: Raw): LogbookEntryRow => ({
  id: r.id as string,
  arenaId: r.arena_id as string,
  linkId: r.link_id as string,
  createdAt: Number(r.created_at),
  date: r.date as string,
  what: r.what as LogbookEntry['what'],
  cycle: r.cycle as LogbookEntry['cycle'],
  text: r.text as string,
  name: (r.name as string | null) ?? null,
  about: r.about ? (JSON.parse(r.about as string) as LogbookAbout) : null,
  state: r.state as LogbookState,
  highlighted: Number(r.highlighted) === 1,
  shared: Number(r.shared) === 1,
});
