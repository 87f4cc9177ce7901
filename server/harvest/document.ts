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
import type { ArenaRow } from '../store/store.js';
import { cleanStrings } from '../../core/text.js';
import { METHOD_NAMES, type ArenaMethod, type Synthesis } from '../../core/synthesis.js';
import type { HarvestBlock, HarvestRow } from '../../kinds/definition.js';
import type { ArenaSessions } from '../../kinds/arena-contract.js';
import { kindByName, kinds } from '../../kinds/registry.js';
import type { LogbookEntry } from '../../core/logbook.js';
import { logbookUpdates } from '../logbook/subjects.js';
import { arenaSessions } from './arena-sessions.js';
import { logbookHarvest } from './logbook-doc.js';
import { monitoringTrend, type MonitoringTrend } from './monitoring.js';
import { monitoringSections } from './monitoring-doc.js';
import { SYNTHESIS_KIND, SYNTHESIS_TITLE, synthesisRows, synthesisSection } from './synthesis-doc.js';

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

/**
 * The first page, "In één oogopslag": the facts that matter, the facilitator's
 * synthesis (its first section, when written) and each step's own few lines
 * (`glance` in kinds/definition.ts).
 */
export interface Glance {
  facts: [string, string][];
  sections: DocSection[];
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
  /** The facilitator's synthesis of the session; null when none is written. */
  synthesis: Synthesis | null;
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
  /** The facilitator's synthesis as a section: on the first page of the session's harvest, at the head of its part of the arena's. */
  synthesis?: DocSection;
}

/**
 * One pass over a session's steps gives its JSON, its part of a document and its
 * rows. `when` is the day it met: its planned date if it has one, else when it was made.
 */
export function buildSession(state: SessionState, when = state.createdAt): BuiltSession {
  const date = new Date(when).toISOString();
  const sections: DocSection[] = [];
  const glance: DocSection[] = [];
  const rows: CsvRow[] = synthesisRows(state.synthesis).map((row) => ({ session: state.title, date, step: SYNTHESIS_TITLE, kind: SYNTHESIS_KIND, ...row }));
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
    synthesis: state.synthesis ?? null,
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
  const synthesis = synthesisSection(state.synthesis);
  return cleanStrings({ json, part, rows, glance, ...(synthesis ? { synthesis } : {}) });
}

/** What the arena works towards, as facts: its ambition, kernthema and onderzoeksvraag, those it has. */
type ArenaAims = Partial<Pick<ArenaInfo, 'ambition' | 'coreTheme' | 'researchQuestion'>>;
function aimFacts(arena: ArenaAims): [string, string][] {
  const facts: [string, string][] = [];
  if (arena.ambition) facts.push(['Ambitie', arena.ambition]);
  if (arena.coreTheme) facts.push(['Kernthema', arena.coreTheme]);
  if (arena.researchQuestion) facts.push(['Onderzoeksvraag', arena.researchQuestion]);
  return facts;
}

/** `arena`: what its arena works towards, for the first page. */
export function sessionDocument(state: SessionState, when?: number, arena: ArenaAims = {}): HarvestDocument {
  const { part, rows, glance, synthesis } = buildSession(state, when);
  // Who took part is among the document's facts, which open the same first page.
  const facts = aimFacts(arena);
  return cleanStrings({
    title: state.title,
    subtitle: 'Oogst van de bijeenkomst',
    running: `${state.arena.title} · ${state.title} · ${day.format(when ?? state.createdAt)}`,
    facts: [['Arena', state.arena.title], ...part.facts],
    glance: { facts, sections: synthesis ? [synthesis, ...glance] : glance },
    parts: [{ ...part, title: undefined, facts: [] }],
    rows,
  });
}

export interface ArenaInfo {
  id: string;
  title: string;
  theme: string | null;
  ambition: string | null;
  method?: ArenaMethod | null;
  coreTheme?: string | null;
  researchQuestion?: string | null;
  synthesis?: Synthesis | null;
}

/** What the harvest tells of an arena row: all but its key, its date and its screen's language. */
export const arenaInfo = (row: ArenaRow): ArenaInfo => ({
  id: row.id,
  title: row.title,
  theme: row.theme,
  ambition: row.ambition ?? null,
  method: row.method ?? null,
  coreTheme: row.coreTheme ?? null,
  researchQuestion: row.researchQuestion ?? null,
  synthesis: row.synthesis ?? null,
});

/** The arena's harvest as JSON: beside these, each kind's own section under its name (`KindArena.harvest`), e.g. `smallwins`. */
export interface ArenaHarvest {
  arena: Omit<ArenaInfo, 'synthesis'> & { sessions: number };
  synthesis: Synthesis | null;
  monitoring: MonitoringTrend;
  sessions: SessionHarvest[];
  [section: string]: unknown;
}

/** The place of a kind's arena section that names none. */
const LAST = Number.MAX_SAFE_INTEGER;

/** What the overview's parts are made from. */
interface OverviewSources {
  arena: ArenaInfo;
  from: ArenaSessions;
  logbook: ReturnType<typeof logbookHarvest>;
  trend: MonitoringTrend;
}
/** One part of the overview: its sections in the documents, and its keys in the JSON. */
type OverviewPart = (sources: OverviewSources) => { sections: DocSection[]; json: Record<string, unknown> };

/**
 * The arena harvest's overview, read as the report of a traject, in this order: the
 * facilitator's synthesis; the kinds' arena sections (actions with their history,
 * then small wins with their trajectories, then the others); the logbook between
 * meetings; the monitoring per question across the sessions. A new part of the overview is one entry here.
 */
const OVERVIEW: readonly OverviewPart[] = [
  ({ arena }) => {
    const section = synthesisSection(arena.synthesis);
    return { sections: section ? [section] : [], json: { synthesis: arena.synthesis ?? null } };
  },
  ({ from }) => {
    // A stable sort: sections without an order keep the registry's.
    const kindParts = kinds.flatMap((kind) => kind.arena?.harvest?.(from) ?? []).sort((a, b) => (a.order ?? LAST) - (b.order ?? LAST));
    return { sections: kindParts.map(({ title, blocks }) => ({ title, blocks })), json: Object.fromEntries(kindParts.map((p) => [p.name, p.data])) };
  },
  ({ logbook }) => ({ sections: [logbook.section], json: { logbook: logbook.json } }),
  ({ trend }) => ({ sections: monitoringSections(trend, (iso) => day.format(new Date(iso))), json: { monitoring: trend } }),
];

/** The arena's facts: its theme and, as its way of working asks, its ambition, kernthema and onderzoeksvraag. */
function arenaFacts(arena: ArenaInfo, sessions: number): [string, string][] {
  const facts: [string, string][] = [];
  if (arena.theme) facts.push(['Thema', arena.theme]);
  if (arena.method) facts.push(['Werkwijze', METHOD_NAMES[arena.method]]);
  facts.push(...aimFacts(arena));
  facts.push(['Bijeenkomsten', String(sessions)]);
  return facts;
}

/** The arena's harvest: the overview (`OVERVIEW`), then every session that has met, each opening with its synthesis; `logbook`: the arena's logbook entries. */
export function arenaHarvest(
  arena: ArenaInfo,
  states: readonly SessionState[],
  dates: ReadonlyMap<string, number> = new Map(),
  logbook: readonly LogbookEntry[] = [],
): { json: ArenaHarvest; document: HarvestDocument } {
  const from = arenaSessions(arena, states, dates, logbookUpdates(logbook));
  const ordered = from.sessions;
  const built = ordered.map((s) => buildSession(s, dates.get(s.id)));
  const sources: OverviewSources = { arena, from, logbook: logbookHarvest(logbook), trend: monitoringTrend(ordered, dates) };
  const overview = OVERVIEW.map((make) => make(sources));
  // The synthesis is the overview's, beside the arena: not twice in the JSON.
  const { synthesis, ...about } = arena;

  return cleanStrings({
    json: {
      arena: { ...about, sessions: ordered.length },
      synthesis: synthesis ?? null,
      monitoring: sources.trend,
      ...Object.assign({}, ...overview.map((o) => o.json)),
      sessions: built.map((b) => b.json),
    },
    document: {
      title: arena.title,
      subtitle: 'Oogst van de arena',
      running: arena.title,
      facts: arenaFacts(arena, ordered.length),
      parts: [
        { title: 'Overzicht', facts: [], sections: overview.flatMap((o) => o.sections) },
        ...built.map((b) => (b.synthesis ? { ...b.part, sections: [b.synthesis, ...b.part.sections] } : b.part)),
      ],
      rows: [...sources.logbook.rows, ...built.flatMap((b) => b.rows)],
    },
  });
}
