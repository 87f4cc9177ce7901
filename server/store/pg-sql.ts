/**
 * The PostgreSQL store's statements, one named statement per Store method
 * (pg-store.ts runs them), and how it reads BIGINT times.
 */
import pg from 'pg';
import { logbookSql } from './logbook-rows.js';
import { ARENA_INSERT_COLUMNS, arenaColumns } from './store.js';

const FEED_KEY_COLUMNS = `id, session_id AS "sessionId", key_hash AS "keyHash", label, created_at AS "createdAt", revoked_at AS "revokedAt"`;
const SESSION_COLUMNS = `id, arena_id AS "arenaId", code, title, script_id AS "scriptId", created_at AS "createdAt", planned_at AS "plannedAt"`;
const ARENA_COLUMNS = arenaColumns('"');
const PARTICIPANT_COLUMNS = `id, session_id AS "sessionId", token_hash AS "tokenHash", pseudonym, created_at AS "createdAt"`;
const CONTACT_COLUMNS = `session_id AS "sessionId", participant_id AS "participantId", name, email, consent, created_at AS "createdAt"`;
const KIND_DATA_COLUMNS = `arena_id AS "arenaId", kind, value, updated_at AS "updatedAt"`;
const FILE_COLUMNS = `session_id AS "sessionId", id, step_id AS "stepId", participant_id AS "participantId", type, width, height, data, created_at AS "createdAt"`;
const EVENT_COLUMNS = `(session_id, seq, id, type, step_id, actor, payload, at, v) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

export const SQL = {
  insertArena: `INSERT INTO arenas (${ARENA_INSERT_COLUMNS.join(', ')}) VALUES (${ARENA_INSERT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
  arena: `SELECT ${ARENA_COLUMNS} FROM arenas WHERE id = $1`,
  setLocale: `UPDATE arenas SET locale = $1 WHERE id = $2`,
  deleteArena: `DELETE FROM arenas WHERE id = $1`,
  insertSession: `INSERT INTO sessions (id, arena_id, code, title, script_id, created_at, planned_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  updateSession: `UPDATE sessions SET title = COALESCE($2, title), planned_at = CASE WHEN $3 THEN $4::BIGINT ELSE planned_at END WHERE id = $1`,
  deleteSession: `DELETE FROM sessions WHERE id = $1`,
  participants: `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE session_id = $1 ORDER BY created_at, id`,
  saveContact: `INSERT INTO contacts (session_id, participant_id, name, email, consent, created_at) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (session_id, participant_id) DO UPDATE SET name = excluded.name, email = excluded.email, consent = excluded.consent, created_at = excluded.created_at`,
  contacts: `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE session_id IN (SELECT id FROM sessions WHERE arena_id = $1)
    ORDER BY created_at, session_id, participant_id`,
  sessionContacts: `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE session_id = $1 ORDER BY created_at, participant_id`,
  saveFile: `INSERT INTO session_files (session_id, id, step_id, participant_id, type, width, height, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
  file: `SELECT ${FILE_COLUMNS} FROM session_files WHERE session_id = $1 AND id = $2`,
  files: `SELECT ${FILE_COLUMNS} FROM session_files WHERE session_id = $1 ORDER BY created_at, id`,
  deleteFile: `DELETE FROM session_files WHERE session_id = $1 AND id = $2`,
  countStepFiles: `SELECT count(*)::INTEGER AS n FROM session_files WHERE session_id = $1 AND step_id = $2`,
  countOwnFiles: `SELECT count(*)::INTEGER AS n FROM session_files WHERE session_id = $1 AND step_id = $2 AND participant_id IS NOT DISTINCT FROM $3`,
  session: `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`,
  sessionByCode: `SELECT ${SESSION_COLUMNS} FROM sessions WHERE code = $1`,
  sessions: `SELECT ${SESSION_COLUMNS} FROM sessions WHERE arena_id = $1 ORDER BY created_at, id`,
  insertEvent: `INSERT INTO events ${EVENT_COLUMNS}`,
  /** After the session's row was locked, by the statement before it in the same query (`id` an escaped literal, `after` a whole number). */
  missedOf: (id: string, after: number) => `SELECT seq, id, type, step_id, actor, payload, at, v FROM events WHERE session_id = ${id} AND seq > ${after} ORDER BY seq`,
  eventSeqById: `SELECT seq FROM events WHERE session_id = $1 AND id = $2`,
  events: `SELECT seq, id, type, step_id, actor, payload, at, v FROM events WHERE session_id = $1 AND seq > $2 ORDER BY seq`,
  participantColumns: `INSERT INTO participants (id, session_id, token_hash, pseudonym, created_at)`,
  eventColumns: `INSERT INTO events (session_id, seq, id, type, step_id, actor, payload, at, v)`,
  insertParticipant: `INSERT INTO participants (id, session_id, token_hash, pseudonym, created_at) VALUES ($1, $2, $3, $4, $5)`,
  participantByToken: `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE session_id = $1 AND token_hash = $2`,
  saveScript: `INSERT INTO arena_scripts (arena_id, id, yaml, updated_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (arena_id, id) DO UPDATE SET yaml = excluded.yaml, updated_at = excluded.updated_at`,
  scripts: `SELECT arena_id AS "arenaId", id, yaml, updated_at AS "updatedAt" FROM arena_scripts WHERE arena_id = $1 ORDER BY id`,
  deleteScript: `DELETE FROM arena_scripts WHERE arena_id = $1 AND id = $2`,
  saveKindData: `INSERT INTO arena_kind_data (arena_id, kind, value, updated_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (arena_id, kind) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  kindData: `SELECT ${KIND_DATA_COLUMNS} FROM arena_kind_data WHERE arena_id = $1 AND kind = $2`,
  allKindData: `SELECT ${KIND_DATA_COLUMNS} FROM arena_kind_data WHERE arena_id = $1 ORDER BY kind`,
  deleteKindData: `DELETE FROM arena_kind_data WHERE arena_id = $1 AND kind = $2`,
  insertFeedKey: `INSERT INTO feed_keys (id, session_id, key_hash, label, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)`,
  feedKeys: `SELECT ${FEED_KEY_COLUMNS} FROM feed_keys WHERE session_id = $1 ORDER BY created_at, id`,
  feedKeyByHash: `SELECT ${FEED_KEY_COLUMNS} FROM feed_keys WHERE session_id = $1 AND key_hash = $2`,
  revokeFeedKey: `UPDATE feed_keys SET revoked_at = $1 WHERE session_id = $2 AND id = $3 AND revoked_at IS NULL`,
} as const;

export const LOGBOOK = logbookSql((n) => `$${n}`);

/** Times are milliseconds in BIGINT columns: well inside a double, so read them as numbers, not strings. */
export const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};
