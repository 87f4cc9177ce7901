/**
 * Ontwerpvragen ("Hoe kunnen we …?"): participants write design questions that
 * start with the step's prefix. The screen shows the growing list, never who
 * wrote what. The facilitator merges duplicates (one question absorbs others),
 * edits wording and hides improper questions. A later vote step votes on the list.
 *
 * Phones hold their own questions while the room writes. When the facilitator
 * puts the list on the phones (`step.reveal` on this step), every phone gets
 * everybody's visible questions, to read and to vote on, and the writing round
 * closes for participants. Not sooner, because sending each new question to
 * every phone while a room of hundreds writes costs phones × questions
 * deliveries; and not while writing, because a phone that gets a question over
 * the all-phones broadcast cannot tell it is its own.
 *
 * Phones load this file when their session has a step of this kind: keep it small.
 */
import type { KindModel } from '../../core/kind.js';
import { insertBySeq } from '../order.js';
import type { QuestionsEvent, QuestionsStep } from './schema.js';

export type { QuestionAsked, QuestionEdited, QuestionHidden, QuestionsEvent, QuestionsMerged, QuestionsStep, QuestionUnmerged } from './schema.js';

export const DEFAULT_PREFIX = 'Hoe kunnen we';

export interface Question {
  id: string;
  text: string;
  /** Participant id; only the facilitator and the author see it. */
  author?: string;
  at: number;
  /** Position in the log: the order questions stand in, everywhere. */
  seq: number;
  hidden: boolean;
  /** The question that absorbed this one: it is off the list, its text kept under the survivor. */
  mergedInto?: string;
  /** The facilitator changed the wording. */
  edited?: boolean;
}

export interface QuestionsData {
  questions: Question[];
}

export const QUESTIONS_EVENTS = {
  asked: 'questions.asked',
  hidden: 'questions.hidden',
  merged: 'questions.merged',
  unmerged: 'questions.unmerged',
  edited: 'questions.edited',
} as const;

/** On the list: visible and not absorbed by another question. */
export const listed = (q: Question) => !q.hidden && !q.mergedInto;

export const questionsModel: KindModel<QuestionsData, QuestionsEvent, QuestionsStep> = {
  kind: 'questions',
  /** The reveal puts everybody's questions on the phones, from the view's own button. */
  revealable: true,
  revealControl: 'view',
  init: () => ({ questions: [] }),

  /** The questions still on the list, each counting the ones merged into it. */
  items: ({ questions }) =>
    questions.filter(listed).map((q) => ({ id: q.id, text: q.text, size: 1 + questions.filter((m) => m.mergedInto === q.id && !m.hidden).length })),

  apply(data, event) {
    const list = data.questions;
    const find = (id: string) => list.find((x) => x.id === id);
    switch (event.type) {
      case QUESTIONS_EVENTS.asked:
        insertBySeq(list, { id: event.id, text: event.payload.text, ...(event.actor.id ? { author: event.actor.id } : {}), at: event.at, seq: event.seq, hidden: false });
        break;
      case QUESTIONS_EVENTS.hidden: {
        const p = event.payload;
        const q = find(p.questionId);
        if (q && p.drop && !q.author) list.splice(list.indexOf(q), 1);
        else if (q) q.hidden = p.hidden;
        else if (p.question && !p.hidden) insertBySeq(list, { ...p.question, hidden: false });
        break;
      }
      case QUESTIONS_EVENTS.merged: {
        const { questionIds, targetId } = event.payload;
        for (const x of list) if (questionIds.includes(x.id) || questionIds.includes(x.mergedInto!)) x.mergedInto = targetId;
        break;
      }
      case QUESTIONS_EVENTS.unmerged: {
        const q = find(event.payload.questionId);
        if (q) delete q.mergedInto;
        break;
      }
      case QUESTIONS_EVENTS.edited: {
        const q = find(event.payload.questionId);
        if (q) {
          q.text = event.payload.text;
          q.edited = true;
        }
      }
    }
  },

  project(data, viewer, { revealed }) {
    const me = viewer.role === 'participant' ? viewer.participantId : undefined;
    const questions: Question[] = [];
    for (const { author, ...q } of data.questions) {
      // A phone: its own (hidden ones flagged, so the author knows), and once shared, everybody's visible ones.
      if (me && author === me) questions.push({ ...q, author });
      else if (!q.hidden && (!me || revealed)) questions.push(q);
    }
    return { questions };
  },

  contribution: (event) => (event.type === QUESTIONS_EVENTS.asked ? event.payload.text : undefined),

  audience(event, data, { revealed }) {
    // Before the list is shared, a phone hears only of its own questions.
    const authors = new Set<string>();
    if (event.type === QUESTIONS_EVENTS.asked) {
      if (event.actor.id) authors.add(event.actor.id);
    } else {
      const touches =
        event.type === QUESTIONS_EVENTS.merged
          ? (q: Question) => event.payload.questionIds.includes(q.id) || event.payload.questionIds.includes(q.mergedInto!)
          : (q: Question) => q.id === event.payload.questionId;
      for (const q of data.questions) if (touches(q) && q.author) authors.add(q.author);
    }
    return { screen: true, participants: revealed ? 'all' : [...authors] };
  },

  redact(event) {
    return event.type === QUESTIONS_EVENTS.hidden && event.payload.hidden ? { ...event, payload: { ...event.payload, drop: true } } : event;
  },
};
