/**
 * The facilitator's synthesis (synthese): what a session or an arena comes to, in four
 * parts the facilitator writes after (or during) a meeting. A session's synthesis is a
 * core event in its log (`session.synthesis`, the whole synthesis each time), so it
 * replays, exports and imports with the session and can be rewritten at any time; an
 * arena's is kept with the arena. The harvest opens with it. Only the facilitator sees
 * it before the harvest: no screen or phone gets it.
 *
 * Also here: the ways of working an arena can say it follows (`ArenaMethod`), which
 * decide the fields its page offers beside the ambition.
 */
/** The four parts, in the order the harvest prints them, with their Dutch headings. */
export const SYNTHESIS_PARTS = [
  { key: 'summary', title: 'Samenvatting' },
  { key: 'decisions', title: 'Besluiten en afspraken' },
  { key: 'lessons', title: 'Wat we leerden' },
  { key: 'chafed', title: 'Wat schuurde' },
] as const;

/** A part holds a few paragraphs: 4000 characters is about a page. */
export const MAX_SYNTHESIS_PART = 4000;

/**
 * Every part, each time (empty when there is nothing to say): the synthesis as it
 * stands from now on. Its schema is the server's (server/synthesis-schemas.ts), kept
 * out of this file so the browser loads no schema library.
 */
export type Synthesis = Record<(typeof SYNTHESIS_PARTS)[number]['key'], string>;

export const SYNTHESIS_EVENTS = {
  written: 'session.synthesis',
} as const;

/** Each part trimmed (text is cleaned of unsafe characters before any schema sees it, core/text.ts). */
export const tidySynthesis = (s: Synthesis): Synthesis => ({
  summary: s.summary.trim(),
  decisions: s.decisions.trim(),
  lessons: s.lessons.trim(),
  chafed: s.chafed.trim(),
});

/** Whether there is anything written: an empty synthesis is not printed, nor kept for an arena. */
export const hasSynthesis = (s: Synthesis | null | undefined): s is Synthesis => !!s && SYNTHESIS_PARTS.some((p) => s[p.key] !== '');

/**
 * The ways of working an arena can follow (docs: the methods). Each decides what its
 * page asks beside the ambition: a kernthema for waarderend veranderen, an
 * onderzoeksvraag for actieonderzoek; a transitiearena keeps its outcome open, so
 * its page does not ask for a "stip op de horizon".
 */
export const ARENA_METHODS = ['leer-en-verbetertraject', 'waarderend-veranderen', 'actieonderzoek', 'transitiearena', 'small-wins'] as const;
export type ArenaMethod = (typeof ARENA_METHODS)[number];

/** The Dutch names of the methods, as the harvest shows them. */
export const METHOD_NAMES: Readonly<Record<ArenaMethod, string>> = {
  'leer-en-verbetertraject': 'Leer- en verbetertraject',
  'waarderend-veranderen': 'Waarderend veranderen',
  actieonderzoek: 'Actieonderzoek',
  transitiearena: 'Transitiearena',
  'small-wins': 'Small wins',
};

/** Which of the arena's texts beside the ambition a way of working asks for; any can be filled in. */
export const METHOD_ASKS: Readonly<Record<ArenaMethod, { coreTheme?: true; researchQuestion?: true; openOutcome?: true }>> = {
  'leer-en-verbetertraject': {},
  'waarderend-veranderen': { coreTheme: true },
  actieonderzoek: { researchQuestion: true },
  transitiearena: { openOutcome: true },
  'small-wins': {},
};

/** Bounds of the arena's own texts beside the ambition. */
export const MAX_CORE_THEME = 300;
export const MAX_RESEARCH_QUESTION = 1000;
