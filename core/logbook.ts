/**
 * The arena's logbook between meetings: what members of the arena's network write down
 * between the sessions (an observation, something tried, a reflection, resistance met),
 * tagged by the actieonderzoek cycle, and updates on the arena's actions and small wins.
 * Shared by the server (routes, store, harvest, recap) and the pages (member page, arena page).
 * Routes: docs/PROTOCOL.md, "Logbook".
 */

/** What an entry is. */
export const LOGBOOK_WHATS = ['observatie', 'geprobeerd', 'reflectie', 'weerstand'] as const;
export type LogbookWhat = (typeof LOGBOOK_WHATS)[number];

/** The actieonderzoek cycle: onderzoeken – handelen – reflecteren – veranderen. */
export const LOGBOOK_CYCLE = ['onderzoeken', 'handelen', 'reflecteren', 'veranderen'] as const;
export type LogbookCycle = (typeof LOGBOOK_CYCLE)[number];

/** pending: waits for the facilitator's approval; visible: in the arena's logbook; hidden: taken out by the facilitator. */
export const LOGBOOK_STATES = ['pending', 'visible', 'hidden'] as const;
export type LogbookState = (typeof LOGBOOK_STATES)[number];

export const LOGBOOK_LIMITS = {
  text: 2000,
  name: 60,
  /** One field of an update on an action or a small win. */
  field: 1000,
  /** Entries one arena keeps: years of weekly notes by a whole network. */
  entriesPerArena: 5000,
  /** Standing links open at once. */
  openLinks: 5,
  /** Entries one link takes per hour (a burst of that many, then refilled over the hour). */
  entriesPerLinkPerHour: 120,
  /** Subjects (open actions and small wins) the member page offers. */
  subjects: 100,
  /** Entries shared with members that the member page shows. */
  shared: 50,
  /** Entries the arena page gets at once (*Meer laden* asks for the next), and the most it may ask for. */
  page: 50,
  maxPage: 100,
} as const;

/** A logbook link's short code: eight characters of the join alphabet, so it never reads as a session's six. */
export const LOGBOOK_CODE_LENGTH = 8;
export const isLogbookCode = (code: string) => code.length === LOGBOOK_CODE_LENGTH;

/** An update on an action or a small win of the arena, as the kind offers it (`KindArena.logbook`). */
export interface LogbookAbout {
  /** The kind the subject belongs to, e.g. `action`. */
  kind: string;
  /** The subject as the kind names it: the session it came from and its id there. */
  sessionId: string;
  itemId: string;
  /** The item's title when the entry was written (set by the server), for the arena page. */
  title?: string;
  /** The kind's update fields (e.g. what we did, noticed, learned, adjust; a status). */
  fields: Record<string, string>;
}

export interface LogbookEntry {
  id: string;
  linkId: string;
  createdAt: number;
  /** The day it is about (YYYY-MM-DD): today by default, or a day the member gives. */
  date: string;
  what: LogbookWhat;
  cycle: LogbookCycle;
  text: string;
  name: string | null;
  about: LogbookAbout | null;
  state: LogbookState;
  /** Picked by the facilitator to show at the next meeting (recap). */
  highlighted: boolean;
  /** Shown to the arena's members on the logbook page. */
  shared: boolean;
}

/** One page of the arena page's entries (`GET /api/arenas/:arenaId/logbook`), newest first. */
export interface LogbookEntriesPage {
  entries: LogbookEntry[];
  /** The kinds' update forms, to name an update's fields. */
  forms: LogbookUpdateForm[];
  /** How many entries the logbook has, in all and per cycle, whatever the page. */
  counts: Record<LogbookCycle | 'all', number>;
  /** The last entry of this page, to ask for the next (`after`); null when there is none. */
  next: string | null;
}

export interface LogbookLink {
  id: string;
  code: string;
  requiresApproval: boolean;
  createdAt: number;
  revokedAt: number | null;
}

/** A link as the arena page gets it: with the member page's address. */
export interface LogbookLinkInfo extends LogbookLink {
  url: string;
}

/** One open action or small win a member may write an update on, titles only. */
export interface LogbookSubject {
  kind: string;
  sessionId: string;
  itemId: string;
  title: string;
}

/** A kind's update form, as the member page draws it: its text fields and, if it has one, its choice of status. */
export interface LogbookUpdateForm {
  kind: string;
  fields: { id: string; label: string }[];
  status?: { id: string; label: string; options: { id: string; label: string }[] };
}

/** What the member page needs (`GET /api/logbook/:code`). */
export interface LogbookPage {
  arena: { title: string };
  requiresApproval: boolean;
  subjects: LogbookSubject[];
  forms: LogbookUpdateForm[];
  /** Entries the facilitator shared with the members, newest first. */
  shared: Pick<LogbookEntry, 'id' | 'date' | 'what' | 'cycle' | 'text' | 'name'>[];
}

/** Today as the logbook writes a date (the server's day, UTC). */
export const logbookDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** A day as YYYY-MM-DD that exists on the calendar. */
export function isLogbookDay(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
