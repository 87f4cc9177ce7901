/**
 * The shared store: PostgreSQL, for running several Oogst servers on one set of
 * data (DATABASE_URL). Same contract and same migrations as the SQLite store
 * (test/integration/store-contract.test.ts runs against both). Each method is one
 * named statement in `SQL` (pg-sql.ts) plus a few lines in the class: adding a Store
 * method means adding its statement and its method, as for SQLite.
 */
import pg from 'pg';
import type { SessionEvent } from '../../core/protocol.js';
import { toEvents, type EventRecord } from './event-record.js';
import { contactParams, eventParams, fileParams, literalRows, participantParams, sessionParams } from './pg-rows.js';
import { eventVersions, type EventVersions } from './event-versions.js';
import { changeParams, entryOf, entryParams, linkOf, linkParams } from './logbook-rows.js';
import { migrations } from './migrations.js';
import { LOGBOOK, SQL, types } from './pg-sql.js';
import { appendOne, arenaFromRow, arenaUpdate, arenaValues, SeqConflictError, type Appending, type AppendResult, type ArenaChanges, type ArenaDump, type ArenaRow, type ArenaKindDataRow, type ArenaScriptRow, type ContactRow, type FeedKeyRow, type FileRow, type Locale, type LogbookEntryChanges, type LogbookEntryRow, type LogbookLinkRow, type ParticipantRow, type SessionRow, type Store, type StoreSource } from './store.js';

export interface PgStoreOptions {
  /** The schema Oogst's tables live in (created if missing); `public` by default. */
  schema?: string;
  /** Connections kept open to PostgreSQL by this server. */
  poolSize?: number;
  /** The event payload versions it writes and lifts to: every type Oogst has, unless a test says otherwise. */
  versions?: EventVersions;
}

export class PgStore implements Store {
  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
    private readonly url: string,
    private readonly versions: EventVersions,
  ) {}

  /** Connects, brings the schema up to date, and returns the store. */
  static async open(connectionString: string, { schema = 'public', poolSize = 10, versions = eventVersions }: PgStoreOptions = {}): Promise<PgStore> {
    const url = connectionString;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`DATABASE_SCHEMA must be a plain lower-case name, not "${schema}"`);
    // Settings given in DATABASE_URL (`?options=-c …`) would replace the schema's: join the two.
    let given: string | null = null;
    if (URL.canParse(connectionString)) {
      const url = new URL(connectionString);
      given = url.searchParams.get('options');
      url.searchParams.delete('options');
      connectionString = url.toString();
    }
    const options = [given, `-c search_path=${schema}`].filter(Boolean).join(' ');
    const pool = new pg.Pool({ connectionString, max: poolSize, options, types });
    // An idle connection that drops (a PostgreSQL restart) must not crash the server; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      await migrate(pool, schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgStore(pool, schema, url, versions);
  }

  private one = async <T>(sql: string, params: unknown[]) => (await this.pool.query(sql, params)).rows[0] as T | undefined;
  private all = async <T>(sql: string, params: unknown[]) => (await this.pool.query(sql, params)).rows as T[];

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async createArena(a: ArenaRow) {
    await this.pool.query(SQL.insertArena, arenaValues(a));
  }

  async getArena(id: string) {
    return arenaFromRow(await this.one<ArenaRow & { locale: Locale }>(SQL.arena, [id]));
  }

  async setArenaLocale(id: string, locale: Locale) {
    return ((await this.pool.query(SQL.setLocale, [locale, id])).rowCount ?? 0) > 0;
  }

  async createSession(s: SessionRow, created: SessionEvent) {
    await this.transaction(async (client) => {
      await client.query(SQL.insertSession, sessionParams(s));
      await client.query(SQL.insertEvent, eventParams(s.id, created, this.versions));
    });
  }

  getSession = (id: string) => this.one<SessionRow>(SQL.session, [id]);
  getSessionByCode = (code: string) => this.one<SessionRow>(SQL.sessionByCode, [code]);

  listSessions = (arenaId: string) => this.all<SessionRow>(SQL.sessions, [arenaId]);

  async appendEvent(sessionId: string, event: SessionEvent, participant?: ParticipantRow): Promise<AppendResult> {
    return appendOne(this, sessionId, event, participant);
  }

  /**
   * Two round trips a batch. First BEGIN, the session's row locked (until COMMIT: servers take turns) and
   * what others stored since: each statement of a simple query reads anew, so the read sees what the lock
   * waited for. Then the INSERTs of the decided batch and COMMIT in one simple query (escaped literals:
   * node-postgres sends a query with parameters on its own): one WAL flush a batch.
   */
  async appendEvents(sessionId: string, afterSeq: number, decide: (missed: SessionEvent[]) => Appending[]) {
    const client = await this.pool.connect();
    try {
      const [id, after] = [client.escapeLiteral(sessionId), Math.trunc(afterSeq)];
      const [, , missed] = (await client.query(`BEGIN; SELECT 1 FROM sessions WHERE id = ${id} FOR NO KEY UPDATE; ${SQL.missedOf(id, after)}`)) as unknown as pg.QueryResult[];
      const batch = decide(toEvents(missed!.rows as EventRecord[], this.versions));
      const participants = batch.flatMap((b) => (b.participant ? [participantParams(b.participant)] : []));
      const write = (head: string, rows: unknown[][]) => (rows.length ? [literalRows(head, rows, (text) => client.escapeLiteral(text))] : []);
      const events = batch.map((b) => eventParams(sessionId, b.event, this.versions));
      await client.query([...write(SQL.participantColumns, participants), ...write(SQL.eventColumns, events), 'COMMIT'].join('; '));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A unique key of the events table: another writer took a seq or an id it should have waited for.
      const { code, table } = error as { code?: string; table?: string };
      throw code === '23505' && table === 'events' ? new SeqConflictError(sessionId, afterSeq + 1) : error;
    } finally {
      client.release();
    }
  }

  async eventSeq(sessionId: string, eventId: string) {
    return (await this.one<{ seq: number }>(SQL.eventSeqById, [sessionId, eventId]))?.seq;
  }

  async loadEvents(sessionId: string, afterSeq = 0) {
    return toEvents(await this.all<EventRecord>(SQL.events, [sessionId, afterSeq]), this.versions);
  }

  getParticipantByToken = (sessionId: string, tokenHash: string) => this.one<ParticipantRow>(SQL.participantByToken, [sessionId, tokenHash]);

  async saveArenaScript(s: ArenaScriptRow) {
    await this.pool.query(SQL.saveScript, [s.arenaId, s.id, s.yaml, s.updatedAt]);
  }

  async listArenaScripts(arenaId: string) {
    return this.all<ArenaScriptRow>(SQL.scripts, [arenaId]);
  }

  async deleteArenaScript(arenaId: string, id: string) {
    return ((await this.pool.query(SQL.deleteScript, [arenaId, id])).rowCount ?? 0) > 0;
  }

  async saveArenaKindData(r: ArenaKindDataRow) {
    await this.pool.query(SQL.saveKindData, [r.arenaId, r.kind, r.value, r.updatedAt]);
  }

  getArenaKindData = (arenaId: string, kind: string) => this.one<ArenaKindDataRow>(SQL.kindData, [arenaId, kind]);

  async deleteArenaKindData(arenaId: string, kind: string) {
    return ((await this.pool.query(SQL.deleteKindData, [arenaId, kind])).rowCount ?? 0) > 0;
  }

  async createFeedKey(k: FeedKeyRow) {
    await this.pool.query(SQL.insertFeedKey, [k.id, k.sessionId, k.keyHash, k.label, k.createdAt, k.revokedAt]);
  }

  async listFeedKeys(sessionId: string) {
    return this.all<FeedKeyRow>(SQL.feedKeys, [sessionId]);
  }

  async getFeedKeyByHash(sessionId: string, keyHash: string) {
    return this.one<FeedKeyRow>(SQL.feedKeyByHash, [sessionId, keyHash]);
  }

  async revokeFeedKey(sessionId: string, id: string, at: number) {
    return ((await this.pool.query(SQL.revokeFeedKey, [at, sessionId, id])).rowCount ?? 0) > 0;
  }

  async updateArena(id: string, changes: ArenaChanges) {
    const { set, values } = arenaUpdate(changes, (i) => `$${i + 1}`);
    if (!set) return (await this.getArena(id)) !== undefined;
    return ((await this.pool.query(`UPDATE arenas SET ${set} WHERE id = $1`, [id, ...values])).rowCount ?? 0) > 0;
  }

  async updateSession(id: string, changes: { title?: string; plannedAt?: number | null }) {
    const { title = null, plannedAt } = changes;
    return ((await this.pool.query(SQL.updateSession, [id, title, plannedAt !== undefined, plannedAt ?? null])).rowCount ?? 0) > 0;
  }

  // Foreign keys cascade: a session takes its events, participants, contacts, feed keys and files along, an arena its scripts and sessions.
  async deleteSession(id: string) {
    return ((await this.pool.query(SQL.deleteSession, [id])).rowCount ?? 0) > 0;
  }

  async deleteArena(id: string) {
    return ((await this.pool.query(SQL.deleteArena, [id])).rowCount ?? 0) > 0;
  }

  async listParticipants(sessionId: string) {
    return this.all<ParticipantRow>(SQL.participants, [sessionId]);
  }

  async saveContact(contact: ContactRow) {
    await this.pool.query(SQL.saveContact, contactParams(contact));
  }

  async listContacts(arenaId: string) {
    return this.all<ContactRow>(SQL.contacts, [arenaId]);
  }

  async createLogbookLink(link: LogbookLinkRow) {
    await this.pool.query(LOGBOOK.insertLink, linkParams(link));
  }

  async listLogbookLinks(arenaId: string) {
    return (await this.all<Record<string, unknown>>(LOGBOOK.links, [arenaId])).map(linkOf);
  }

  async getLogbookLinkByCode(code: string) {
    const row = await this.one<Record<string, unknown>>(LOGBOOK.linkByCode, [code]);
    return row && linkOf(row);
  }

  async revokeLogbookLink(arenaId: string, id: string, at: number) {
    return ((await this.pool.query(LOGBOOK.revokeLink, [at, arenaId, id])).rowCount ?? 0) > 0;
  }

  async addLogbookEntry(entry: LogbookEntryRow) {
    await this.pool.query(LOGBOOK.insertEntry, entryParams(entry));
  }

  async listLogbookEntries(arenaId: string) {
    return (await this.all<Record<string, unknown>>(LOGBOOK.entries, [arenaId])).map(entryOf);
  }

  async updateLogbookEntry(arenaId: string, id: string, changes: LogbookEntryChanges) {
    return ((await this.pool.query(LOGBOOK.updateEntry, changeParams(arenaId, id, changes))).rowCount ?? 0) > 0;
  }

  async saveFile(file: FileRow) {
    await this.pool.query(SQL.saveFile, fileParams(file));
  }

  async getFile(sessionId: string, id: string) {
    return (await this.all<FileRow>(SQL.file, [sessionId, id]))[0];
  }

  async countFiles(sessionId: string, stepId: string, participantId?: string | null) {
    const [row] = await (participantId === undefined
      ? this.all<{ n: number }>(SQL.countStepFiles, [sessionId, stepId])
      : this.all<{ n: number }>(SQL.countOwnFiles, [sessionId, stepId, participantId]));
    return row?.n ?? 0;
  }

  async listFiles(sessionId: string) {
    return this.all<FileRow>(SQL.files, [sessionId]);
  }

  async deleteFile(sessionId: string, id: string) {
    return ((await this.pool.query(SQL.deleteFile, [sessionId, id])).rowCount ?? 0) > 0;
  }

  async exportArena(id: string): Promise<ArenaDump | undefined> {
    // One snapshot of the database for the whole arena, however long the reading takes.
    return this.transaction(async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const rows = async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[];
      const arena = arenaFromRow((await rows<ArenaRow>(SQL.arena, [id]))[0]);
      if (!arena) return undefined;
      const sessions = [];
      for (const row of await rows<SessionRow>(SQL.sessions, [id])) {
        sessions.push({
          row,
          events: toEvents(await rows<EventRecord>(SQL.events, [row.id, 0]), this.versions),
          participants: await rows<ParticipantRow>(SQL.participants, [row.id]),
          contacts: await rows<ContactRow>(SQL.sessionContacts, [row.id]),
          files: await rows<FileRow>(SQL.files, [row.id]),
        });
      }
      const logbook = {
        links: (await rows<Record<string, unknown>>(LOGBOOK.links, [id])).map(linkOf),
        entries: (await rows<Record<string, unknown>>(LOGBOOK.entries, [id])).map(entryOf),
      };
      return { arena, scripts: await rows<ArenaScriptRow>(SQL.scripts, [id]), kindData: await rows<ArenaKindDataRow>(SQL.allKindData, [id]), sessions, logbook };
    });
  }

  async importArena(dump: ArenaDump) {
    await this.transaction(async (client) => {
      await client.query(SQL.insertArena, arenaValues(dump.arena));
      for (const s of dump.scripts) await client.query(SQL.saveScript, [s.arenaId, s.id, s.yaml, s.updatedAt]);
      for (const r of dump.kindData) await client.query(SQL.saveKindData, [r.arenaId, r.kind, r.value, r.updatedAt]);
      for (const s of dump.sessions) {
        await client.query(SQL.insertSession, sessionParams(s.row));
        for (const p of s.participants) await client.query(SQL.insertParticipant, participantParams(p));
        for (const e of s.events) await client.query(SQL.insertEvent, eventParams(s.row.id, e, this.versions));
        for (const c of s.contacts) await client.query(SQL.saveContact, contactParams(c));
        for (const f of s.files) await client.query(SQL.saveFile, fileParams(f));
      }
      for (const link of dump.logbook.links) await client.query(LOGBOOK.insertLink, linkParams(link));
      for (const entry of dump.logbook.entries) await client.query(LOGBOOK.insertEntry, entryParams(entry));
    });
  }

  /** A worker's own small pool on the same database and schema. */
  workerSource(): StoreSource {
    return { kind: 'pg', url: this.url, schema: this.schema };
  }

  async close() {
    await this.pool.end();
  }
}

/**
 * Applies the migrations this database lacks, each in its own transaction, and
 * records them in `oogst_migrations`. An advisory lock per schema makes servers
 * that start together take turns: the second finds the work done.
 */
async function migrate(pool: pg.Pool, schema: string) {
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [`oogst:migrate:${schema}`]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS oogst_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
      );
      const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM oogst_migrations`);
      const current = rows[0]?.version ?? 0;
      for (const m of migrations) {
        if (m.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.postgres);
          await client.query(`INSERT INTO oogst_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, [m.version, m.name, Date.now()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, { cause: error });
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`oogst:migrate:${schema}`]);
    }
  } finally {
    client.release();
  }
}
