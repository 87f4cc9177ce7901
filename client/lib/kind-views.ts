/**
 * Views of exercise kinds, found by folder: `kinds/<kind>/Console.svelte`,
 * `Screen.svelte` and `Participant.svelte` (and, where a kind has one, `Presenter.svelte`,
 * the screen page's `?view=presenter`). Each page globs its own role's views,
 * so a phone never loads the console's code.
 */
import type { Component } from 'svelte';
import type { StepDef, StepState } from '../../core/state.js';
import type { Session } from './session.svelte.js';

export interface KindViewProps<S extends StepDef = StepDef, D = unknown> {
  step: S;
  stepState: StepState<D>;
  session: Session;
}

/** What a view module exports: the component. Whether a step can be revealed is its model's (`KindModel.revealable`). */
export interface KindViewModule {
  default: Component<KindViewProps<any, any>>;
  /**
   * Screen views: the smallest scale (`--fit`) at which their text still reads from the back
   * of the room; below it the screen leaves items out and counts them (`fit.ts`). Default 0.3.
   */
  readableScale?: number;
  /** Screen views: the step's prompt stays in the header even when the stage needs the room (an instruction the room works from). */
  keepsPrompt?: boolean;
  /** Participant views: the prompt the phone shows above the view, when it changes during the step (default: the step's own). */
  prompt?: (step: any, stepState: StepState<any>) => string | undefined;
}

/**
 * What a kind's part of the arena page (`kinds/<kind>/Arena.svelte`) receives: the
 * arena and its key, for the kind's own arena API (`KindArena.routes`), and `loads`,
 * which counts the page's reloads (a session started or deleted): read it to load again.
 */
export interface ArenaPartProps {
  arenaId: string;
  key: string;
  loads: number;
}

/** `../../kinds/wall/Screen.svelte` → `wall` */
export const kindOf = (path: string) => path.split('/').slice(-2)[0]!;

/** `{'../../kinds/wall/Screen.svelte': module}` → `{wall: module}` */
export function byKind<M>(modules: Record<string, M>): Record<string, M> {
  return Object.fromEntries(Object.entries(modules).map(([path, module]) => [kindOf(path), module]));
}
