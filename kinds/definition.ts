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
import type { ArenaRecap, ArenaSessions, KindArena, Offer } from './arena-contract.js';

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
