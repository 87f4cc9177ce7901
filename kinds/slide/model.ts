/** Slide: text for the room (welcome, introduction, instructions). No contributions. */
import type { KindModel } from '../../core/kind.js';
import type { StepDef } from '../../core/state.js';

export interface SlideStep extends StepDef {
  kind: 'slide';
  /** The slide's text; blank lines separate paragraphs, lines starting with "- " are bullets. */
  body?: string;
}

export type SlideData = Record<string, never>;

export const slideModel: KindModel<SlideData> = {
  kind: 'slide',
  init: () => ({}),
  apply: () => {},
  project: () => ({}),
  audience: () => ({ screen: false, participants: 'none' }),
};
