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
import type { StepDef } from '../../core/state.js';
import { insertBySeq } from '../order.js';

export interface QuestionsStep extends StepDef {
  kind: 'questions';
  /** Every question starts with this; default "Hoe kunnen we". */
  prefix?: string;
  /** Questions one participant may write; default 10. */
  maxQuestions?: number;
  /** An earlier step whose items the console and screen show as inspiration. */
  from?: string;
  /** Of a wall `from` step: only this column. */
  fromColumn?: string;
}

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

export interface QuestionAsked {
  text: string;
}
export interface QuestionHidden {
  questionId: string;
  hidden: boolean;
  /** On showing again: the question itself, for views that dropped it. */
  question?: Omit<Question, 'author' | 'hidden'>;
  /** For views that keep no hidden question but their own: drop it unless it carries your authorship. */
  drop?: boolean;
}
export interface QuestionsMerged {
  targetId: string;
  /** Absorbed into the target, with whatever they had absorbed themselves. */
  questionIds: string[];
}
export interface QuestionUnmerged {
  questionId: string;
}
export interface QuestionEdited {
  questionId: string;
  text: string;
}

type P = QuestionHidden & QuestionsMerged & QuestionEdited & QuestionAsked;

/** On the list: visible and not absorbed by another question. */
export const listed = (q: Question) => !q.hidden && !q.mergedInto;

export const questionsModel: KindModel<QuestionsData> = {
  kind: 'questions',
  /** The reveal puts everybody's questions on the phones, from the view's own button. */
  revealable: true,
  revealControl: 'view',
  init: () => ({ questions: [] }),

  apply(data, event) {
    const p = event.payload as P;
    const list = data.questions;
    const q = list.find((x) => x.id === p.questionId);
    switch (event.type) {
      case QUESTIONS_EVENTS.asked:
        insertBySeq(list, { id: event.id, text: p.text, ...(event.actor.id ? { author: event.actor.id } : {}), at: event.at, seq: event.seq, hidden: false });
        break;
      case QUESTIONS_EVENTS.hidden:
        if (q && p.drop && !q.author) list.splice(list.indexOf(q), 1);
        else if (q) q.hidden = p.hidden;
        else if (p.question && !p.hidden) insertBySeq(list, { ...p.question, hidden: false });
        break;
      case QUESTIONS_EVENTS.merged:
        for (const x of list) if (p.questionIds.includes(x.id) || p.questionIds.includes(x.mergedInto!)) x.mergedInto = p.targetId;
        break;
      case QUESTIONS_EVENTS.unmerged:
        if (q) delete q.mergedInto;
        break;
      case QUESTIONS_EVENTS.edited:
        if (q) {
          q.text = p.text;
          q.edited = true;
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

  contribution: (event) => (event.type === QUESTIONS_EVENTS.asked ? (event.payload as QuestionAsked).text : undefined),

  audience(event, data, { revealed }) {
    const p = event.payload as P;
    // Before the list is shared, a phone hears only of its own questions.
    const authors = new Set<string>();
    if (event.type === QUESTIONS_EVENTS.asked) {
      if (event.actor.id) authors.add(event.actor.id);
    } else
      for (const q of data.questions) {
        const touched = event.type === QUESTIONS_EVENTS.merged ? p.questionIds.includes(q.id) || p.questionIds.includes(q.mergedInto!) : q.id === p.questionId;
        if (touched && q.author) authors.add(q.author);
      }
    return { screen: true, participants: revealed ? 'all' : [...authors] };
  },

  redact(event) {
    const p = event.payload as QuestionHidden;
    return event.type === QUESTIONS_EVENTS.hidden && p.hidden ? { ...event, payload: { ...p, drop: true } } : event;
  },
};
