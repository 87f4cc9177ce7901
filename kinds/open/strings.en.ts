/** The texts of open questions in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'count.answers.one': '{n} answer',
  'count.answers.other': '{n} answers',
  'kind.open': 'Open questions',
  'open.placeholder': 'Type your answer…',
  'open.save': 'Save',
  'open.edit': 'Change',
  'open.cancel': 'Cancel',
  'open.yours': 'Your answer',
  'open.hidden-until-reveal': 'The answers appear when the facilitator shows them.',
  'open.no-answers': 'No answers yet.',
};
