/**
 * Dot voting on the items of an earlier step (`from`: a questions, wall or open step):
 * each participant has a budget of dots to spread over the items and can move
 * them until the facilitator closes the vote. The room sees how many voted; the
 * counts reach the screen when the facilitator reveals them.
 *
 * The items are not copied here: they are read from the earlier step's data,
 * by the server when it decides and by each view when it renders, so a merged
 * or hidden item leaves the vote at once. This data holds only the dots.
 *
 * Phones load this file when their session has a step of this kind: keep it small.
 */
import type { KindModel } from '../../core/kind.js';
import { getOwn, setOwn } from '../../core/records.js';
import type { SessionState } from '../../core/state.js';
import type { Models } from '../../core/session.js';
import type { DotsPlaced, VoteEvent, VoteStep } from './schema.js';

export type { DotsPlaced, Released, VoteClosed, VoteEvent, VoteStep } from './schema.js';

export const voteRules = (step: VoteStep) => {
  const dots = step.dots ?? 3;
  return { dots, maxPerItem: Math.min(step.maxPerItem ?? 1, dots), choose: step.choose ?? 3 };
};

export interface VoteData {
  /** itemId → participantId → dots: everybody's for the facilitator, only your own on a phone, none on the screen. */
  dots: Record<string, Record<string, number>>;
  /** itemId → all dots on it: for the facilitator, and for the screen once revealed. */
  totals: Record<string, number>;
  /** Participants with at least one dot down: for the facilitator and the screen. */
  voters: number;
  closed: boolean;
}

export const VOTE_EVENTS = {
  placed: 'vote.dots-placed',
  closed: 'vote.closed',
} as const;

/** A participant's dots on one item (item ids are client-made: own keys only, see core/records.ts). */
export function dotsOf(data: VoteData, itemId: string, participantId: string): number {
  const byVoter = getOwn(data.dots, itemId);
  return (byVoter && getOwn(byVoter, participantId)) ?? 0;
}

/**
 * One item after a placement: the voter's dots on it (when the view holds them) and its total (when the view sees totals).
 * Item ids are client-made (a question's command id): read and written as own keys only (core/records.ts).
 */
function setDots(data: VoteData, who: string | undefined, item: string, dots: number | undefined, total: number | undefined) {
  if (total === 0) delete data.totals[item];
  else if (total) setOwn(data.totals, item, total);
  if (!who || dots === undefined) return;
  const mine = getOwn(data.dots, item) ?? setOwn(data.dots, item, {});
  if (dots) setOwn(mine, who, dots);
  else delete mine[who];
  if (!Object.keys(mine).length) delete data.dots[item];
}

export const voteModel: KindModel<VoteData, VoteEvent, VoteStep> = {
  kind: 'vote',
  /** The totals stay off the screen until the facilitator reveals them. */
  revealable: true,
  init: () => ({ dots: {}, totals: {}, voters: 0, closed: false }),

  apply(data, event) {
    if (event.type === VOTE_EVENTS.closed) data.closed = event.payload.closed;
    if (event.type !== VOTE_EVENTS.placed) return;
    const p = event.payload;
    if (p.voters !== undefined) data.voters = p.voters;
    for (const r of p.released ?? []) setDots(data, event.actor.id, r.itemId, r.dots, r.total);
    if (p.itemId !== undefined) setDots(data, event.actor.id, p.itemId, p.dots, p.total);
  },

  project(data, viewer, { revealed }) {
    const me = viewer.participantId;
    if (!me) return { dots: {}, totals: revealed ? { ...data.totals } : {}, voters: data.voters, closed: data.closed };
    const dots: VoteData['dots'] = {};
    for (const [item, byVoter] of Object.entries(data.dots)) {
      const mine = getOwn(byVoter, me);
      if (mine) setOwn(dots, item, { [me]: mine });
    }
    return { dots, totals: {}, voters: 0, closed: data.closed };
  },

  audience: (event) =>
    event.type === VOTE_EVENTS.placed ? { screen: true, participants: event.actor.id ? [event.actor.id] : 'none' } : { screen: true, participants: 'all' },

  redact(event, viewer, { revealed }) {
    if (event.type !== VOTE_EVENTS.placed) return event;
    const { itemId, dots, total, voters, released } = event.payload;
    // The voter gets their own dots back; the screen how many voted, and the counts only once revealed.
    const payload: DotsPlaced =
      viewer.role === 'participant'
        ? { itemId, dots, ...(released ? { released: released.map((r) => ({ itemId: r.itemId, dots: r.dots })) } : {}) }
        : revealed
          ? { itemId, total, voters, ...(released ? { released: released.map((r) => ({ itemId: r.itemId, total: r.total })) } : {}) }
          : { voters };
    return { ...event, payload };
  },
};

/**
 * The ballot as a phone holds it: the items of the source step once the facilitator
 * has revealed it (a questions step's list put on the phones, an open step's answers
 * shown), read by the source kind's own model (`models`: those the phone loaded), so a
 * phone loads no other code for it. Before the reveal, and for a wall (a phone holds
 * only its own notes), there is no ballot to show.
 */
export function phoneBallot(state: SessionState, step: VoteStep, models: Models): { id: string; text: string }[] {
  const source = state.steps.find((s) => s.id === step.from);
  const stepState = source && state.stepStates[source.id];
  const model = source && getOwn(models, source.kind);
  if (!source || !stepState?.revealed || !model?.items) return [];
  return model.items(stepState.data, source, step.fromColumn);
}
