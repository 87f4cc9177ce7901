import { defineKind } from '../definition.js';
import { slideModel, type SlideData } from './model.js';
import { events, stepSchema, type SlideStep } from './schema.js';

export const slide = defineKind<SlideData, never, SlideStep>()({
  ...slideModel,
  stepSchema,
  events,
  commands: {},
  harvest: () => ({ data: {}, blocks: [], rows: [] }),
});
