/**
 * A kind's part of its arena, the series of meetings a session belongs to: the sessions
 * as its hooks read them (`ArenaSessions`, in the order they met), and what a kind may
 * give the arena (`KindArena`: its harvest section, APIs, page part, recap part, what it
 * keeps, the logbook's updates on its items, what another kind may take over).
 * `KindDefinition.arena` (definition.ts) holds it.
 */
import type { TSchema } from 'typebox';
import type { SessionState, StepDef } from '../core/state.js';
import type { HarvestBlock } from './definition.js';

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
