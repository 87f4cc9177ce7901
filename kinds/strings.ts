/**
 * The keys of every kind's UI strings, for the type of `t()` (client/lib/i18n): types
 * only, so no kind's strings reach a page through this file. Adding a kind: one line
 * here beside its `strings.ts`; a test checks that every kind folder is named.
 */
import type { nl as interview } from './interview/strings.js';
import type { nl as open } from './open/strings.js';
import type { nl as poll } from './poll/strings.js';
import type { nl as questions } from './questions/strings.js';
import type { nl as slide } from './slide/strings.js';
import type { nl as smallwin } from './smallwin/strings.js';
import type { nl as vote } from './vote/strings.js';
import type { nl as wall } from './wall/strings.js';
import type { nl as wordcloud } from './wordcloud/strings.js';

export type KindMessageKey =
  | keyof typeof interview
  | keyof typeof open
  | keyof typeof poll
  | keyof typeof questions
  | keyof typeof slide
  | keyof typeof smallwin
  | keyof typeof vote
  | keyof typeof wall
  | keyof typeof wordcloud;
