/**
 * The server half of an exercise kind: what a script may say about its steps,
 * which commands it takes (with their payload schemas and the roles allowed),
 * how a command becomes an event, and its section of the harvest.
 * Imports TypeBox, so it never reaches the phones: views import `model.ts` only.
 */
import Type, { type Static, type TProperties, type TSchema } from 'typebox';
import type { KindModel } from '../core/kind.js';
import type { Actor, ErrorCode, Role, SessionEvent } from '../core/protocol.js';
import type { SessionState, StepDef } from '../core/state.js';

/** Longest text a participant may type into one note or answer. */
export const MAX_TEXT = 500;

export interface CommandContext<D, St extends StepDef = StepDef> {
  state: SessionState;
  step: St;
  data: D;
  revealed: boolean;
  actor: Actor;
  /** The command's id: the id the event will have. */
  id: string;
  /** Participants connected right now, in the order they connected (volatile: never stored). */
  present: readonly string[];
}

/** A participant's first connection opened, or their last one closed and stayed closed for a while. */
export interface PresenceChange {
  joined?: string;
  /** Gone for longer than the grace (server/realtime/presence.ts). */
  left?: string;
  /** Their last connection dropped: `back` or `left` follows, after at most the grace. */
  dropped?: string;
  /** Connected again within the grace. */
  back?: string;
}

export type Decision =
  | { ok: true; type: string; payload: unknown }
  | { ok: false; error: ErrorCode; message: string };

export interface CommandSpec<D, S extends TSchema = TSchema, St extends StepDef = StepDef> {
  payload: S;
  roles: readonly Role[];
  decide(ctx: CommandContext<D, St>, payload: Static<S>): Decision;
}

/** Type helper so each command's `decide` sees its own payload type (and the kind's step). */
export function command<D, S extends TSchema, St extends StepDef = StepDef>(spec: CommandSpec<D, S, St>): CommandSpec<D, S, St> {
  return spec;
}

/** An event payload: exactly these fields, no others. */
export const eventPayload = <P extends TProperties>(properties: P) => Type.Object(properties, { additionalProperties: false });
/** A moment (ms since 1970) and a place in the log, as events carry them for a contribution they copy. */
export const At = Type.Integer({ minimum: 0 });
export const Seq = Type.Integer({ minimum: 1 });

/**
 * Lifts an event's payload one version up (v → v+1): it gets the payload as it was
 * written at version v and returns it as version v+1 writes it. See docs/ARCHITECTURE.md,
 * "Event versions and upcasters".
 */
export type Upcaster = (payload: any) => unknown;

export const refuse = (error: ErrorCode, message: string): Decision => ({ ok: false, error, message });
export const accept = (type: string, payload: unknown): Decision => ({ ok: true, type, payload });

/**
 * A piece of text in a harvest block: plain, or marked. Participant text goes in
 * as it is; each renderer escapes it for its own format.
 */
export type Inline = string | { text: string; strong?: true; note?: true } | { break: true };

/**
 * Format-neutral building blocks of a step's harvest. A kind says what to show;
 * server/harvest/render-*.ts turn the blocks into Markdown, HTML, Word and the
 * rest, so every kind gets every format.
 */
export type HarvestBlock =
  /** A sub-heading inside the step. */
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: Inline[] }
  | { type: 'list'; ordered?: true; items: ListItem[] }
  /** Cells are plain text; `right` aligns a column of numbers. */
  | { type: 'table'; head: string[]; right?: number[]; rows: string[][] }
  /** Horizontal bars, largest first as given; drawn in HTML and Word, a table says the same in Markdown. */
  | { type: 'chart'; title: string; bars: { label: string; value: number }[] }
  /**
   * A file of the session (a photo), by its id, with its size in pixels and a caption: Word and
   * the printable page show it scaled to the page, Markdown its caption with a note.
   */
  | { type: 'image'; file: string; width: number; height: number; caption?: string };

export interface ListItem {
  text: Inline[];
  /** A checkbox: ticked or not. */
  checked?: boolean;
  sub?: Inline[][];
}

/**
 * One contribution as a spreadsheet row: what a participant wrote (or a counted
 * option), where it sits (a column, question or field), its cluster and votes.
 */
export interface HarvestRow {
  group?: string;
  cluster?: string;
  text: string;
  votes?: number;
  /** What came of it, where a kind decides something (a vote: chosen, or a tie the group decides). */
  outcome?: string;
  /** ISO time the contribution was made, when known. */
  at?: string;
}

/** One step's part of the harvest: plain data for JSON, blocks for the documents, rows for CSV. */
export interface HarvestSection {
  data: unknown;
  blocks: HarvestBlock[];
  rows: HarvestRow[];
}

export const strong = (text: string): Inline => ({ text, strong: true });
export const note = (text: string): Inline => ({ text, note: true });
export const lineBreak: Inline = { break: true };
export const paragraph = (...text: Inline[]): HarvestBlock => ({ type: 'paragraph', text });

/** A kind's (or the core's) commands by type, each with its own payload schema. */
export type Commands<D, St extends StepDef = StepDef> = Readonly<Record<string, CommandSpec<D, any, St>>>;

/**
 * `E` and `St` are the kind's event union and step type (see `KindModel`); the registry
 * and the session hold every kind erased, as a `KindDefinition`.
 */
export interface KindDefinition<D = any, E extends SessionEvent = SessionEvent, St extends StepDef = StepDef> extends KindModel<D, E, St> {
  /** The kind's own step fields, next to id, kind, title, prompt, notes and duration. */
  stepSchema: TSchema;
  /** Command types start with the kind's name: `wall.post`. */
  commands: Commands<D, St>;
  /**
   * The payload of every event type the kind writes, as it is stored (before any
   * redaction): an imported log is checked against them, and a unit test replays the
   * suites' logs through them, so they describe every event the code writes.
   */
  events: Readonly<Record<string, TSchema>>;
  /**
   * Per event type whose payload changed since it was first written, its upcasters,
   * oldest first: the type's latest version is one more than their number (1 without
   * any), `events` describes that version, and the code writes it. An older event is
   * lifted when a log is read from the store or imported. Never edit or drop one: add the next.
   */
  upcasters?: Readonly<Record<string, readonly Upcaster[]>>;
  /**
   * Checks across fields that a schema cannot say (unique ids, references to other
   * steps of the script, e.g. `from:`); returns problems as [path, message].
   */
  checkStep?(step: St, steps?: readonly StepDef[]): [string, string][];
  harvest(data: D, step: St, state: SessionState): HarvestSection;
  /**
   * The step's few lines on the harvest's first page, "In één oogopslag": what a reader
   * who reads nothing else should know (the clusters with their counts, the chosen
   * questions, the new small wins). Blocks without headings; none leaves the step off that page.
   */
  glance?(data: D, step: St, state: SessionState): HarvestBlock[];
  /**
   * Called for the step the room is on when someone arrives or leaves (e.g. to
   * give a late joiner an interview partner). The decision is stored as an event
   * by the system actor; return undefined to do nothing.
   */
  onPresence?(ctx: CommandContext<D, St>, change: PresenceChange): Decision | undefined;
  /**
   * What this kind carries from the arena's other sessions into a session (e.g. the
   * small wins registered so far), worked out when the session is created (kept in its
   * first event) and again when it opens (the first time the room reaches a step of
   * this kind, kept in a `session.context` event), so the session's log alone still
   * explains everything it shows. `earlier.metOn` gives each session's one date.
   */
  arenaContext?(earlier: ArenaSessions, offers: readonly Offer[]): unknown;
  /**
   * Whether this kind takes over items other kinds offer (`KindArena.offers`): the server
   * then gathers every kind's offers and hands them to `arenaContext`, so this kind names no other.
   */
  takesOffers?: boolean;
  /**
   * A kind that shows the room where the arena stands (`recap`): what it keeps of the
   * parts every kind's `arena.recap` gave, stored like `arenaContext` (and instead of it)
   * under the kind's name. The server composes the parts, so this kind names no other.
   */
  recapContext?(recap: ArenaRecap): unknown;
  /**
   * A step of the script as the session takes it when it is made in an arena: `kept` is
   * what the kind keeps for that arena (`arena.keeps`), undefined when it keeps none.
   * Returns the step to run, or a message (Dutch) why the session cannot be made.
   * E.g. a checklist with `items: arena` takes the arena's own list.
   */
  fromArena?(step: St, kept: unknown): St | string;
  /** What `arenaContext` (or `recapContext`) returns, as `session.created` stores it under the kind's name. */
  contextSchema?: TSchema;
  /** The kind's part of its arena: harvest, page, ambition and monitoring (`KindArena`). */
  arena?: KindArena<D, St>;
  /** The files (images) its steps take through the file upload, and the command each stored file is handed to. */
  files?: KindFiles<St>;
}

/**
 * What a kind's steps take as files: `POST /api/sessions/:sessionId/steps/:stepId/files`
 * (server/routes/files.ts) checks the bytes against these bounds and the type from their
 * content (JPEG, PNG or WebP), stores the file with the session, and then sends `command`
 * as the uploader, with `FilePayload` plus the caption they gave. That command comes only
 * this way: the server refuses it from a socket, so its file always exists and was checked.
 */
export interface KindFiles<St extends StepDef = StepDef> {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Largest width × height, read from the header. */
  maxPixels: number;
  /** Files one participant may send to a step (the facilitator is bound by `perStep` only). */
  perParticipant(step: St): number;
  /** Files one step holds at most, everyone's together. */
  perStep: number;
  /** Who may upload. */
  roles: readonly ('participant' | 'facilitator')[];
  /** The kind's command that takes a stored file: its payload schema must accept `FilePayload` (with `caption`). */
  command: string;
}

/** What the file route sends with a kind's `files.command`: the stored file, and the uploader's caption. */
export const FilePayload = {
  file: Type.String({ minLength: 1, maxLength: 64 }),
  width: Type.Integer({ minimum: 1, maximum: 100_000 }),
  height: Type.Integer({ minimum: 1, maximum: 100_000 }),
  caption: Type.Optional(Type.String({ maxLength: 200 })),
};
/** A file as the route hands it to a kind. */
export type FileInfo = { file: string; width: number; height: number; caption?: string };

/**
 * An arena's sessions as a kind's arena hooks read them, rebuilt from the logs
 * on every request like the harvest.
 */
export interface ArenaSessions {
  arena: { id: string; title: string };
  /** Every session of the arena in the order they met (`inMeetingOrder`): a traject planned in one go, the last meeting first, still reads in order. */
  sessions: readonly SessionState[];
  /** The day a session met: its planned date where it has one, else when it was made. */
  metOn(session: SessionState): number;
  /**
   * The updates members wrote in the arena's logbook between meetings and the facilitator
   * let through (visible), on the kinds' items, oldest first; a kind reads its own
   * (`kind`) into the history of the item named. Absent or empty: none.
   */
  logbook?: readonly LogbookUpdate[];
}

/** An approved logbook entry about an item of a kind (`KindArena.logbook`), as the kind's arena code reads it. */
export interface LogbookUpdate {
  /** The entry's id. */
  id: string;
  kind: string;
  sessionId: string;
  itemId: string;
  /** The kind's update fields, as its `logbook.fields` kept them. */
  fields: Readonly<Record<string, string>>;
  /** The entry's text beside the fields. */
  text: string;
  /** Its day (ms at midnight UTC), and when it was written. */
  date: number;
  at: number;
}

/**
 * A kind's part in the arena's logbook between meetings: the open items of the arena
 * a member may write an update on (titles only), the form for it, and the check of
 * what a member sent. The kind's arena code reads the approved ones (`ArenaSessions.logbook`).
 */
export interface KindLogbook {
  subjects(arena: ArenaSessions): { sessionId: string; itemId: string; title: string }[];
  form(locale: 'nl' | 'en'): { fields: { id: string; label: string }[]; status?: { id: string; label: string; options: { id: string; label: string }[] } };
  /** The update's fields as the kind keeps them (empty ones left out), or undefined when they are not the kind's. */
  fields(given: Readonly<Record<string, string>>): Record<string, string> | undefined;
}

/** Sessions in the order they met: by their one date (`metOn`), then when they were made, then their id. The one order of every arena view. */
export const inMeetingOrder = (sessions: readonly SessionState[], metOn: (session: SessionState) => number): SessionState[] =>
  [...sessions].sort((a, b) => metOn(a) - metOn(b) || a.createdAt - b.createdAt || a.id.localeCompare(b.id));

/** The arena's last meeting before the session that asks: what a recap starts from. */
export interface RecapSince {
  id: string;
  title: string;
  /** Its one date (`ArenaSessions.metOn`). */
  date: number;
}

/** One line of a recap part: a text, with a short badge (a status, a phase, "nieuw") and a note under it. */
export interface RecapItem {
  text: string;
  badge?: string;
  /** How the badge reads at a glance: still going, new or moved on, done, stopped. */
  tone?: 'open' | 'new' | 'done' | 'stopped';
  note?: string;
}

/** What a kind shows of its arena at the start of a meeting: a title and a few lines (`KindArena.recap`). */
export interface RecapPart {
  title: string;
  items: RecapItem[];
}

/** A recap part as a session keeps it: `id` names where it came from (the kind, or `logbook`). */
export interface RecapSection extends RecapPart {
  id: string;
}

/**
 * Everything a recap step is offered, composed by the server: each kind's part in the
 * order of its `recap.order`, and the logbook's highlights the facilitator picked.
 */
export interface ArenaRecap {
  /** Undefined at a first meeting: no earlier session met. */
  since?: RecapSince;
  parts: RecapSection[];
}

/** A kind's section of the arena harvest's overview, before the monitoring trend. */
export interface ArenaHarvestSection {
  /** Its key in the arena harvest's JSON, beside `arena`, `monitoring` and `sessions` (e.g. `smallwins`). */
  name: string;
  data: unknown;
  /** Its heading in the documents, and what they show under it. */
  title: string;
  blocks: HarvestBlock[];
  /**
   * Its place among the kinds' sections, lowest first: the overview reads as a traject's
   * report, what the arena does (actions, 10) before what it achieved (small wins, 20).
   * Without one: after those, in the registry's order.
   */
  order?: number;
}

/**
 * A read-only API of a kind for its arena: `GET /api/arenas/:arenaId/<path>`, for
 * who holds the arena key (the server checks it). The kind's part of the arena
 * page (`kinds/<kind>/Arena.svelte`) reads it.
 */
export interface ArenaRoute {
  /** One path segment: lowercase letters and dashes, e.g. `smallwins`. */
  path: string;
  answer(arena: ArenaSessions): unknown;
}

/**
 * Something a kind keeps for its arena, uploaded on the arena page by who holds the
 * arena key: `GET`, `PUT` and `DELETE /api/arenas/:arenaId/<path>` (the server checks the
 * key, bounds the body and stores it; `server/routes/arena-parts.ts`). One per kind.
 */
export interface ArenaKept {
  /** One path segment: lowercase letters and dashes, e.g. `checklist`. */
  path: string;
  /** The most characters an upload holds. */
  maxChars: number;
  /** What the arena keeps, checked again when an arena is imported. */
  schema: TSchema;
  /** The uploaded text (YAML, CSV, …) as what the arena keeps, or a message (Dutch) that names the line. */
  parse(text: string): { value: unknown } | { error: string };
}

/** One answer a step gives to a monitoring question, with its id in the step. */
export interface MonitoringAnswer {
  id: string;
  text: string;
  /** Who gave it (a participant id), where the kind knows: the trend counts who answered, and never shows it. */
  author?: string;
}

/**
 * What a kind adds to its arena, beyond one session: all optional. The server's
 * harvest, monitoring and routes and the arena page ask each kind for these, and
 * name no kind themselves.
 */
export interface KindArena<D, St extends StepDef = StepDef> {
  /** Its section of the arena harvest, from all the arena's sessions; undefined for none. */
  harvest?(arena: ArenaSessions): ArenaHarvestSection | undefined;
  /** Its arena APIs, e.g. the arena's list of small wins. */
  routes?: readonly ArenaRoute[];
  /** What the arena keeps of it, uploaded on the arena page (the arena's own checklist); see `fromArena`. */
  keeps?: ArenaKept;
  /**
   * The texts of one of its steps that an arena could adopt as its ambition (answers,
   * notes, cluster names), in the order of the step's harvest: visible ones only.
   */
  ambition?(data: D, step: St, state: SessionState): string[];
  /**
   * Its step's answers to the monitoring questions it asks, by question id (an
   * empty list: asked, not answered), visible ones only. The arena's trend
   * (server/harvest/monitoring.ts) keeps the ids it monitors and ignores the rest.
   */
  monitoring?(data: D, step: St): Readonly<Record<string, readonly MonitoringAnswer[]>>;
  /**
   * Its part of the recap at the start of a meeting (`kinds/recap`): what happened in the
   * arena that the room should see again, `since` its last meeting (undefined: none met
   * yet). `order` places the part among the others (the logbook's highlights are 40).
   * Undefined or no items: nothing to show.
   */
  recap?: { order: number; part(arena: ArenaSessions, since: RecapSince | undefined): RecapPart | undefined };
  /** Its items members may write an update on in the arena's logbook between meetings. */
  logbook?: KindLogbook;
  /** Its items another kind may take over (`takesOffers`), each with its dated history, e.g. an action that becomes a small-win candidate. */
  offers?(arena: ArenaSessions): Offer[];
}

/** An item of one kind another kind may take over, with its history as the harvest words it, oldest first. */
export interface Offer {
  kind: string;
  sessionId: string;
  id: string;
  title: string;
  history: { date: number; text: string }[];
}

/**
 * A kind's definition, typed as a `KindDefinition<D>` for the server, that also keeps
 * each command's own payload schema in its type: `defineKind<WallData, WallEvent, WallStep>()({...})`,
 * the data, event and step types given, the commands inferred. The views' typed `send` is derived from
 * them (client/lib/commands.ts).
 */
export const defineKind =
  <D, E extends SessionEvent = SessionEvent, St extends StepDef = StepDef>() =>
  <C extends Commands<D, St>>(definition: KindDefinition<D, E, St> & { commands: C }): KindDefinition<D, E, St> & KindCommands<C> =>
    definition;

/**
 * The commands as `defineKind` inferred them. A type only, never set (like zod's
 * `_output`): `commands` stays a `Commands<D>` that code may index with any type.
 */
export interface KindCommands<C> {
  readonly $commands?: C;
}

/** Text as it is stored (`core/text.ts`), for the kinds' commands; the browser's code imports it from there, clear of TypeBox. */
export { cleanText } from '../core/text.js';
