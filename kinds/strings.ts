/**
 * Every kind's Dutch UI strings, by kind: for the type of `t()` (client/lib/i18n),
 * whose key type includes every kind's keys, and for the server, which writes a
 * kind's Dutch name in harvests. Pages import the type only, so no kind's strings
 * reach a page through this file. Adding a kind: one line here beside its
 * `strings.ts`; a test checks that every kind folder is named.
 */
import { getOwn } from '../core/records.js';
import { nl as action } from './action/strings.js';
import { nl as checklist } from './checklist/strings.js';
import { nl as groups } from './groups/strings.js';
import { nl as interview } from './interview/strings.js';
import { nl as open } from './open/strings.js';
import { nl as photo } from './photo/strings.js';
import { nl as poll } from './poll/strings.js';
import { nl as qna } from './qna/strings.js';
import { nl as questions } from './questions/strings.js';
import { nl as recap } from './recap/strings.js';
import { nl as slide } from './slide/strings.js';
import { nl as smallwin } from './smallwin/strings.js';
import { nl as vote } from './vote/strings.js';
import { nl as wall } from './wall/strings.js';
import { nl as wordcloud } from './wordcloud/strings.js';

const dutch = { action, checklist, groups, interview, open, photo, poll, qna, questions, recap, slide, smallwin, vote, wall, wordcloud };

export type KindMessageKey = { [K in keyof typeof dutch]: keyof (typeof dutch)[K] }[keyof typeof dutch];

/** A kind's Dutch name (`kind.<kind>` in its strings), as the facilitator's pages and the harvests write it; its code name if it has none. */
export function kindLabel(kind: string): string {
  const strings: Readonly<Record<string, string>> | undefined = getOwn<Readonly<Record<string, string>>>(dutch, kind);
  return strings?.[`kind.${kind}`] ?? kind;
}
