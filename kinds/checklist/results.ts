/**
 * The group's answers per item, ordered by how much is still to gain: for the
 * heat map on the screen and the console, the harvest, and a questions step that
 * takes the checklist as inspiration. Apart from model.ts, so phones (which never
 * see the answers) do not load it.
 */
import { getOwn } from '../../core/records.js';
import { scaleOf, type ChecklistItem, type ChecklistStep } from './model.js';

export interface ItemResult {
  item: ChecklistItem;
  /** Ratings per scale point, in the scale's order. */
  counts: number[];
  /** Participants who rated the item. */
  raters: number;
  /**
   * How much is still to gain, 0 to 1: each rating's `gain` (nog niet 1, deels ½, doen
   * we al 0), over everybody who rated the item; "weet ik niet" counts as nothing to
   * gain yet, so an item few know about does not top the list on one rating.
   */
  gain: number;
  /** Ratings at the scale's highest gain ("nog niet"). */
  most: number;
}

/** The scale point(s) with the highest gain: "nog niet" on the default scale. */
export function mostGainPoints(step: ChecklistStep): string[] {
  const scale = scaleOf(step);
  const top = Math.max(...scale.map((p) => p.gain ?? -1));
  return scale.filter((p) => p.gain === top).map((p) => p.id);
}

/** Every item with its answers, most to gain first; equal gain: more "nog niet" first, then items somebody rated, then the script's order. */
export function checklistResults(step: ChecklistStep, counts: Readonly<Record<string, Readonly<Record<string, number>>>>): ItemResult[] {
  const scale = scaleOf(step);
  const most = mostGainPoints(step);
  const rows = step.items.map((item, order) => {
    const own = getOwn(counts, item.id) ?? {};
    const n = scale.map((p) => Math.max(0, getOwn(own, p.id) ?? 0));
    const raters = n.reduce((a, b) => a + b, 0);
    const gained = scale.reduce((sum, p, i) => sum + n[i]! * (p.gain ?? 0), 0);
    return { item, counts: n, raters, gain: raters ? gained / raters : 0, most: scale.reduce((sum, p, i) => sum + (most.includes(p.id) ? n[i]! : 0), 0), order };
  });
  rows.sort((a, b) => b.gain - a.gain || b.most - a.most || Number(!a.raters) - Number(!b.raters) || a.order - b.order);
  return rows.map(({ order: _order, ...row }) => row);
}

/** The items someone rated "nog niet", most often first: what a questions step shows as inspiration. */
export function notYet(step: ChecklistStep, counts: Readonly<Record<string, Readonly<Record<string, number>>>>, limit = 10): ItemResult[] {
  return checklistResults(step, counts)
    .filter((r) => r.most > 0)
    .sort((a, b) => b.most - a.most || b.gain - a.gain)
    .slice(0, limit);
}

/** 0.4166 → "42%" */
export const percent = (share: number) => `${Math.round(share * 100)}%`;
