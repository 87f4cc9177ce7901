/**
 * Waarderend interview (step 2 of Waarderend veranderen): the server pairs the
 * participants present (one trio when the count is odd), partners interview each
 * other about a peak experience and swap roles on the facilitator's signal, and
 * the one who asks notes the story, the strengths and the conditions. The notes
 * stay within the pair until the one who told shares them; shared notes go to a
 * wall of successes, talents and strengths, without names.
 *
 * What each view holds:
 * - a phone: the pairs it is part of, its partners by pseudonym only (no ids), and
 *   those pairs' notes begun since it joined the pair;
 * - the screen: nameless pairs (to show progress) and the shared notes, with only
 *   their shared fields;
 * - the facilitator: pseudonyms, counts and shared text, never unshared text:
 *   the kind sets `guardsFacilitator`, so `project` and `redact` answer for the
 *   facilitator too.
 */
import type { KindModel } from '../../core/kind.js';
import type { Viewer } from '../../core/protocol.js';
import { bySharedSeq, copyPair, hasMember, madeAfter, nameless, noteIdOf, pairsOf, readers, rotate, seenBy, sharedOnly } from './pairs.js';
import type { InterviewEvent, InterviewStep, Noted, Paired, Shared } from './schema.js';

export type { InterviewEvent, InterviewStep, Noted, Paired, PairState, Shared, Swapped } from './schema.js';

export { activeCount, mayRead, nextActive, nextUntold, noteIdOf } from './pairs.js';

export const FIELDS = ['story', 'strengths', 'conditions'] as const;
export type Field = (typeof FIELDS)[number];
export type Texts = Partial<Record<Field, string>>;

export const DEFAULT_GUIDE = [
  'Vertel over een moment waarop het echt goed werkte.',
  'Wat maakte dat mogelijk?',
  'Wat was jouw bijdrage?',
  'Wat zegt dat over wat we waarderen?',
];
export const DEFAULT_TELLER_GUIDE =
  'Vertel over een moment waarop het echt goed werkte: wat gebeurde er, wie waren erbij, wat deed jij? Je partner vraagt door en schrijft mee.';
export const DEFAULT_WALL_TITLE = 'Successen, talenten en krachten';

import type { Seat as Member } from '../meetings.js';

export type { SeatStatus as MemberStatus, Seat as Member } from '../meetings.js';

export interface Pair {
  /** `r<round>-<n>` */
  id: string;
  round: number;
  /** Only ever added to: an index names the same person for the pair's whole life. */
  members: Member[];
  /** Indices into `members`: who asks and who tells now; -1 while fewer than two are active. */
  interviewer: number;
  interviewee: number;
  /** Members who have told (or tell now): notes may be written about them. */
  told: number[];
}

export interface InterviewNote {
  /** `<pairId>-m<about>`: one note per person interviewed in a pair. */
  id: string;
  /** Not on the screen. */
  pairId?: string;
  /** Index of the member the note is about. Not on the screen. */
  about?: number;
  story?: string;
  strengths?: string;
  conditions?: string;
  /** Fields with text, also where the text itself is not held. Not on the screen. */
  filled?: Field[];
  /** Fields the one interviewed agreed to share: these are on the wall. */
  shared: Field[];
  /** Seq of the share that put the note on the wall as it is: the wall's order. */
  sharedSeq?: number;
  /** First written (seq) and last written (ms). Not on the screen. */
  seq?: number;
  at?: number;
}

export interface InterviewData {
  /** 0 until the first pairing. */
  round: number;
  /** Role swaps in this round. */
  swaps: number;
  pairs: Pair[];
  notes: InterviewNote[];
}

export const INTERVIEW_EVENTS = {
  paired: 'interview.paired',
  regrouped: 'interview.regrouped',
  swapped: 'interview.swapped',
  noted: 'interview.noted',
  shared: 'interview.shared',
} as const;

const filledOf = (texts: Texts) => FIELDS.filter((f) => !!texts[f]);

function applyNoted(data: InterviewData, event: { payload: Noted; seq: number; at: number }) {
  const p = event.payload;
  const id = noteIdOf(p.pairId, p.about);
  let note = data.notes.find((n) => n.id === id);
  if (!note) {
    note = { id, pairId: p.pairId, about: p.about, shared: [], seq: event.seq, at: event.at };
    data.notes.push(note);
  }
  for (const f of FIELDS) {
    if (p[f]) note[f] = p[f];
    else delete note[f];
  }
  note.filled = p.filled ? [...p.filled] : filledOf(p);
  note.at = event.at;
}

function applyShared(data: InterviewData, event: { payload: Shared; seq: number }) {
  const p = event.payload;
  const at = data.notes.findIndex((n) => n.id === p.noteId);
  if (p.remove) {
    if (at >= 0) data.notes.splice(at, 1);
    return;
  }
  let note: InterviewNote | undefined = data.notes[at];
  if (p.public && note === undefined) {
    // The screen meets a note when it is shared; the wall stands in order of sharing.
    note = { id: p.noteId, shared: [] };
    data.notes.push(note);
  } else if (p.public && note && note.pairId === undefined) {
    data.notes.splice(at, 1);
    data.notes.push(note);
  }
  if (!note) return;
  note.shared = [...p.fields];
  if (p.fields.length) note.sharedSeq = event.seq;
  if (!p.public) return;
  for (const f of FIELDS) {
    if (p.texts[f] !== undefined && p.fields.includes(f)) note[f] = p.texts[f];
    else delete note[f];
  }
}

export const interviewModel: KindModel<InterviewData, InterviewEvent, InterviewStep> = {
  kind: 'interview',
  // Notes belong to the pair until the one interviewed shares them: the facilitator too sees only what is shared.
  guardsFacilitator: true,
  /** Who met whom across the arena is for the server's pairing and the console only. */
  contextFor: () => undefined,
  init: () => ({ round: 0, swaps: 0, pairs: [], notes: [] }),

  apply(data, event) {
    switch (event.type) {
      case INTERVIEW_EVENTS.paired:
      case INTERVIEW_EVENTS.regrouped: {
        const p = event.payload;
        data.round = p.round;
        data.swaps = p.swaps;
        for (const pair of p.pairs) {
          const next: Pair = { ...pair, members: pair.members.map((m) => ({ ...m, since: m.since ?? event.seq })), told: [...pair.told] };
          const at = data.pairs.findIndex((x) => x.id === pair.id);
          if (at >= 0) data.pairs[at] = next;
          else {
            // In the order they were made, also on a phone that meets an older pair later.
            const after = data.pairs.findIndex((x) => madeAfter(x, next));
            data.pairs.splice(after < 0 ? data.pairs.length : after, 0, next);
          }
        }
        break;
      }
      case INTERVIEW_EVENTS.swapped:
        data.swaps = event.payload.swaps;
        for (const pair of data.pairs) if (pair.round === data.round) rotate(pair, event.payload.turns);
        break;
      case INTERVIEW_EVENTS.noted:
        applyNoted(data, event);
        break;
      case INTERVIEW_EVENTS.shared:
        applyShared(data, event);
        break;
    }
  },

  project(data, viewer) {
    if (viewer.role === 'participant') {
      const me = viewer.participantId;
      const mine = data.pairs.filter((p) => hasMember(p, me));
      const since = new Map(mine.map((p) => [p.id, p.members.find((m) => m.id === me)!.since]));
      const ever = mine.length > 0;
      return {
        round: ever ? data.round : 0,
        swaps: ever ? data.swaps : 0,
        pairs: mine.map((p) => seenBy(p, me) as Pair),
        notes: data.notes
          .filter((n) => since.has(n.pairId!) && since.get(n.pairId!)! <= n.seq!)
          .map((n) => ({ ...n, shared: [...n.shared], ...(n.filled ? { filled: [...n.filled] } : {}) })),
      };
    }
    if (viewer.role === 'screen') {
      return {
        round: data.round,
        swaps: data.swaps,
        pairs: data.pairs.map((p) => nameless(p) as Pair),
        notes: data.notes
          .filter((n) => n.shared.length)
          .sort(bySharedSeq)
          .map((n) => {
            const { pairId: _p, about: _a, filled: _f, seq: _s, at: _t, ...shown } = sharedOnly(n);
            return shown;
          }),
      };
    }
    return { round: data.round, swaps: data.swaps, pairs: data.pairs.map(copyPair), notes: data.notes.map(sharedOnly) };
  },

  audience(event, data) {
    switch (event.type) {
      case INTERVIEW_EVENTS.paired: {
        // Everybody paired in this step before hears of the new round, so no phone keeps showing an old pair as its own.
        const ids = new Set<string>();
        for (const pair of [...data.pairs, ...event.payload.pairs]) for (const m of pair.members) if (m.id) ids.add(m.id);
        return { screen: true, participants: [...ids] };
      }
      case INTERVIEW_EVENTS.regrouped: {
        const ids = new Set<string>();
        for (const pair of event.payload.pairs) for (const m of pair.members) if (m.id) ids.add(m.id);
        return { screen: true, participants: [...ids] };
      }
      case INTERVIEW_EVENTS.swapped: {
        const ids = new Set<string>();
        for (const pair of data.pairs) for (const m of pair.members) if (m.id) ids.add(m.id);
        return { screen: true, participants: [...ids] };
      }
      case INTERVIEW_EVENTS.noted: {
        const p = event.payload;
        return { screen: false, participants: readers(data, noteIdOf(p.pairId, p.about), p.pairId) };
      }
      case INTERVIEW_EVENTS.shared: {
        const note = data.notes.find((n) => n.id === event.payload.noteId);
        return { screen: true, participants: note ? readers(data, note.id, note.pairId) : [] };
      }
      default:
        return { screen: false, participants: 'none' };
    }
  },

  redact(event, viewer: Viewer) {
    switch (event.type) {
      case INTERVIEW_EVENTS.paired:
      case INTERVIEW_EVENTS.regrouped: {
        if (viewer.role === 'facilitator') return event;
        const p = event.payload;
        const pairs =
          viewer.role === 'participant' ? pairsOf(p, viewer.participantId ?? '').map((pair) => seenBy(pair, viewer.participantId)) : p.pairs.map(nameless);
        return { ...event, payload: { ...p, pairs } satisfies Paired };
      }
      case INTERVIEW_EVENTS.noted: {
        // Phones get this only when they may read it; a facilitator that may not, gets which fields have text.
        if (viewer.role !== 'facilitator') return event;
        const { pairId, about } = event.payload;
        return { ...event, payload: { pairId, about, filled: filledOf(event.payload) } satisfies Noted };
      }
      case INTERVIEW_EVENTS.shared: {
        if (viewer.role === 'participant') return event;
        const p = event.payload;
        const remove = viewer.role === 'screen' && p.fields.length === 0;
        return { ...event, payload: { ...p, public: true, ...(remove ? { remove: true } : {}) } satisfies Shared };
      }
      default:
        return event;
    }
  },
};
