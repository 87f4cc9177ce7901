/** The wall's part of its arena: its clusters and notes are what an arena can adopt as its ambition. */
import type { KindArena } from '../arena-contract.js';
import { groupNotes, type WallData, type WallStep } from './model.js';

export const wallArena: KindArena<WallData, WallStep> = {
  ambition: (data, step) =>
    step.columns.flatMap((column) =>
      groupNotes({ ...data, notes: data.notes.filter((n) => !n.hidden) }, column.id).flatMap((g) => [
        ...(g.cluster?.title ? [g.cluster.title] : []),
        ...g.notes.map((n) => n.text),
      ]),
    ),
};
