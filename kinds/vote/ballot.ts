/**
 * What a vote votes on and how it came out. The ballot is read from the earlier
 * step's data in the session state the server or the view holds; the vote's
 * own data holds only dots. Pure; used by the server, the console and the
 * screen. A phone uses `phoneBallot` (model.ts) instead.
 */
import { getOwn } from '../../core/records.js';
import type { SessionState } from '../../core/state.js';
import { itemsOf, sourceOf, type SourceItem } from '../questions/items.js';
import { dotsOf, type VoteData, type VoteStep } from './model.js';

/** The steps a vote can read from. */
export const VOTE_SOURCES = ['questions', 'wall', 'open', 'action'] as const;

/**
 * The items on the ballot: the source's visible items that are still on its list
 * (unmerged questions; a wall's clusters and loose notes; an open step's answers).
 * Undefined when `from` names no earlier step of a kind a vote reads.
 */
export function ballot(state: SessionState, step: VoteStep): SourceItem[] | undefined {
  const source = sourceOf(state, step);
  if (!source || !(VOTE_SOURCES as readonly string[]).includes(source.kind)) return undefined;
  return itemsOf(state, source, step.fromColumn);
}

export interface Ranked extends SourceItem {
  dots: number;
  /** 1 for the most dots; items with equal dots share a rank (1, 2, 2, 4). */
  rank: number;
  /** Among the `choose` the group picks for certain: with at least one dot, and all its equals fit within the cut too. */
  chosen: boolean;
  /** In a tie that straddles the cut: the group chooses between these, so none of them is chosen yet. */
  tie: boolean;
}

/**
 * The result, most dots first; equal counts keep the ballot's order and share a
 * rank. Dots on items no longer on the ballot (merged or hidden since) do not
 * count. An item is chosen only when it and every item with as many dots fit
 * within `choose`; a tie that straddles the cut is a tie, not a choice, so no
 * more than `choose` are ever chosen and the group decides between the tied.
 */
export function ranking(items: readonly SourceItem[], data: VoteData, choose: number): Ranked[] {
  const counted = items.map((item) => ({ ...item, dots: getOwn(data.totals, item.id) ?? 0 }));
  const sorted = [...counted].sort((a, b) => b.dots - a.dots);
  return sorted.map((item) => {
    const rank = 1 + sorted.filter((other) => other.dots > item.dots).length;
    const last = rank - 1 + sorted.filter((other) => other.dots === item.dots).length;
    const inCut = item.dots > 0 && rank <= choose;
    return { ...item, rank, chosen: inCut && last <= choose, tie: inCut && last > choose };
  });
}

/** A participant's dots on the items of the ballot (dots on items that left it are theirs to place again). */
export function used(items: readonly SourceItem[], data: VoteData, participantId: string, except?: string): number {
  return items.reduce((sum, item) => sum + (item.id === except ? 0 : dotsOf(data, item.id, participantId)), 0);
}
