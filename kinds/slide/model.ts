/**
 * Slide: text for the room (welcome, introduction, instructions), and optionally an
 * image the facilitator uploads from the console (a praktijkvoorbeeld, the inleiding's
 * picture), shown on the screen and the phones. No contributions.
 */
import type { KindModel } from '../../core/kind.js';
import type { SlideEvent, SlideImage, SlideStep } from './schema.js';

export type { SlideEvent, SlideImage, SlideStep } from './schema.js';

export interface SlideData {
  image?: SlideImage;
}

export const SLIDE_EVENTS = {
  imageSet: 'slide.image-set',
  imageCleared: 'slide.image-cleared',
} as const;

export const slideModel: KindModel<SlideData, SlideEvent, SlideStep> = {
  kind: 'slide',
  init: () => ({}),
  apply(data, event) {
    if (event.type === SLIDE_EVENTS.imageSet) data.image = { ...event.payload };
    else delete data.image;
  },
  project: (data) => (data.image ? { image: { ...data.image } } : {}),
  audience: () => ({ screen: true, participants: 'all' }),
};
