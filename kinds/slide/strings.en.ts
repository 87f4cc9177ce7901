/** The texts of the slide in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'kind.slide': 'Slide',
};
