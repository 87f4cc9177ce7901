/**
 * The storage contract. SQLite (embedded, the default) and PostgreSQL (shared by
 * several servers) implement it; every store runs the same contract tests
 * (test/integration/store-contract.test.ts).
 */
import type { Locale, SessionEvent } from '../../core/protocol.js';
import type { ArenaMethod, Synthesis } from '../../core/synthesis.js';
import type { LogbookEntryChanges, LogbookEntryRow, LogbookLinkRow } from './logbook-rows.js';

export type { LogbookEntryChanges, LogbookEntryRow, LogbookLinkRow };

export type { Locale };

export interface ArenaRow {
  id: string;
  title: string;
  theme: string | null;
  keyHash: string;
  createdAt: number;
  /** The language of the arena's screen; phones choose their own. Absent when created means 'nl'. */
  locale?: Locale;
  /** The ambition the arena works towards, often taken from a session's output. */
  ambition?: string | null;
  /** The way of working the arena follows, if it says (core/synthesis.ts). */
  method?: ArenaMethod | null;
  /** Waarderend veranderen's positive kernthema: "waar willen we meer van?". */
  coreTheme?: string | null;
  /** Actieonderzoek's onderzoeksvraag. */
  researchQuestion?: string | null;
  /** The facilitator's synthesis of the arena as a whole. */
  synthesis?: Synthesis | null;
}

/** What `updateArena` changes: a field left out stays, null clears it. */
export interface ArenaChanges {
  title?: string;
  theme?: string | null;
  ambition?: string | null;
  method?: ArenaMethod | null;
  coreTheme?: string | null;
  researchQuestion?: string | null;
  synthesis?: Synthesis | null;
}

/** The arena's columns beside id, title, key and date, by field: the one list both stores read and write. */
const ARENA_FIELDS = {
  theme: 'theme',
  ambition: 'ambition',
  locale: 'locale',
  method: 'method',
  coreTheme: 'core_theme',
  researchQuestion: 'research_question',
  synthesis: 'synthesis',
} as const;
type ArenaField = keyof typeof ARENA_FIELDS;

/** The SELECT list of an arena row; `quote` for PostgreSQL, which folds unquoted aliases to lower case. */
export const arenaColumns = (quote: string) =>
  [
    'id',
    'title',
    `key_hash AS ${quote}keyHash${quote}`,
    `created_at AS ${quote}createdAt${quote}`,
    ...Object.entries(ARENA_FIELDS).map(([field, column]) => (field === column ? column : `${column} AS ${quote}${field}${quote}`)),
  ].join(', ');

/** An arena row as stored, with the synthesis (kept as JSON text) read back. */
export function arenaFromRow<T extends ArenaRow>(row: T | undefined): T | undefined {
  if (!row) return undefined;
  const text = row.synthesis as unknown as string | null | undefined;
  return { ...row, synthesis: text ? (JSON.parse(text) as Synthesis) : null };
}

/** The values of an arena's insert, by column, in the order of `ARENA_INSERT_COLUMNS`. */
export const ARENA_INSERT_COLUMNS = ['id', 'title', 'key_hash', 'created_at', ...Object.values(ARENA_FIELDS)];
export const arenaValues = (a: ArenaRow): unknown[] => [
  a.id,
  a.title,
  a.keyHash,
  a.createdAt,
  a.theme,
  a.ambition ?? null,
  a.locale ?? 'nl',
  a.method ?? null,
  a.coreTheme ?? null,
  a.researchQuestion ?? null,
  a.synthesis ? JSON.stringify(a.synthesis) : null,
];

/** The SET list and values of an arena update (`placeholder(i)` names the i-th value, from 1), only for the fields given. */
export function arenaUpdate(changes: ArenaChanges, placeholder: (i: number) => string): { set: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  const put = (column: string, value: unknown) => {
    values.push(value);
    parts.push(`${column} = ${placeholder(values.length)}`);
  };
  if (changes.title !== undefined) put('title', changes.title);
  for (const [field, column] of Object.entries(ARENA_FIELDS) as [ArenaField, string][]) {
    if (field === 'locale') continue;
    const value = changes[field];
    if (value !== undefined) put(column, field === 'synthesis' && value ? JSON.stringify(value) : value);
  }
  return { set: parts.join(', '), values };
}

export interface SessionRow {
  id: string;
  arenaId: string;
  code: string;
  title: string;
  scriptId: string;
  createdAt: number;
  /** When the session is planned to meet (ms), if a date was given. */
  plannedAt?: number | null;
}

export interface ParticipantRow {
  id: string;
  sessionId: string;
  tokenHash: string;
  pseudonym: string;
  createdAt: number;
}

export interface ArenaScriptRow {
  arenaId: string;
  id: string;
  yaml: string;
  updatedAt: number;
}

/** What a kind keeps for its arena (`KindArena.keeps`), as JSON text: one row per arena and kind. */
export interface ArenaKindDataRow {
  arenaId: string;
  kind: string;
  value: string;
  updatedAt: number;
}

/** A key for a session's live feed (docs/PROTOCOL.md, "Feed"). Only its hash is stored. */
export interface FeedKeyRow {
  id: string;
  sessionId: string;
  keyHash: string;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

/** A participant who asked to be invited to the next meeting, with the consent text they agreed to. */
export interface ContactRow {
  sessionId: string;
  participantId: string;
  name: string;
  email: string;
  consent: string;
  createdAt: number;
}

/**
 * A file a step took (a photo, a slide's image): its bytes as they were checked, the
 * type read from them (never from a name), its size in pixels, and who sent it
 * (`participantId` null: the facilitator). Deleted with its session.
 */
export interface FileRow {
  sessionId: string;
  id: string;
  stepId: string;
  participantId: string | null;
  type: string;
  width: number;
  height: number;
  data: Uint8Array;
  createdAt: number;
}

/** Everything an arena holds, as the store exports and imports it (ids kept, the key's hash new). */
export interface ArenaDump {
  arena: ArenaRow;
  scripts: ArenaScriptRow[];
  kindData: ArenaKindDataRow[];
  sessions: { row: SessionRow; events: SessionEvent[]; participants: ParticipantRow[]; contacts: ContactRow[]; files: FileRow[] }[];
  /** The logbook between meetings: its links (revoked ones too) and entries. */
  logbook: { links: LogbookLinkRow[]; entries: LogbookEntryRow[] };
}

/**
 * How a worker thread opens its own connection to the same store, so heavy work
 * (harvests, exports, imports: server/heavy/) reads and writes off the event loop.
 */
export type StoreSource = { kind: 'sqlite'; file: string; synchronous: 'normal' | 'full' } | { kind: 'pg'; url: string; schema: string };

/** The key hash of an arena whose import is still being written (no key matches it). */
export const UNFINISHED_IMPORT = 'unfinished-import';

export type AppendResult = { stored: true; seq: number } | { stored: false; seq: number };

/** One event of a group commit, with the participant it brings when it is their `participant.joined`. */
export interface Appending {
  event: SessionEvent;
  participant?: ParticipantRow;
}

export interface Store {
  createArena(arena: ArenaRow): Promise<void>;
  /** The arena, with its `locale` always set. */
  getArena(id: string): Promise<(ArenaRow & { locale: Locale }) | undefined>;
  /** Sets the arena's screen language; false when there is no such arena. */
  setArenaLocale(id: string, locale: Locale): Promise<boolean>;
  /** Creates the session and its first event (`session.created`, seq 1) together. */
  createSession(session: SessionRow, created: SessionEvent): Promise<void>;
  getSession(id: string): Promise<SessionRow | undefined>;
  getSessionByCode(code: string): Promise<SessionRow | undefined>;
  listSessions(arenaId: string): Promise<SessionRow[]>;
  /**
   * Appends an event with `event.seq`. If an event with the same id is already in
   * this session's log, nothing is written and its seq is returned (a retried command).
   * A taken seq throws SeqConflictError: another server stored that seq first, so the
   * caller catches up from the log and decides again. A participant given with the event
   * (their `participant.joined`) is created in the same transaction.
   */
  appendEvent(sessionId: string, event: SessionEvent, participant?: ParticipantRow): Promise<AppendResult>;
  /**
   * Group commit, in one transaction: reads the events stored after `afterSeq` (by another
   * server) and hands them to `decide`, which applies them, decides what waits and returns
   * the events to append, in seq order; all of them are stored, with their participants, or
   * none. PostgreSQL locks the session's row first, so servers take turns instead of
   * choosing the same seq. A seq or an event id already taken throws SeqConflictError.
   */
  appendEvents(sessionId: string, afterSeq: number, decide: (missed: SessionEvent[]) => Appending[]): Promise<void>;
  /** The seq of the event with this id, if the session has one (a command seen before). */
  eventSeq(sessionId: string, eventId: string): Promise<number | undefined>;
  /** The session's events in order, optionally only those after `afterSeq`. */
  loadEvents(sessionId: string, afterSeq?: number): Promise<SessionEvent[]>;
  getParticipantByToken(sessionId: string, tokenHash: string): Promise<ParticipantRow | undefined>;
  /** An arena's own scripts: saved (created or replaced), listed, removed. */
  saveArenaScript(script: ArenaScriptRow): Promise<void>;
  listArenaScripts(arenaId: string): Promise<ArenaScriptRow[]>;
  deleteArenaScript(arenaId: string, id: string): Promise<boolean>;
  /** What a kind keeps for an arena: saved (created or replaced), read, removed. */
  saveArenaKindData(row: ArenaKindDataRow): Promise<void>;
  getArenaKindData(arenaId: string, kind: string): Promise<ArenaKindDataRow | undefined>;
  deleteArenaKindData(arenaId: string, kind: string): Promise<boolean>;
  /** A session's feed keys: created, listed (oldest first, revoked ones too), found by hash, revoked. */
  createFeedKey(key: FeedKeyRow): Promise<void>;
  listFeedKeys(sessionId: string): Promise<FeedKeyRow[]>;
  getFeedKeyByHash(sessionId: string, keyHash: string): Promise<FeedKeyRow | undefined>;
  /** Marks the key revoked at `at`; false if the session has no such key or it was revoked already. */
  revokeFeedKey(sessionId: string, id: string, at: number): Promise<boolean>;
  /** Changes an arena's title, texts or synthesis; false if there is no such arena. */
  updateArena(id: string, changes: ArenaChanges): Promise<boolean>;
  /** Changes a session's title or planned date; false if there is no such session. */
  updateSession(id: string, changes: { title?: string; plannedAt?: number | null }): Promise<boolean>;
  /** Removes a session and everything in it (events, participants, contacts). */
  deleteSession(id: string): Promise<boolean>;
  /** Removes an arena and everything in it: its scripts, what its kinds keep, its logbook and all its sessions. */
  deleteArena(id: string): Promise<boolean>;
  listParticipants(sessionId: string): Promise<ParticipantRow[]>;
  /** Saves (or replaces) what a participant left for the network. */
  saveContact(contact: ContactRow): Promise<void>;
  /** The contacts of every session of the arena, oldest first. */
  listContacts(arenaId: string): Promise<ContactRow[]>;
  /** The arena's logbook links: created, listed (oldest first, revoked ones too), found by code, revoked once. */
  createLogbookLink(link: LogbookLinkRow): Promise<void>;
  listLogbookLinks(arenaId: string): Promise<LogbookLinkRow[]>;
  getLogbookLinkByCode(code: string): Promise<LogbookLinkRow | undefined>;
  revokeLogbookLink(arenaId: string, id: string, at: number): Promise<boolean>;
  /** The arena's logbook entries: added, listed (by date, then as written), changed by the facilitator (false: no such entry). */
  addLogbookEntry(entry: LogbookEntryRow): Promise<void>;
  listLogbookEntries(arenaId: string): Promise<LogbookEntryRow[]>;
  updateLogbookEntry(arenaId: string, id: string, changes: LogbookEntryChanges): Promise<boolean>;
  /** Stores a file a step took (server/routes/files.ts checked it first). */
  saveFile(file: FileRow): Promise<void>;
  getFile(sessionId: string, id: string): Promise<FileRow | undefined>;
  /** How many files a step holds: all of them, or one participant's (null: the facilitator's). */
  countFiles(sessionId: string, stepId: string, participantId?: string | null): Promise<number>;
  /** Removes a file whose command was refused after it was stored; false when there is none. */
  deleteFile(sessionId: string, id: string): Promise<boolean>;
  /** Every file of a session with its bytes, oldest first: for the harvest and the export. */
  listFiles(sessionId: string): Promise<FileRow[]>;
  /** Everything of an arena, for export. */
  exportArena(id: string): Promise<ArenaDump | undefined>;
  /**
   * Writes a whole exported arena: all of it, or nothing. SQLite writes it in short parts
   * behind a key nobody holds, so the server's own writes are not held up; see sqlite-store.ts.
   */
  importArena(dump: ArenaDump): Promise<void>;
  /** Where a worker thread connects to this store; undefined when none can (SQLite in memory). */
  workerSource?(): StoreSource | undefined;
  close(): Promise<void>;
}

export class SeqConflictError extends Error {
  constructor(sessionId: string, seq: number) {
    super(`Sequence ${seq} of session ${sessionId} is taken`);
  }
}

/**
 * `appendEvent` for every store, as a group commit of one event: a repeated command id
 * answers with its first seq; a taken seq throws SeqConflictError.
 */
export async function appendOne(store: Store, sessionId: string, event: SessionEvent, participant?: ParticipantRow): Promise<AppendResult> {
  try {
    await store.appendEvents(sessionId, event.seq - 1, () => [{ event, participant }]);
    return { stored: true, seq: event.seq };
  } catch (error) {
    if (!(error instanceof SeqConflictError)) throw error;
    const seen = await store.eventSeq(sessionId, event.id);
    if (seen !== undefined) return { stored: false, seq: seen };
    throw error;
  }
}
