import Type from 'typebox';
import { getOwn } from '../../core/records.js';
import type { SessionState } from '../../core/state.js';
import { accept, cleanText, command, defineKind, note, paragraph, refuse, strong, type Decision, type HarvestBlock, type Inline } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { earlierMeetings, meetingsContext, meetingsContextSchema } from '../meetings-arena.js';
import { seatingChanged } from '../meetings.js';
import { FIELDS, interviewModel, INTERVIEW_EVENTS, noteIdOf, type Field, type InterviewData, type InterviewNote, type Texts } from './model.js';
import { events, FieldSchema, MAX_NOTE, stepSchema, type InterviewEvent, type InterviewStep, type Noted, type Paired, type Shared, type Swapped } from './schema.js';
import { pairUp, Regrouping, type Names } from './pairing.js';

/** How the harvest names the three fields. */
export const FIELD_TITLES: Record<Field, string> = {
  story: 'Het verhaal',
  strengths: 'Krachten en talenten',
  conditions: 'Wat het mogelijk maakte',
};

const Empty = Type.Object({}, { additionalProperties: false });
const NoteText = Type.String({ maxLength: MAX_NOTE });

const namesOf =
  (state: SessionState): Names =>
  (id) =>
    getOwn(state.participants, id)?.pseudonym;

const regrouped = (data: InterviewData, r: Regrouping): Decision =>
  accept(INTERVIEW_EVENTS.regrouped, { round: data.round, swaps: data.swaps, pairs: r.changed() } satisfies Paired);

const notStarted = () => refuse('not-found', 'No interview round has started yet.');

export const interview = defineKind<InterviewData, InterviewEvent, InterviewStep>()({
  ...interviewModel,
  stepSchema,

  events,
  arenaContext: meetingsContext,
  contextSchema: meetingsContextSchema,
  upcasters: {
    // Version 2 names the turn order; every swap before it took the next one round.
    [INTERVIEW_EVENTS.swapped]: [(v1: { swaps: number }): Swapped => ({ ...v1, turns: 'round' })],
  },
  commands: {
    /** A new round: everybody present, in pairs (one trio when odd). */
    'interview.pair': command({
      payload: Empty,
      roles: ['facilitator'],
      decide({ state, data, present, id }) {
        const round = data.round + 1;
        const pairs = pairUp(data, present, namesOf(state), id, round, earlierMeetings(state, 'interview'));
        if (!pairs.length) return refuse('not-found', 'Nobody is connected to pair yet.');
        return accept(INTERVIEW_EVENTS.paired, { round, swaps: 0, pairs } satisfies Paired);
      },
    }),
    /** Brings the round up to date with who is here: the absent leave, the alone and the unpaired get partners. */
    'interview.regroup': command({
      payload: Empty,
      roles: ['facilitator'],
      decide({ state, data, present }) {
        if (!data.round) return notStarted();
        const r = new Regrouping(data, namesOf(state));
        const here = new Set(present);
        for (const id of r.active()) if (!here.has(id)) r.leave(id);
        for (const pair of r.lonePairs()) r.rehome(pair);
        for (const id of present) r.place(id);
        if (!r.changed().length) return refuse('invalid', 'Everybody present already has a partner.');
        return regrouped(data, r);
      },
    }),
    /** Roles swap in every pair. The timer does not do this at zero: the facilitator decides, as for every timer. */
    'interview.swap': command({
      payload: Empty,
      roles: ['facilitator'],
      decide({ data }) {
        if (!data.round) return notStarted();
        return accept(INTERVIEW_EVENTS.swapped, { swaps: data.swaps + 1, turns: 'each-once' } satisfies Swapped);
      },
    }),
    /** A phone without a partner in this round asks for one (e.g. it was reconnecting when the pairs were made). */
    'interview.join': command({
      payload: Empty,
      roles: ['participant'],
      decide({ state, data, actor }) {
        if (!data.round) return notStarted();
        const r = new Regrouping(data, namesOf(state));
        if (!r.place(actor.id!)) return refuse('invalid', 'You already have a partner in this round.');
        return regrouped(data, r);
      },
    }),
    /** The notes about one person of the pair: all three fields, as they stand now. */
    'interview.note': command({
      payload: Type.Object(
        {
          pairId: EntityIdSchema,
          // Members are only ever added to a pair (left and returned ones keep their place), so an index can grow past three.
          about: Type.Integer({ minimum: 0, maximum: 10_000 }),
          story: NoteText,
          strengths: NoteText,
          conditions: NoteText,
        },
        { additionalProperties: false },
      ),
      roles: ['participant'],
      decide({ data, actor }, { pairId, about, ...fields }) {
        const pair = data.pairs.find((p) => p.id === pairId);
        if (!pair) return refuse('not-found', 'No such pair.');
        const me = pair.members.findIndex((m) => m.id === actor.id);
        if (me < 0) return refuse('forbidden', 'Only the members of a pair write its notes.');
        if (about === me) return refuse('forbidden', 'Your partner writes the notes about your story.');
        if (!pair.told.includes(about)) return refuse('invalid', 'This person has not told their story in this pair yet.');
        const note = data.notes.find((n) => n.id === noteIdOf(pairId, about));
        if (note && pair.members[me]!.since > note.seq!) return refuse('forbidden', 'These notes were begun before you joined the pair.');
        if (note?.shared.length) return refuse('forbidden', 'Shared notes stay as they were shared, unless the one interviewed stops sharing them.');
        const texts: Texts = {};
        for (const f of FIELDS) {
          const clean = cleanText(fields[f]);
          if (clean) texts[f] = clean;
        }
        if (!Object.keys(texts).length) return refuse('invalid', 'Write at least one of the story, the strengths and the conditions.');
        return accept(INTERVIEW_EVENTS.noted, { pairId, about, ...texts } satisfies Noted);
      },
    }),
    /** The one interviewed shares (some fields of) the notes about them, or stops sharing (no fields). */
    'interview.share': command({
      payload: Type.Object(
        { noteId: EntityIdSchema, fields: Type.Array(FieldSchema, { maxItems: FIELDS.length }) },
        { additionalProperties: false },
      ),
      roles: ['participant'],
      decide({ data, actor }, { noteId, fields }) {
        const note = data.notes.find((n) => n.id === noteId);
        const pair = note && data.pairs.find((p) => p.id === note.pairId);
        if (!note || !pair) return refuse('not-found', 'No such notes.');
        if (pair.members[note.about!]?.id !== actor.id) return refuse('forbidden', 'Only the person interviewed decides whether these notes are shared.');
        const chosen = FIELDS.filter((f) => fields.includes(f));
        if (chosen.some((f) => !note[f])) return refuse('invalid', 'Only a field with text can be shared.');
        const texts: Texts = {};
        for (const f of chosen) texts[f] = note[f]!;
        return accept(INTERVIEW_EVENTS.shared, { noteId, fields: chosen, texts } satisfies Shared);
      },
    }),
  },

  onPresence({ state, data }, change) {
    if (!data.round) return undefined;
    const r = new Regrouping(data, namesOf(state));
    return seatingChanged(r, change) ? regrouped(data, r) : undefined;
  },

  /** Leaving the server, a share keeps its text only while it stands: one withdrawn or shared again since leaves without. */
  exported(event, final) {
    if (event.type !== INTERVIEW_EVENTS.shared) return event;
    const p = event.payload;
    const note = final.notes.find((n) => n.id === p.noteId);
    return note?.shared.length && note.sharedSeq === event.seq ? event : { ...event, payload: { ...p, texts: {} } satisfies Shared };
  },

  harvest(data) {
    const shared = data.notes.filter((n) => n.shared.length).sort((a, b) => (a.sharedSeq ?? 0) - (b.sharedSeq ?? 0));
    const fields = FIELDS.map((f) => ({
      id: f,
      title: FIELD_TITLES[f],
      items: shared.filter((n) => n.shared.includes(f) && n[f]).map((n: InterviewNote) => ({ id: n.id, text: n[f]! })),
    }));
    const trios = data.pairs.filter((p) => p.members.filter((m) => m.status !== 'moved').length >= 3).length;
    const summary = { rounds: data.round, pairs: data.pairs.length, trios, interviews: data.notes.length, shared: shared.length };
    const blocks: HarvestBlock[] = [
      paragraph(
        strong('Ronden:'),
        ` ${summary.rounds} · `,
        strong('Gesprekken:'),
        ` ${summary.pairs}${trios ? ` (waarvan ${trios} met drie)` : ''} · `,
        strong('Gedeeld:'),
        ` ${summary.shared} van ${summary.interviews} interviews`,
      ),
      paragraph(note('Alleen wat de geïnterviewde zelf deelde, zonder namen.')),
    ];
    // Each story stays whole: what was told, with its strengths and what made it possible beneath it.
    const stories = shared.map((n) => FIELDS.filter((f) => n.shared.includes(f) && n[f]).map((f) => ({ field: f, text: n[f]! }))).filter((s) => s.length);
    const labelled = (f: { field: Field; text: string }): Inline[] => [strong(`${FIELD_TITLES[f.field]}:`), ' ', f.text];
    if (stories.length)
      blocks.push({
        type: 'list',
        ordered: true,
        items: stories.map(([first, ...rest]) => ({ text: first!.field === 'story' ? [first!.text] : labelled(first!), sub: rest.map(labelled) })),
      });
    else blocks.push(paragraph(note('Niets gedeeld.')));
    const rows = stories.flatMap((story, i) => story.map((f) => ({ group: FIELD_TITLES[f.field], cluster: `Verhaal ${i + 1}`, text: f.text })));
    return { data: { ...summary, fields }, blocks, rows };
  },

  glance(data) {
    const shared = data.notes.filter((n) => n.shared.length).length;
    if (!data.notes.length) return [];
    return [paragraph(`${data.notes.length} ${data.notes.length === 1 ? 'interview' : 'interviews'} in ${data.pairs.length} ${data.pairs.length === 1 ? 'gesprek' : 'gesprekken'}; ${shared} ${shared === 1 ? 'verhaal' : 'verhalen'} gedeeld.`)];
  },
});
