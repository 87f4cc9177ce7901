/**
 * The SQLite store's statements, prepared once per connection: one named statement
 * per Store method (sqlite-store.ts runs them).
 */
import type Database from 'better-sqlite3';
import { logbookSql } from './logbook-rows.js';
import { ARENA_INSERT_COLUMNS, arenaColumns } from './store.js';

const FEED_KEY_COLUMNS = `id, session_id AS sessionId, key_hash AS keyHash, label, created_at AS createdAt, revoked_at AS revokedAt`;
const SESSION_COLUMNS = `id, arena_id AS arenaId, code, title, script_id AS scriptId, created_at AS createdAt, planned_at AS plannedAt`;
const ARENA_COLUMNS = arenaColumns('');
const PARTICIPANT_COLUMNS = `id, session_id AS sessionId, token_hash AS tokenHash, pseudonym, created_at AS createdAt`;
const KIND_DATA_COLUMNS = `arena_id AS arenaId, kind, value, updated_at AS updatedAt`;
const CONTACT_COLUMNS = `session_id AS sessionId, participant_id AS participantId, name, email, consent, created_at AS createdAt`;
const FILE_COLUMNS = `session_id AS sessionId, id, step_id AS stepId, participant_id AS participantId, type, width, height, data, created_at AS createdAt`;
const EVENT_VALUES = `(session_id, seq, id, type, step_id, actor, payload, at, v) VALUES (@sessionId, @seq, @id, @type, @stepId, @actor, @payload, @at, @v)`;

export function prepareStatements(db: Database.Database) {
return {
    insertArena: db.prepare(
      `INSERT INTO arenas (${ARENA_INSERT_COLUMNS.join(', ')}) VALUES (${ARENA_INSERT_COLUMNS.map(() => '?').join(', ')})`,
    ),
    arena: db.prepare(`SELECT ${ARENA_COLUMNS} FROM arenas WHERE id = ?`),
    deleteArena: db.prepare(`DELETE FROM arenas WHERE id = ?`),
    setKeyHash: db.prepare(`UPDATE arenas SET key_hash = ? WHERE id = ?`),
    setCode: db.prepare(`UPDATE sessions SET code = ? WHERE id = ?`),
    setLocale: db.prepare(`UPDATE arenas SET locale = ? WHERE id = ?`),
    insertSession: db.prepare(
      `INSERT INTO sessions (id, arena_id, code, title, script_id, created_at, planned_at)
       VALUES (@id, @arenaId, @code, @title, @scriptId, @createdAt, @plannedAt)`,
    ),
    updateSession: db.prepare(
      `UPDATE sessions SET title = COALESCE(@title, title), planned_at = CASE WHEN @setPlanned THEN @plannedAt ELSE planned_at END WHERE id = @id`,
    ),
    deleteSession: db.prepare(`DELETE FROM sessions WHERE id = ?`),
    participants: db.prepare(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE session_id = ? ORDER BY created_at, id`),
    saveContact: db.prepare(
      `INSERT INTO contacts (session_id, participant_id, name, email, consent, created_at)
       VALUES (@sessionId, @participantId, @name, @email, @consent, @createdAt)
       ON CONFLICT (session_id, participant_id) DO UPDATE SET name = excluded.name, email = excluded.email, consent = excluded.consent, created_at = excluded.created_at`,
    ),
    contacts: db.prepare(
      `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE session_id IN (SELECT id FROM sessions WHERE arena_id = ?)
       ORDER BY created_at, session_id, participant_id`,
    ),
    sessionContacts: db.prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE session_id = ? ORDER BY created_at, participant_id`),
    saveFile: db.prepare(
      `INSERT INTO session_files (session_id, id, step_id, participant_id, type, width, height, data, created_at)
       VALUES (@sessionId, @id, @stepId, @participantId, @type, @width, @height, @data, @createdAt)`,
    ),
    file: db.prepare(`SELECT ${FILE_COLUMNS} FROM session_files WHERE session_id = ? AND id = ?`),
    files: db.prepare(`SELECT ${FILE_COLUMNS} FROM session_files WHERE session_id = ? ORDER BY created_at, id`),
    deleteFile: db.prepare(`DELETE FROM session_files WHERE session_id = ? AND id = ?`),
    countStepFiles: db.prepare(`SELECT count(*) AS n FROM session_files WHERE session_id = ? AND step_id = ?`),
    countOwnFiles: db.prepare(`SELECT count(*) AS n FROM session_files WHERE session_id = ? AND step_id = ? AND participant_id IS ?`),
    session: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`),
    sessionByCode: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE code = ?`),
    sessions: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE arena_id = ? ORDER BY created_at, id`),
    insertEvent: db.prepare(`INSERT INTO events ${EVENT_VALUES}`),
    // Either key taken (seq, or the command id) writes nothing; appendEvents then refuses the batch.
    appendEvent: db.prepare(`INSERT INTO events ${EVENT_VALUES} ON CONFLICT DO NOTHING`),
    eventSeqById: db.prepare(`SELECT seq FROM events WHERE session_id = ? AND id = ?`),
    events: db.prepare(`SELECT seq, id, type, step_id, actor, payload, at, v FROM events WHERE session_id = ? AND seq > ? ORDER BY seq`),
    insertParticipant: db.prepare(
      `INSERT INTO participants (id, session_id, token_hash, pseudonym, created_at)
       VALUES (@id, @sessionId, @tokenHash, @pseudonym, @createdAt)`,
    ),
    saveScript: db.prepare(
      `INSERT INTO arena_scripts (arena_id, id, yaml, updated_at) VALUES (@arenaId, @id, @yaml, @updatedAt)
       ON CONFLICT (arena_id, id) DO UPDATE SET yaml = excluded.yaml, updated_at = excluded.updated_at`,
    ),
    scripts: db.prepare(`SELECT arena_id AS arenaId, id, yaml, updated_at AS updatedAt FROM arena_scripts WHERE arena_id = ? ORDER BY id`),
    deleteScript: db.prepare(`DELETE FROM arena_scripts WHERE arena_id = ? AND id = ?`),
    saveKindData: db.prepare(
      `INSERT INTO arena_kind_data (arena_id, kind, value, updated_at) VALUES (@arenaId, @kind, @value, @updatedAt)
       ON CONFLICT (arena_id, kind) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
    kindData: db.prepare(`SELECT ${KIND_DATA_COLUMNS} FROM arena_kind_data WHERE arena_id = ? AND kind = ?`),
    allKindData: db.prepare(`SELECT ${KIND_DATA_COLUMNS} FROM arena_kind_data WHERE arena_id = ? ORDER BY kind`),
    deleteKindData: db.prepare(`DELETE FROM arena_kind_data WHERE arena_id = ? AND kind = ?`),
    insertFeedKey: db.prepare(
      `INSERT INTO feed_keys (id, session_id, key_hash, label, created_at, revoked_at)
       VALUES (@id, @sessionId, @keyHash, @label, @createdAt, @revokedAt)`,
    ),
    feedKeys: db.prepare(`SELECT ${FEED_KEY_COLUMNS} FROM feed_keys WHERE session_id = ? ORDER BY created_at, id`),
    feedKeyByHash: db.prepare(`SELECT ${FEED_KEY_COLUMNS} FROM feed_keys WHERE session_id = ? AND key_hash = ?`),
    revokeFeedKey: db.prepare(`UPDATE feed_keys SET revoked_at = ? WHERE session_id = ? AND id = ? AND revoked_at IS NULL`),
    participantByToken: db.prepare(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE session_id = ? AND token_hash = ?`),
    logbook: Object.fromEntries(Object.entries(logbookSql(() => '?')).map(([k, sql]) => [k, db.prepare(sql)])) as Record<keyof ReturnType<typeof logbookSql>, Database.Statement>,
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
