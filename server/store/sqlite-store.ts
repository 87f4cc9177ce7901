import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SessionEvent } from '../../core/protocol.js';
import { toEvent, type EventRecord } from './event-record.js';
import { migrations } from './migrations.js';
import { NotAppended, refusedAppend, type AppendResult, type ArenaRow, type ArenaScriptRow, type FeedKeyRow, type Locale, type ParticipantRow, type SessionRow, type Store } from './store.js';

const FEED_KEY_COLUMNS = `id, session_id AS sessionId, key_hash AS keyHash, label, created_at AS createdAt, revoked_at AS revokedAt`;
const SESSION_COLUMNS = `id, arena_id AS arenaId, code, title, script_id AS scriptId, created_at AS createdAt`;

/**
 * The embedded store: one SQLite file in WAL mode. Every acknowledged event is in
 * the WAL before the ack, so it survives a crash of the Oogst process (tested with
 * kill -9). With `synchronous: 'normal'` (the default) a power cut or OS crash may
 * lose the last moments before it; `'full'` syncs the WAL on every commit and keeps
 * those too, at the cost of a disk flush per contribution. See docs/RELIABILITY.md.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(file: string, { synchronous = 'normal' }: { synchronous?: 'normal' | 'full' } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.stmts = {
      insertArena: db.prepare(
        `INSERT INTO arenas (id, title, theme, key_hash, created_at, locale) VALUES (@id, @title, @theme, @keyHash, @createdAt, @locale)`,
      ),
      arena: db.prepare(`SELECT id, title, theme, key_hash AS keyHash, created_at AS createdAt, locale FROM arenas WHERE id = ?`),
      setLocale: db.prepare(`UPDATE arenas SET locale = ? WHERE id = ?`),
      insertSession: db.prepare(
        `INSERT INTO sessions (id, arena_id, code, title, script_id, created_at)
         VALUES (@id, @arenaId, @code, @title, @scriptId, @createdAt)`,
      ),
      session: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`),
      sessionByCode: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE code = ?`),
      sessions: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE arena_id = ? ORDER BY created_at, id`),
      insertEvent: db.prepare(
        `INSERT INTO events (session_id, seq, id, type, step_id, actor, payload, at)
         VALUES (@sessionId, @seq, @id, @type, @stepId, @actor, @payload, @at)`,
      ),
      // Either key taken (seq, or the command id) writes nothing; appendEvent then tells which.
      appendEvent: db.prepare(
        `INSERT INTO events (session_id, seq, id, type, step_id, actor, payload, at)
         VALUES (@sessionId, @seq, @id, @type, @stepId, @actor, @payload, @at) ON CONFLICT DO NOTHING`,
      ),
      eventSeqById: db.prepare(`SELECT seq FROM events WHERE session_id = ? AND id = ?`),
      events: db.prepare(`SELECT seq, id, type, step_id, actor, payload, at FROM events WHERE session_id = ? AND seq > ? ORDER BY seq`),
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
      insertFeedKey: db.prepare(
        `INSERT INTO feed_keys (id, session_id, key_hash, label, created_at, revoked_at)
         VALUES (@id, @sessionId, @keyHash, @label, @createdAt, @revokedAt)`,
      ),
      feedKeys: db.prepare(`SELECT ${FEED_KEY_COLUMNS} FROM feed_keys WHERE session_id = ? ORDER BY created_at, id`),
      feedKeyByHash: db.prepare(`SELECT ${FEED_KEY_COLUMNS} FROM feed_keys WHERE session_id = ? AND key_hash = ?`),
      revokeFeedKey: db.prepare(`UPDATE feed_keys SET revoked_at = ? WHERE session_id = ? AND id = ? AND revoked_at IS NULL`),
      participantByToken: db.prepare(
        `SELECT id, session_id AS sessionId, token_hash AS tokenHash, pseudonym, created_at AS createdAt
         FROM participants WHERE session_id = ? AND token_hash = ?`,
      ),
    };
  }

  private migrate() {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (const m of migrations) {
      if (m.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(m.sqlite);
        this.db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  private insertEvent(sessionId: string, e: SessionEvent, statement = this.stmts.insertEvent) {
    return statement.run({
      sessionId,
      seq: e.seq,
      id: e.id,
      type: e.type,
      stepId: e.stepId ?? null,
      actor: JSON.stringify(e.actor),
      payload: JSON.stringify(e.payload),
      at: e.at,
    });
  }

  async createArena(arena: ArenaRow) {
    this.stmts.insertArena.run({ ...arena, locale: arena.locale ?? 'nl' });
  }

  async getArena(id: string) {
    return this.stmts.arena.get(id) as (ArenaRow & { locale: Locale }) | undefined;
  }

  async setArenaLocale(id: string, locale: Locale) {
    return this.stmts.setLocale.run(locale, id).changes > 0;
  }

  async createSession(session: SessionRow, created: SessionEvent) {
    this.db.transaction(() => {
      this.stmts.insertSession.run(session);
      this.insertEvent(session.id, created);
    })();
  }

  async getSession(id: string) {
    return this.stmts.session.get(id) as SessionRow | undefined;
  }

  async getSessionByCode(code: string) {
    return this.stmts.sessionByCode.get(code) as SessionRow | undefined;
  }

  async listSessions(arenaId: string) {
    return this.stmts.sessions.all(arenaId) as SessionRow[];
  }

  async appendEvent(sessionId: string, event: SessionEvent, participant?: ParticipantRow): Promise<AppendResult> {
    // The constraints, not two look-ups first, catch a taken seq or a repeated id (0.05 ms a note).
    const stored = this.db.transaction((): boolean => {
      if (participant) this.stmts.insertParticipant.run(participant);
      if (this.insertEvent(sessionId, event, this.stmts.appendEvent).changes === 1) return true;
      throw new NotAppended();
    });
    try {
      if (stored()) return { stored: true, seq: event.seq };
    } catch (error) {
      if (!(error instanceof NotAppended)) throw error;
    }
    return refusedAppend(this, sessionId, event);
  }

  async eventSeq(sessionId: string, eventId: string) {
    return (this.stmts.eventSeqById.get(sessionId, eventId) as { seq: number } | undefined)?.seq;
  }

  async loadEvents(sessionId: string, afterSeq = 0) {
    return (this.stmts.events.all(sessionId, afterSeq) as EventRecord[]).map(toEvent);
  }

  async getParticipantByToken(sessionId: string, tokenHash: string) {
    return this.stmts.participantByToken.get(sessionId, tokenHash) as ParticipantRow | undefined;
  }

  async saveArenaScript(script: ArenaScriptRow) {
    this.stmts.saveScript.run(script);
  }

  async listArenaScripts(arenaId: string) {
    return this.stmts.scripts.all(arenaId) as ArenaScriptRow[];
  }

  async deleteArenaScript(arenaId: string, id: string) {
    return this.stmts.deleteScript.run(arenaId, id).changes > 0;
  }

  async createFeedKey(key: FeedKeyRow) {
    this.stmts.insertFeedKey.run(key);
  }

  async listFeedKeys(sessionId: string) {
    return this.stmts.feedKeys.all(sessionId) as FeedKeyRow[];
  }

  async getFeedKeyByHash(sessionId: string, keyHash: string) {
    return this.stmts.feedKeyByHash.get(sessionId, keyHash) as FeedKeyRow | undefined;
  }

  async revokeFeedKey(sessionId: string, id: string, at: number) {
    return this.stmts.revokeFeedKey.run(at, sessionId, id).changes > 0;
  }

  async close() {
    this.db.close();
  }
}
