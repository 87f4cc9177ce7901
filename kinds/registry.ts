/**
 * Every exercise kind the server knows. Adding a kind: copy a folder under
 * kinds/, rename it, and add one line here. The browser finds the kind's
 * model.ts and views by folder name, so nothing else changes.
 */
import type { Models } from '../core/session.js';
import { action } from './action/index.js';
import type { KindDefinition } from './definition.js';
import { checklist } from './checklist/index.js';
import { groups } from './groups/index.js';
import { interview } from './interview/index.js';
import { open } from './open/index.js';
import { photo } from './photo/index.js';
import { poll } from './poll/index.js';
import { qna } from './qna/index.js';
import { questions } from './questions/index.js';
import { recap } from './recap/index.js';
import { slide } from './slide/index.js';
import { smallwin } from './smallwin/index.js';
import { vote } from './vote/index.js';
import { wall } from './wall/index.js';
import { wordcloud } from './wordcloud/index.js';

const registered = [slide, open, wall, poll, wordcloud, questions, vote, interview, smallwin, qna, checklist, action, groups, recap, photo] as const;

export const kinds: readonly KindDefinition[] = registered;

/** Every kind with its own types, e.g. its commands' payload schemas: the views' `send` is typed from them (client/lib/commands.ts). */
export type RegisteredKind = (typeof registered)[number];

export const kindByName: ReadonlyMap<string, KindDefinition> = new Map(kinds.map((k) => [k.kind, k]));

/** The pure part of every kind, for the session reducer. */
export const models: Models = Object.fromEntries(kinds.map((k) => [k.kind, k]));
