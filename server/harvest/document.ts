/**
 * The harvest as one format-neutral document: the session's (or the arena's)
 * facts, agenda and steps, each step as the blocks its kind's harvest section
 * made. The renderers (render-*.ts) turn a document into Markdown, CSV, HTML or
 * Word; a new kind gets all of them by producing blocks. Hidden contributions
 * never reach a section and authors stay anonymous: the kinds see to that.
 * Every document's text is cleaned (core/text.ts) as it is built: logs written
 * before text was cleaned on arrival may hold characters no Word file can carry.
 */
import type { SessionState } from '../../core/state.js';
import { cleanStrings } from '../../core/text.js';
import type { HarvestBlock, HarvestRow } from '../../kinds/definition.js';
import { kindByName, kinds } from '../../kinds/registry.js';
import { arenaSessions } from './arena-sessions.js';
import { monitoringTrend, type MonitoringTrend } from './monitoring.js';
import { monitoringSections } from './monitoring-doc.js';

export interface DocSection {
  title: string;
  /** Its place on the agenda, when the part has one: a step with nothing to report is left out, the others keep their number. */
  number?: number;
  kind?: string;
  prompt?: string;
  blocks: HarvestBlock[];
}

/** A session in a document (or, for an arena, one of its overviews). */
export interface DocPart {
  /** Absent for the only part of a session's harvest: its title is the document's. */
  title?: string;
  facts: [string, string][];
  agenda?: string[];
  sections: DocSection[];
}

/** The first page, "In één oogopslag": the facts that matter and each step's own few lines (`glance` in kinds/definition.ts). */
export interface Glance {
  facts: [string, string][];
  sections: DocSection[];
  /** The facilitator's synthesis, once a session can hold one; its place on the page is ready. */
  synthesis?: string;
}

export interface HarvestDocument {
  title: string;
  /** What the document is: "Oogst van de bijeenkomst" or "Oogst van de arena". */
  subtitle: string;
  /** The line every page carries (arena, session, date), where the format has pages. */
  running?: string;
  facts: [string, string][];
  glance?: Glance;
  parts: DocPart[];
  /** One row per contribution, for the spreadsheet. */
  rows: CsvRow[];
  /** The bytes of the files its `image` blocks name, by id (read from the store): a block whose file is missing shows its caption only. */
  files?: HarvestFiles;
}

/** A file an `image` block shows: its type (JPEG, PNG or WebP, read from its bytes) and its bytes. */
export type HarvestFiles = ReadonlyMap<string, { type: string; data: Uint8Array }>;

export interface CsvRow extends HarvestRow {
  session: string;
  date: string;
  step: string;
  kind: string;
}

export interface SessionHarvest {
  session: {
    id: string;
    title: string;
    arena: { id: string; title: string };
    script: { id: string; title: string };
    date: string;
    participants: number;
  };
  steps: { id: string; title: string; kind: string; prompt?: string; output: unknown }[];
}

/** The harvest's clock: every format shows times as the room lived them. */
export const TIME_ZONE = 'Europe/Amsterdam';
export const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });
export const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: TIME_ZONE });

interface BuiltSession {
  json: SessionHarvest;
  part: DocPart;
  rows: CsvRow[];
  glance: DocSection[];
}

/**
 * One pass over a session's steps gives its JSON, its part of a document and its
 * rows. `when` is the day it met: its planned date if it has one, else when it was made.
 */
export function buildSession(state: SessionState, when = state.createdAt): BuiltSession {
  const date = new Date(when).toISOString();
  const sections: DocSection[] = [];
  const glance: DocSection[] = [];
  const rows: CsvRow[] = [];
  const steps = state.steps.map((step, i) => {
    const kind = kindByName.get(step.kind)!;
    const data = state.stepStates[step.id]!.data;
    const section = kind.harvest(data, step, state);
    if (section.blocks.length) sections.push({ title: step.title, number: i + 1, kind: step.kind, ...(step.prompt ? { prompt: step.prompt } : {}), blocks: section.blocks });
    const lines = kind.glance?.(data, step, state) ?? [];
    if (lines.length) glance.push({ title: step.title, blocks: lines });
    for (const row of section.rows) rows.push({ session: state.title, date, step: step.title, kind: step.kind, ...row });
    return { id: step.id, title: step.title, kind: step.kind, ...(step.prompt ? { prompt: step.prompt } : {}), output: section.data };
  });
  const json: SessionHarvest = {
    session: {
      id: state.id,
      title: state.title,
      arena: state.arena,
      script: { id: state.script.id, title: state.script.title },
      date,
      participants: state.participantCount,
    },
    steps,
  };
  const part: DocPart = {
    title: state.title,
    facts: [
      ['Datum', dateTime.format(when)],
      ['Werkvorm', state.script.title],
      ['Deelnemers', String(state.participantCount)],
    ],
    agenda: state.steps.map((s) => s.title),
    sections,
  };
  return cleanStrings({ json, part, rows, glance });
}

/** `ambition`: the arena's, for the first page. */
export function sessionDocument(state: SessionState, when?: number, ambition?: string | null): HarvestDocument {
  const { part, rows, glance } = buildSession(state, when);
  // Who took part is among the document's facts, which open the same first page.
  const facts: [string, string][] = ambition ? [['Ambitie', ambition]] : [];
  return cleanStrings({
    title: state.title,
    subtitle: 'Oogst van de bijeenkomst',
    running: `${state.arena.title} · ${state.title} · ${day.format(when ?? state.createdAt)}`,
    facts: [['Arena', state.arena.title], ...part.facts],
    glance: { facts, sections: glance },
    parts: [{ ...part, title: undefined, facts: [] }],
    rows,
  });
}

export interface ArenaInfo {
  id: string;
  title: string;
  theme: string | null;
  ambition: string | null;
}

/** The arena's harvest as JSON: beside these, each kind's own section under its name (`KindArena.harvest`), e.g. `smallwins`. */
export interface ArenaHarvest {
  arena: ArenaInfo & { sessions: number };
  monitoring: MonitoringTrend;
  sessions: SessionHarvest[];
  [kindSection: string]: unknown;
}

/** The arena's harvest: each kind's arena section first (in the registry's order), then the monitoring per question across the sessions, then every session that has met. */
export function arenaHarvest(
  arena: ArenaInfo,
  states: readonly SessionState[],
  dates: ReadonlyMap<string, number> = new Map(),
): { json: ArenaHarvest; document: HarvestDocument } {
  const ordered = [...states].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const built = ordered.map((s) => buildSession(s, dates.get(s.id)));
  const trend = monitoringTrend(ordered, dates);
  const from = arenaSessions(arena, ordered, dates);
  const parts = kinds.flatMap((kind) => kind.arena?.harvest?.(from) ?? []);

  const overview: DocSection[] = [
    ...parts.map(({ title, blocks }) => ({ title, blocks })),
    ...monitoringSections(trend, (iso) => day.format(new Date(iso))),
  ];

  const facts: [string, string][] = [];
  if (arena.theme) facts.push(['Thema', arena.theme]);
  if (arena.ambition) facts.push(['Ambitie', arena.ambition]);
  facts.push(['Bijeenkomsten', String(ordered.length)]);

  return cleanStrings({
    json: {
      arena: { ...arena, sessions: ordered.length },
      monitoring: trend,
      ...Object.fromEntries(parts.map((p) => [p.name, p.data])),
      sessions: built.map((b) => b.json),
    },
    document: {
      title: arena.title,
      subtitle: 'Oogst van de arena',
      running: arena.title,
      facts,
      parts: [{ title: 'Overzicht', facts: [], sections: overview }, ...built.map((b) => b.part)],
      rows: built.flatMap((b) => b.rows),
    },
  });
}
