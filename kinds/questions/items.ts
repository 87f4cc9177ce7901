/**
 * The items of an earlier step (`from: <step-id>`): what a questions step shows
 * as inspiration and what a vote step votes on. Read from the session state the
 * server or the view already holds, so each role sees exactly what its
 * projection of that step allows: the screen no hidden note, no open answer
 * before its reveal. Pure; used by the server, the console and the screen
 * (phones do not load it: it pulls in the source kinds' models).
 */
import type { SourceItem } from '../../core/kind.js';
import type { Models } from '../../core/session.js';
import { getOwn } from '../../core/records.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { actionModel } from '../action/model.js';
import { checklistModel } from '../checklist/model.js';
import { openModel } from '../open/model.js';
import { wallModel, type WallStep } from '../wall/model.js';
import { questionsModel } from './model.js';

export type { SourceItem } from '../../core/kind.js';

/**
 * The kinds whose steps a later step can read with `from:`: each says what it offers
 * in its model's `items`. A kind becomes a source by giving its model `items` and
 * adding it here; a reading step names which of these it accepts (`checkFrom`).
 */
const SOURCES: Models = Object.fromEntries([questionsModel, wallModel, openModel, actionModel, checklistModel].map((m) => [m.kind, m]));

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
 * Visible items of `source` in the order the room saw them, as the source's kind
 * offers them (`KindModel.items`): a wall's clusters (by title) and loose notes,
 * column by column; a questions step the questions still on its list; an open step
 * its answers; a checklist the items most rated "nog niet". `models`: where to find the source's kind, by default the sources above
 * (a phone passes the models it loaded, so it loads no other kind's code for this).
 */
export function itemsOf(state: SessionState, source: StepDef, column?: string, models: Models = SOURCES): SourceItem[] {
  const data = state.stepStates[source.id]?.data;
  const model = getOwn(models, source.kind);
  return data && model?.items ? model.items(data, source, column) : [];
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
