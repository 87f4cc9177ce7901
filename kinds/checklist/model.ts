/**
 * The wat-werkt check (checklist): the group lays its current approach against a
 * checklist of what works from research. Each participant rates each item on a
 * short scale (doen we al / deels / nog niet / weet ik niet), with an optional
 * comment, and may change a rating. The room sees how many answered; the heat map
 * of the answers reaches the screen when the facilitator reveals it. Comments reach
 * the facilitator and the harvest only, never the screen. Phones load this file
 * (not results.ts) when a session has a checklist.
 */
import type { KindModel } from '../../core/kind.js';
import { getOwn, setOwn } from '../../core/records.js';
import { notYet } from './results.js';
import type { ChecklistEvent, ChecklistStep, ScalePoint } from './schema.js';

export type { ChecklistEvent, ChecklistItem, ChecklistStep, Rated, ScalePoint } from './schema.js';

export interface Rating {
  id: string;
  itemId: string;
  point: string;
  comment?: string;
  /** Participant id; only the facilitator and the one rating see it. */
  author?: string;
  at: number;
  seq: number;
}

export interface ChecklistData {
  /** The facilitator: every rating; a phone: its own; the screen: none. */
  ratings: Rating[];
  /** How many participants rated at least one item; a phone counts only itself. */
  raters: number;
  /** Per item, ratings per scale point; null where the answers may not be seen: phones, and the screen until revealed. */
  counts: Record<string, Record<string, number>> | null;
}

export const CHECKLIST_EVENTS = {
  rated: 'checklist.rated',
} as const;

/** The scale when a script gives none: `gain` is how much is still to gain with that answer. */
export const DEFAULT_SCALE: readonly ScalePoint[] = [
  { id: 'al', text: 'doen we al', gain: 0 },
  { id: 'deels', text: 'deels', gain: 0.5 },
  { id: 'nog-niet', text: 'nog niet', gain: 1 },
  { id: 'weet-niet', text: 'weet ik niet' },
];

export const scaleOf = (step: ChecklistStep): readonly ScalePoint[] => step.scale ?? DEFAULT_SCALE;

const emptyCounts = (step: ChecklistStep) =>
  Object.fromEntries(step.items.map((item) => [item.id, Object.fromEntries(scaleOf(step).map((p) => [p.id, 0]))]));

export const checklistModel: KindModel<ChecklistData, ChecklistEvent, ChecklistStep> = {
  kind: 'checklist',
  /** The heat map stays off the screen until the facilitator reveals it. */
  revealable: true,
  init: (step) => ({ ratings: [], raters: 0, counts: emptyCounts(step) }),
  /** For a later step's `from:`: the items most rated "nog niet", once the viewer may see the answers (the screen's after the reveal). */
  items: (data, step) => (data.counts ? notYet(step, data.counts).map((r) => ({ id: r.item.id, text: r.item.text, size: r.most })) : []),

  apply(data, event) {
    if (event.type !== CHECKLIST_EVENTS.rated) return;
    const { first, ratingId, itemId, point, previous, comment } = event.payload;
    if (first) data.raters++;
    if (itemId === undefined || point === undefined) return;
    // Item and point ids come from the script, checked by the command: still own keys only (core/records.ts).
    const counts = data.counts && getOwn(data.counts, itemId);
    if (counts) {
      if (previous !== undefined) setOwn(counts, previous, (getOwn(counts, previous) ?? 0) - 1);
      setOwn(counts, point, (getOwn(counts, point) ?? 0) + 1);
    }
    if (ratingId === undefined) return;
    const rating = data.ratings.find((r) => r.id === ratingId);
    if (rating) {
      rating.point = point;
      rating.at = event.at;
      if (comment === undefined) delete rating.comment;
      else rating.comment = comment;
    } else
      data.ratings.push({
        id: ratingId,
        itemId,
        point,
        ...(comment === undefined ? {} : { comment }),
        ...(event.actor.id ? { author: event.actor.id } : {}),
        at: event.at,
        seq: event.seq,
      });
  },

  project(data, viewer, { revealed }) {
    if (viewer.role === 'participant') {
      const ratings = data.ratings.filter((r) => r.author === viewer.participantId).map((r) => ({ ...r }));
      return { ratings, raters: ratings.length ? 1 : 0, counts: null };
    }
    const counts = viewer.role === 'facilitator' || revealed ? data.counts && Object.fromEntries(Object.entries(data.counts).map(([id, c]) => [id, { ...c }])) : null;
    return { ratings: viewer.role === 'facilitator' ? data.ratings.map((r) => ({ ...r })) : [], raters: data.raters, counts };
  },

  // Every rating moves the screen's count; a phone gets its own back and nobody else's.
  audience: ({ actor }) => ({ screen: true, participants: actor.id ? [actor.id] : 'none' }),

  redact(event, viewer, { revealed }) {
    if (viewer.role === 'participant' && event.actor.id === viewer.participantId) return event;
    const { first, itemId, point, previous } = event.payload;
    return { ...event, payload: viewer.role === 'screen' && revealed ? { first, itemId, point, ...(previous === undefined ? {} : { previous }) } : { first } };
  },
};
