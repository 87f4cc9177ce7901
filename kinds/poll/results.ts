/**
 * A poll's results as rows, for the chart on the screen and the console and for
 * the harvest. Apart from model.ts, so phones (which never see results) do not load it.
 */
import { getOwn } from '../../core/records.js';
import { choiceKeys, type PollStep } from './model.js';

export interface ResultRow {
  /** Option id, or the scale value as text. */
  id: string;
  text: string;
  count: number;
  /** Share of the voters who chose it, 0 to 1 (on multiple choice the shares add up to more than 1). */
  share: number;
}

export interface PollResults {
  rows: ResultRow[];
  voters: number;
  /** The highest count, which a chart scales its bars to. */
  top: number;
  /** On a scale: the mean value, when anybody voted. */
  mean?: number;
}

export function pollResults(step: PollStep, counts: Record<string, number>, voters: number): PollResults {
  const texts = new Map((step.options ?? []).map((o) => [o.id, o.text]));
  const rows = choiceKeys(step).map((id) => {
    const count = Math.max(0, getOwn(counts, id) ?? 0);
    return { id, text: texts.get(id) ?? id, count, share: voters ? count / voters : 0 };
  });
  const top = Math.max(0, ...rows.map((r) => r.count));
  if (step.mode !== 'scale') return { rows, voters, top };
  const n = rows.reduce((sum, r) => sum + r.count, 0);
  const mean = n ? rows.reduce((sum, r) => sum + Number(r.id) * r.count, 0) / n : undefined;
  return { rows, voters, top, ...(mean === undefined ? {} : { mean }) };
}

/** 0.4166 → "42%" */
export const percent = (share: number) => `${Math.round(share * 100)}%`;
