/** The texts of the slide in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'kind.slide': 'Slide',
  'slide.image.add': 'Put an image on the slide',
  'slide.image.replace': 'Choose another image',
  'slide.image.remove': 'Remove the image',
  'slide.image.caption': 'Description of the image (for those who cannot see it)',
};
