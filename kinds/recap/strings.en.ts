/** The texts of the recap in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'kind.recap': 'Since last time',
  'recap.since': 'Since {title}, {date}',
  'recap.first': 'This is the first meeting: there is nothing to look back on yet.',
  'recap.first.hint': 'From the second meeting of this arena on, this shows what happened since last time: the actions and where they stand, the chosen design questions, new small wins and those that moved on, and the answers to "What will you do differently tomorrow?".',
  'recap.nothing': 'Nothing was recorded in this arena since last time to look back on.',
  'recap.parts': 'What we look at',
  'recap.show': 'On the screen',
  'recap.on-screen': 'On the screen now',
  'recap.next': 'Next part',
  'recap.shown-before': 'shown',
  'recap.more': 'and {n} more',
  'recap.left-out.one': '+{n} line not in view',
  'recap.left-out.other': '+{n} lines not in view',
  'recap.waiting': 'Watch the screen: the facilitator shows where we stand.',
};
