/**
 * Poll (peiling): one question, answered by picking one option, several options,
 * or a point on a scale. Each participant has one vote and may change it until
 * the facilitator closes the poll. The room sees how many voted; the distribution
 * reaches the screen when the facilitator reveals it, and then follows new votes
 * live. Phones load this file (and not results.ts) when a session has a poll.
 */
import type { KindModel } from '../../core/kind.js';
import { getOwn, setOwn } from '../../core/records.js';
import type { PollEvent, PollStep } from './schema.js';

export type { PollClosed, PollEvent, PollOption, PollScale, PollStep, Voted } from './schema.js';

export interface Vote {
  id: string;
  /** Option ids in the step's order; on a scale the one value as text ("4"). */
  choices: string[];
  /** Participant id; only the facilitator and the voter see it. */
  author?: string;
  at: number;
  /** Position in the log of the first vote: it keeps its place when changed. */
  seq: number;
}

export interface PollData {
  /** The facilitator: every vote; a phone: its own; the screen: none. */
  votes: Vote[];
  /** How many participants voted; a phone counts only itself. */
  voters: number;
  /** Votes per choice (`choiceKeys`); null where the distribution may not be seen: phones, and the screen until revealed. */
  counts: Record<string, number> | null;
  closed: boolean;
}

export const POLL_EVENTS = {
  voted: 'poll.voted',
  closed: 'poll.closed',
} as const;

/** The keys votes are counted under: the option ids, or every value of the scale as text. */
export function choiceKeys(step: PollStep): string[] {
  if (step.mode !== 'scale') return (step.options ?? []).map((o) => o.id);
  const keys: string[] = [];
  for (let v = step.scale!.min; v <= step.scale!.max; v++) keys.push(String(v));
  return keys;
}

export const pollModel: KindModel<PollData, PollEvent, PollStep> = {
  kind: 'poll',
  /** The distribution stays off the screen until the facilitator reveals it. */
  revealable: true,
  init: (step) => ({ votes: [], voters: 0, counts: Object.fromEntries(choiceKeys(step).map((k) => [k, 0])), closed: false }),

  apply(data, event) {
    if (event.type === POLL_EVENTS.closed) data.closed = event.payload.closed;
    if (event.type !== POLL_EVENTS.voted) return;
    const { actor, at, seq } = event;
    const { first, choices, previous, voteId } = event.payload;
    const counts = data.counts;
    if (first) data.voters++;
    if (!choices) return;
    if (counts) {
      // Choices are option ids: own keys only (core/records.ts).
      for (const c of previous ?? []) setOwn(counts, c, (getOwn(counts, c) ?? 0) - 1);
      for (const c of choices) setOwn(counts, c, (getOwn(counts, c) ?? 0) + 1);
    }
    const vote = data.votes.find((v) => v.id === voteId);
    if (vote) {
      vote.choices = [...choices];
      vote.at = at;
    } else if (voteId) data.votes.push({ id: voteId, choices: [...choices], ...(actor.id ? { author: actor.id } : {}), at, seq });
  },

  project(data, viewer, { revealed }) {
    const phone = viewer.role === 'participant';
    const votes = phone ? data.votes.filter((v) => v.author === viewer.participantId).map((v) => ({ ...v, choices: [...v.choices] })) : [];
    return {
      votes,
      voters: phone ? votes.length : data.voters,
      counts: !phone && revealed && data.counts ? { ...data.counts } : null,
      closed: data.closed,
    };
  },

  // Every vote moves the screen's count; phones get their own vote back, and all of them hear of closing.
  audience: ({ type, actor }) => ({
    screen: true,
    participants: type === POLL_EVENTS.closed ? 'all' : actor.id ? [actor.id] : 'none',
  }),

  redact(event, viewer, { revealed }) {
    if (event.type !== POLL_EVENTS.voted || (viewer.role === 'participant' && event.actor.id === viewer.participantId)) return event;
    const { first, choices, previous } = event.payload;
    return { ...event, payload: viewer.role === 'screen' && revealed ? { first, choices, ...(previous ? { previous } : {}) } : { first } };
  },
};
