/**
 * The items of an earlier step (`from: <step-id>`): what a questions step shows
 * as inspiration and what a vote step votes on. Read from the session state the
 * server or the view already holds, so each role sees exactly what its
 * projection of that step allows: the screen no hidden note, no open answer
 * before its reveal. Pure; used by the server, the console and the screen
 * (phones do not load it: it pulls in the wall's model).
 */
import type { SessionState, StepDef } from '../../core/state.js';
import type { ChecklistData, ChecklistStep } from '../checklist/model.js';
import { notYet } from '../checklist/results.js';
import type { OpenData } from '../open/model.js';
import { groupNotes, type WallData, type WallStep } from '../wall/model.js';
import { listed, type QuestionsData } from './model.js';

export interface SourceItem {
  id: string;
  text: string;
  /** How many contributions it stands for: the notes of a cluster, a question with the ones merged into it. */
  size: number;
}

export interface Sourced {
  from?: string;
  fromColumn?: string;
}

/** The step `step.from` names, when it is an earlier step of the session. */
export function sourceOf(state: SessionState, step: StepDef & Sourced): StepDef | undefined {
  const at = state.steps.findIndex((s) => s.id === step.from);
  return at >= 0 && at < state.steps.findIndex((s) => s.id === step.id) ? state.steps[at] : undefined;
}

/**
 * Visible items of `source` in the order the room saw them. A wall gives each
 * cluster (by its title) and each loose note, column by column; a questions step
 * the questions still on its list; an open step its answers; a checklist the items
 * most rated "nog niet" (once its answers may be seen: the screen's after the reveal).
 */
export function itemsOf(state: SessionState, source: StepDef, column?: string): SourceItem[] {
  const data = state.stepStates[source.id]?.data;
  if (!data) return [];
  if (source.kind === 'questions') {
    const all = (data as QuestionsData).questions;
    return all
      .filter(listed)
      .map((q) => ({ id: q.id, text: q.text, size: 1 + all.filter((m) => m.mergedInto === q.id && !m.hidden).length }));
  }
  if (source.kind === 'wall') {
    const wall = data as WallData;
    const visible = { ...wall, notes: wall.notes.filter((n) => !n.hidden) };
    return (source as WallStep).columns
      .filter((c) => !column || c.id === column)
      .flatMap((c) =>
        groupNotes(visible, c.id).flatMap(({ cluster, notes }) =>
          cluster
            ? notes.length
              ? [{ id: cluster.id, text: cluster.title, size: notes.length }]
              : []
            : notes.map((n) => ({ id: n.id, text: n.text, size: 1 })),
        ),
      );
  }
  if (source.kind === 'checklist') {
    const counts = (data as ChecklistData).counts;
    return counts ? notYet(source as ChecklistStep, counts).map((r) => ({ id: r.item.id, text: r.item.text, size: r.most })) : [];
  }
  if (source.kind === 'open') return (data as OpenData).answers.filter((a) => !a.hidden).map((a) => ({ id: a.id, text: a.text, size: 1 }));
  return [];
}

/**
 * Problems with `from` and `fromColumn`, as [path, message]. Without the
 * script's steps only what the step itself shows can be checked.
 */
export function checkFrom(step: StepDef & Sourced, kinds: readonly string[], steps?: readonly StepDef[]): [string, string][] {
  if (step.from === undefined)
    return step.fromColumn === undefined ? [] : [['/fromColumn', 'needs "from": the wall step whose column it names']];
  if (step.from === step.id) return [['/from', 'names this step itself; it must name an earlier step']];
  if (!steps) return [];
  const at = steps.findIndex((s) => s.id === step.from);
  const source = steps[at];
  if (!source) return [['/from', `names no step of this script: "${step.from}"`]];
  if (at > steps.findIndex((s) => s.id === step.id)) return [['/from', `must name an earlier step, but "${step.from}" comes later`]];
  if (!kinds.includes(source.kind))
    return [['/from', `"${step.from}" is ${/^[aeiou]/.test(source.kind) ? 'an' : 'a'} ${source.kind} step; it must be a ${kinds.join(' or ')} step`]];
  // The script's steps are of every kind, erased: a step named `wall` has the wall's settings (the loader checked them).
  if (step.fromColumn !== undefined && !(source.kind === 'wall' && (source as WallStep).columns.some((c) => c.id === step.fromColumn)))
    return [['/fromColumn', `"${step.fromColumn}" is not a column of the wall "${step.from}"`]];
  return [];
}
