/** Slide: text for the room (welcome, introduction, instructions). No contributions. */
import type { KindModel } from '../../core/kind.js';
import type { SlideStep } from './schema.js';

export type { SlideStep } from './schema.js';

export type SlideData = Record<string, never>;

export const slideModel: KindModel<SlideData, never, SlideStep> = {
  kind: 'slide',
  init: () => ({}),
  apply: () => {},
  project: () => ({}),
  audience: () => ({ screen: false, participants: 'none' }),
};
