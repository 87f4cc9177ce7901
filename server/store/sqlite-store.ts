import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SessionEvent } from '../../core/protocol.js';
import { eventRow, toEvents, type EventRecord } from './event-record.js';
import { eventVersions, type EventVersions } from './event-versions.js';
import { entryOf, entryParams, changeParams, linkOf, linkParams } from './logbook-rows.js';
import { migrations } from './migrations.js';
import { prepareStatements, type Statements } from './sqlite-statements.js';
import { appendOne, SeqConflictError, type Appending, type AppendResult, type ArenaDump, type ArenaChanges, arenaFromRow, type ArenaRow, type ArenaKindDataRow, arenaUpdate, arenaValues, type ArenaScriptRow, type ContactRow, type FeedKeyRow, type FileRow, type Locale, type LogbookEntryChanges, type LogbookEntryRow, type LogbookLinkRow, type ParticipantRow, type SessionRow, type Store, type StoreSource, UNFINISHED_IMPORT } from './store.js';

/** Rows per transaction of an import: a few milliseconds of holding the write lock. */
const IMPORT_ROWS = 500;

/**
 * The embedded store: one SQLite file in WAL mode. Every acknowledged event is in
 * the WAL before the ack, so it survives a crash of the Oogst process (tested with
 * kill -9). With `synchronous: 'normal'` (the default) a power cut or OS crash may
 * lose the last moments before it; `'full'` syncs the WAL on every commit and keeps
 * those too, at the cost of a disk flush per contribution. See docs/RELIABILITY.md.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmts: Statements;
  private readonly source: StoreSource | undefined;
  private readonly afterClose?: () => void;
  private readonly versions: EventVersions;

  /**
   * `worker`: a worker thread's connection (server/heavy/), which leaves other imports alone.
   * `afterClose` runs once the file is closed cleanly (`open-store.ts` removes its marker then).
   * `versions`: the event payload versions it writes and lifts to (every type Oogst has, unless a test says otherwise).
   */
  constructor(
    file: string,
    {
      synchronous = 'normal',
      worker = false,
      afterClose,
      versions = eventVersions,
    }: { synchronous?: 'normal' | 'full'; worker?: boolean; afterClose?: () => void; versions?: EventVersions } = {},
  ) {
    this.source = file === ':memory:' ? undefined : { kind: 'sqlite', file, synchronous };
    this.afterClose = afterClose;
    this.versions = versions;
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten, not left in free pages: a deleted arena is gone from the file (GDPR).
    this.db.pragma('secure_delete = ON');
    this.migrate();
    // An import cut off by a crash left an arena nobody holds a key to: gone, so the file can be imported again.
    if (!worker) this.db.prepare(`DELETE FROM arenas WHERE key_hash = ?`).run(UNFINISHED_IMPORT);
    this.stmts = prepareStatements(this.db);
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
    return statement.run(eventRow(sessionId, e, this.versions));
  }

  async createArena(arena: ArenaRow) {
    this.stmts.insertArena.run(...arenaValues(arena));
  }

  async getArena(id: string) {
    return arenaFromRow(this.stmts.arena.get(id) as (ArenaRow & { locale: Locale }) | undefined);
  }

  async setArenaLocale(id: string, locale: Locale) {
    return this.stmts.setLocale.run(locale, id).changes > 0;
  }

  async createSession(session: SessionRow, created: SessionEvent) {
    this.db.transaction(() => {
      this.stmts.insertSession.run({ plannedAt: null, ...session });
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
    return appendOne(this, sessionId, event, participant);
  }

  /** One SQLite transaction: with one server nothing else writes a live session, so `missed` is empty but for a test. */
  async appendEvents(sessionId: string, afterSeq: number, decide: (missed: SessionEvent[]) => Appending[]) {
    this.db.transaction(() => {
      const missed = toEvents(this.stmts.events.all(sessionId, afterSeq) as EventRecord[], this.versions);
      for (const { event, participant } of decide(missed)) {
        if (participant) this.stmts.insertParticipant.run(participant);
        if (this.insertEvent(sessionId, event, this.stmts.appendEvent).changes !== 1) throw new SeqConflictError(sessionId, event.seq);
      }
    })();
  }

  async eventSeq(sessionId: string, eventId: string) {
    return (this.stmts.eventSeqById.get(sessionId, eventId) as { seq: number } | undefined)?.seq;
  }

  async loadEvents(sessionId: string, afterSeq = 0) {
    return toEvents(this.stmts.events.all(sessionId, afterSeq) as EventRecord[], this.versions);
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

  async saveArenaKindData(row: ArenaKindDataRow) {
    this.stmts.saveKindData.run(row);
  }

  async getArenaKindData(arenaId: string, kind: string) {
    return this.stmts.kindData.get(arenaId, kind) as ArenaKindDataRow | undefined;
  }

  async deleteArenaKindData(arenaId: string, kind: string) {
    return this.stmts.deleteKindData.run(arenaId, kind).changes > 0;
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

  async updateArena(id: string, changes: ArenaChanges) {
    const { set, values } = arenaUpdate(changes, () => '?');
    if (!set) return this.stmts.arena.get(id) !== undefined;
    return this.db.prepare(`UPDATE arenas SET ${set} WHERE id = ?`).run(...values, id).changes > 0;
  }

  async updateSession(id: string, changes: { title?: string; plannedAt?: number | null }) {
    const { title = null, plannedAt } = changes;
    return this.stmts.updateSession.run({ id, title, setPlanned: plannedAt !== undefined ? 1 : 0, plannedAt: plannedAt ?? null }).changes > 0;
  }

  // Foreign keys cascade: a session takes its events, participants, contacts and files along, an arena its scripts and sessions.
  async deleteSession(id: string) {
    return this.stmts.deleteSession.run(id).changes > 0;
  }

  async deleteArena(id: string) {
    return this.stmts.deleteArena.run(id).changes > 0;
  }

  async listParticipants(sessionId: string) {
    return this.stmts.participants.all(sessionId) as ParticipantRow[];
  }

  async saveContact(contact: ContactRow) {
    this.stmts.saveContact.run(contact);
  }

  async listContacts(arenaId: string) {
    return this.stmts.contacts.all(arenaId) as ContactRow[];
  }

  async createLogbookLink(link: LogbookLinkRow) {
    this.stmts.logbook.insertLink.run(linkParams(link));
  }

  async listLogbookLinks(arenaId: string) {
    return (this.stmts.logbook.links.all(arenaId) as Record<string, unknown>[]).map(linkOf);
  }

  async getLogbookLinkByCode(code: string) {
    const row = this.stmts.logbook.linkByCode.get(code) as Record<string, unknown> | undefined;
    return row && linkOf(row);
  }

  async revokeLogbookLink(arenaId: string, id: string, at: number) {
    return this.stmts.logbook.revokeLink.run(at, arenaId, id).changes > 0;
  }

  async addLogbookEntry(entry: LogbookEntryRow) {
    this.stmts.logbook.insertEntry.run(entryParams(entry));
  }

  async listLogbookEntries(arenaId: string) {
    return (this.stmts.logbook.entries.all(arenaId) as Record<string, unknown>[]).map(entryOf);
  }

  async updateLogbookEntry(arenaId: string, id: string, changes: LogbookEntryChanges) {
    return this.stmts.logbook.updateEntry.run(changeParams(arenaId, id, changes)).changes > 0;
  }

  async saveFile(file: FileRow) {
    this.stmts.saveFile.run({ ...file, data: Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength) });
  }

  async getFile(sessionId: string, id: string) {
    return this.stmts.file.get(sessionId, id) as FileRow | undefined;
  }

  async countFiles(sessionId: string, stepId: string, participantId?: string | null) {
    const row = (participantId === undefined ? this.stmts.countStepFiles.get(sessionId, stepId) : this.stmts.countOwnFiles.get(sessionId, stepId, participantId)) as { n: number };
    return row.n;
  }

  async listFiles(sessionId: string) {
    return this.stmts.files.all(sessionId) as FileRow[];
  }

  async deleteFile(sessionId: string, id: string) {
    return this.stmts.deleteFile.run(sessionId, id).changes > 0;
  }

  async exportArena(id: string): Promise<ArenaDump | undefined> {
    return this.db.transaction(() => {
      const arena = arenaFromRow(this.stmts.arena.get(id) as ArenaRow | undefined);
      if (!arena) return undefined;
      const sessions = (this.stmts.sessions.all(id) as SessionRow[]).map((row) => ({
        row,
        events: toEvents(this.stmts.events.all(row.id, 0) as EventRecord[], this.versions),
        participants: this.stmts.participants.all(row.id) as ParticipantRow[],
        contacts: this.stmts.sessionContacts.all(row.id) as ContactRow[],
        files: this.stmts.files.all(row.id) as FileRow[],
      }));
      const logbook = {
        links: (this.stmts.logbook.links.all(id) as Record<string, unknown>[]).map(linkOf),
        entries: (this.stmts.logbook.entries.all(id) as Record<string, unknown>[]).map(entryOf),
      };
      return { arena, scripts: this.stmts.scripts.all(id) as ArenaScriptRow[], kindData: this.stmts.allKindData.all(id) as ArenaKindDataRow[], sessions, logbook };
    })();
  }

  /**
   * In parts of IMPORT_ROWS rows, each its own short transaction with a pause as long
   * after it, so the server's own writes (which wait for the lock, holding the event
   * loop) never wait long: one transaction for 64 MB held them 1.6 s. Until the last
   * part the arena has no key and its sessions no join code, so nobody can open them;
   * a failure removes what was written.
   */
  async importArena(dump: ArenaDump) {
    const { stmts } = this;
    this.db.transaction(() => {
      stmts.insertArena.run(...arenaValues({ ...dump.arena, keyHash: UNFINISHED_IMPORT }));
      for (const script of dump.scripts) stmts.saveScript.run(script);
      for (const row of dump.kindData) stmts.saveKindData.run(row);
    })();
    try {
      for (const s of dump.sessions) {
        stmts.insertSession.run({ plannedAt: null, ...s.row, code: `${UNFINISHED_IMPORT}:${s.row.id}` });
        const rows = [
          ...s.participants.map((p) => () => stmts.insertParticipant.run(p)),
          ...s.events.map((e) => () => this.insertEvent(s.row.id, e)),
          ...s.contacts.map((c) => () => stmts.saveContact.run(c)),
          ...s.files.map((f) => () => stmts.saveFile.run({ ...f, data: Buffer.from(f.data) })),
        ];
        for (let i = 0; i < rows.length; i += IMPORT_ROWS) {
          const t0 = performance.now();
          this.db.transaction(() => rows.slice(i, i + IMPORT_ROWS).forEach((row) => row()))();
          await new Promise((resolve) => setTimeout(resolve, performance.now() - t0));
        }
      }
      this.db.transaction(() => {
        for (const link of dump.logbook.links) stmts.logbook.insertLink.run(linkParams(link));
        for (const entry of dump.logbook.entries) stmts.logbook.insertEntry.run(entryParams(entry));
        stmts.setKeyHash.run(dump.arena.keyHash, dump.arena.id);
        for (const s of dump.sessions) stmts.setCode.run(s.row.code, s.row.id);
      })();
    } catch (error) {
      stmts.deleteArena.run(dump.arena.id);
      throw error;
    }
  }

  /** WAL lets a worker's connection read while this one writes. */
  workerSource() {
    return this.source;
  }

  /** SQLite's `quick_check`: the problems it finds in the file's pages and indexes, none when sound. */
  quickCheck(): string[] {
    return (this.db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
  }

  async close() {
    this.db.close();
    this.afterClose?.();
  }
}
