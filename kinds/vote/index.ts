import Type from 'typebox';
import { getOwn } from '../../core/records.js';
import type { StepDef } from '../../core/state.js';
import { accept, command, defineKind, note, paragraph, refuse, type HarvestBlock } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { checkFrom, sourceOf } from '../questions/items.js';
import { ballot, ranking, used, VOTE_SOURCES, type Ranked } from './ballot.js';
import { voteRecap } from './recap.js';
import { dotsOf, voteModel, VOTE_EVENTS, voteRules, type VoteData } from './model.js';
import { events, MAX_DOTS, stepSchema, type DotsPlaced, type Released, type VoteClosed, type VoteEvent, type VoteStep } from './schema.js';

/**
 * `from` and `fromColumn`: with the script's steps (as the loader passes them),
 * `from` must name an earlier step of a kind in `VOTE_SOURCES` (and `fromColumn` one of a wall's columns).
 * Without them (a single step), only what the step itself shows is checked.
 */
export const checkVoteStep = (step: StepDef, steps?: readonly StepDef[]) => checkFrom(step, VOTE_SOURCES, steps);

/** Participants with at least one dot down once `participantId` has the given dots on the given items. */
function votersAfter(data: VoteData, participantId: string, changes: ReadonlyMap<string, number>): number {
  const sums = new Map<string, number>();
  for (const [item, byVoter] of Object.entries(data.dots))
    for (const [voter, n] of Object.entries(byVoter)) if (voter !== participantId || !changes.has(item)) sums.set(voter, (sums.get(voter) ?? 0) + n);
  for (const n of changes.values()) sums.set(participantId, (sums.get(participantId) ?? 0) + n);
  return [...sums.values()].filter((n) => n > 0).length;
}

/**
 * The voter's dots on items off the ballot to take back so that, with `dots` on
 * `itemId`, their dots on every item, on the ballot or not, fit the budget. A dot
 * freed by hiding an item is the voter's to move, but once moved it is gone from
 * the hidden item: showing the item again cannot make it count twice.
 */
function toRelease(data: VoteData, onBallot: ReadonlySet<string>, voter: string, itemId: string, dots: number, budget: number): Released[] {
  const held = Object.keys(data.dots)
    .filter((id) => id !== itemId && dotsOf(data, id, voter) > 0)
    .sort();
  let excess = held.reduce((sum, id) => sum + dotsOf(data, id, voter), dots) - budget;
  const released: Released[] = [];
  for (const id of held) {
    if (excess <= 0) break;
    if (onBallot.has(id)) continue;
    const have = dotsOf(data, id, voter);
    const taken = Math.min(have, excess);
    excess -= taken;
    released.push({ itemId: id, dots: have - taken, total: (getOwn(data.totals, id) ?? 0) - taken });
  }
  return released;
}

const CHART_BARS = 15;
/** What the ballot's items are, by the kind of the step they come from. */
const ITEM_HEAD = new Map([
  ['questions', 'Vraag'],
  ['wall', 'Briefje of groep'],
  ['open', 'Antwoord'],
  ['action', 'Actie'],
]);

/** An item's outcome as the harvest writes it: chosen, a tie at the cut, or nothing. */
export const OUTCOME = { chosen: '✓ gekozen', tie: 'gelijke stand — de groep kiest' } as const;
const outcome = (r: Ranked) => (r.chosen ? OUTCOME.chosen : r.tie ? OUTCOME.tie : '');

export const vote = defineKind<VoteData, VoteEvent, VoteStep>()({
  ...voteModel,
  stepSchema,
  checkStep: checkVoteStep,

  events,
  commands: {
    'vote.place': command({
      payload: Type.Object({ itemId: EntityIdSchema, dots: Type.Integer({ minimum: 0, maximum: MAX_DOTS }) }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ state, step, data, actor }, { itemId, dots }) {
        if (data.closed) return refuse('closed', 'The vote is closed: dots can no longer be placed or moved.');
        const items = ballot(state, step);
        if (!items) return refuse('not-found', `This vote reads from "${step.from}", which is not an earlier ${VOTE_SOURCES.join(', ')} step.`);
        if (!items.some((i) => i.id === itemId)) return refuse('not-found', 'This item is not on the ballot (any more).');
        const rules = voteRules(step);
        if (dots > rules.maxPerItem) return refuse('limit-reached', `At most ${rules.maxPerItem} dot(s) on one item.`);
        const elsewhere = used(items, data, actor.id!, itemId);
        if (elsewhere + dots > rules.dots) return refuse('limit-reached', `You have ${rules.dots} dots and ${rules.dots - elsewhere} left for this item.`);
        const before = dotsOf(data, itemId, actor.id!);
        const released = toRelease(data, new Set(items.map((i) => i.id)), actor.id!, itemId, dots, rules.dots);
        const changes = new Map([...released.map((r) => [r.itemId, r.dots!] as const), [itemId, dots]]);
        return accept(VOTE_EVENTS.placed, {
          itemId,
          dots,
          total: (getOwn(data.totals, itemId) ?? 0) - before + dots,
          voters: votersAfter(data, actor.id!, changes),
          ...(released.length ? { released } : {}),
        } satisfies DotsPlaced);
      },
    }),
    'vote.close': command({
      payload: Type.Object({ closed: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide: (_ctx, { closed }) => accept(VOTE_EVENTS.closed, { closed } satisfies VoteClosed),
    }),
  },

  harvest(data, step, state) {
    const rules = voteRules(step);
    const items = ballot(state, step);
    const source = sourceOf(state, step);
    const result = ranking(items ?? [], data, rules.choose);
    const onBallot = new Set(result.map((r) => r.id));
    const uncounted = Object.entries(data.totals).reduce((sum, [id, n]) => sum + (onBallot.has(id) ? 0 : n), 0);
    const blocks: HarvestBlock[] = [
      paragraph(
        `${data.voters} ${data.voters === 1 ? 'deelnemer stemde' : 'deelnemers stemden'} met elk ${rules.dots} ${rules.dots === 1 ? 'stip' : 'stippen'}, ` +
          `hoogstens ${rules.maxPerItem} per item. De groep kiest er ${rules.choose}.`,
      ),
    ];
    if (!items) blocks.push(paragraph(note('De stap waarop gestemd werd, ontbreekt.')));
    else if (!result.length) blocks.push(paragraph(note('Er stond niets op de stemlijst.')));
    else {
      const shared = (rank: number) => result.filter((r) => r.rank === rank).length > 1;
      blocks.push(
        {
          type: 'table',
          head: ['Plaats', 'Stippen', ITEM_HEAD.get(source?.kind ?? '') ?? 'Item', 'Gekozen'],
          rows: result.map((r) => [`${r.rank}${shared(r.rank) ? ' (gedeeld)' : ''}`, String(r.dots), r.text, outcome(r)]),
        },
        // A chart reads at a glance up to some fifteen bars; the table above has every item.
        {
          type: 'chart',
          title: result.length > CHART_BARS ? `Stippen per item (de eerste ${CHART_BARS})` : 'Stippen per item',
          bars: result.slice(0, CHART_BARS).map((r) => ({ label: r.text, value: r.dots })),
        },
      );
      const tied = result.filter((r) => r.tie).length;
      if (tied) {
        const open = rules.choose - result.filter((r) => r.chosen).length;
        blocks.push(paragraph(note(`Gelijke stand rond plaats ${rules.choose}: de groep kiest er nog ${open} uit de ${tied} gelijk geëindigde items.`)));
      }
    }
    if (uncounted)
      blocks.push(paragraph(note(`${uncounted} ${uncounted === 1 ? 'stip stond' : 'stippen stonden'} op items die daarna zijn samengevoegd of verborgen; ${uncounted === 1 ? 'die telt' : 'die tellen'} niet mee.`)));
    return {
      blocks,
      rows: result.map((r) => ({ text: r.text, votes: r.dots, ...(outcome(r) ? { outcome: outcome(r) } : {}) })),
      data: {
        from: step.from,
        ...rules,
        voters: data.voters,
        closed: data.closed,
        uncounted,
        items: result.map(({ id, text, dots, rank, chosen, tie }) => ({ id, text, dots, rank, chosen, tie })),
      },
    };
  },

  /** What the group chose, in order, with the dots each got; a tie at the cut says so. */
  glance(data, step, state) {
    const result = ranking(ballot(state, step) ?? [], data, voteRules(step).choose).filter((r) => r.chosen || r.tie);
    if (!result.length) return [];
    return [
      {
        type: 'list',
        ordered: true,
        items: result.map((r) => ({ text: [r.text, ' ', note(`(${r.dots} ${r.dots === 1 ? 'stip' : 'stippen'}${r.tie ? ', gelijke stand' : ''})`)] })),
      },
    ];
  },
  arena: { recap: voteRecap },
});
