import Type from 'typebox';
import { accept, command, defineKind, FilePayload } from '../definition.js';
import { slideModel, SLIDE_EVENTS, type SlideData } from './model.js';
import { events, stepSchema, type SlideEvent, type SlideImage, type SlideStep } from './schema.js';

/** An image for the projector: 4 MB and 4096 × 4096 pixels at most; a slide keeps its latest, 20 uploads a step at most. */
export const SLIDE_FILES = { maxBytes: 4 * 1024 * 1024, maxPixels: 4096 * 4096, perStep: 20 } as const;

export const slide = defineKind<SlideData, SlideEvent, SlideStep>()({
  ...slideModel,
  stepSchema,
  events,
  files: { ...SLIDE_FILES, perParticipant: () => 0, roles: ['facilitator'], command: 'slide.image' },
  commands: {
    /** Sent by the file route once it stored the image (never from a socket): `KindFiles.command`. */
    'slide.image': command({
      payload: Type.Object(FilePayload, { additionalProperties: false }),
      roles: ['facilitator'],
      decide: (_ctx, { file, width, height, caption }) => accept(SLIDE_EVENTS.imageSet, { file, width, height, ...(caption ? { caption } : {}) } satisfies SlideImage),
    }),
    'slide.clear-image': command({
      payload: Type.Object({}, { additionalProperties: false }),
      roles: ['facilitator'],
      decide: () => accept(SLIDE_EVENTS.imageCleared, {}),
    }),
  },
  harvest: () => ({ data: {}, blocks: [], rows: [] }),
});
