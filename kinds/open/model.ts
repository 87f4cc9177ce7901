/**
 * Open questions: each participant answers one or more questions in a few
 * sentences (one answer per question, which they can rewrite). The room sees how
 * many answered; the answers themselves reach the screen when the facilitator
 * reveals them, so nobody anchors on the first loud answer.
 */
import type { KindModel } from '../../core/kind.js';
import { getOwn, setOwn } from '../../core/records.js';
import { insertBySeq } from '../order.js';
import type { OpenEvent, OpenStep } from './schema.js';

export type { Answered, AnswerHidden, OpenEvent, OpenQuestion, OpenStep } from './schema.js';

export interface Answer {
  id: string;
  questionId: string;
  text: string;
  /** Participant id; only the facilitator and the author see it. */
  author?: string;
  at: number;
  /** Position in the log of the first answer: the order answers stand in, everywhere. */
  seq: number;
  hidden: boolean;
}

export interface OpenData {
  answers: Answer[];
  /** Answers per question, kept for views that do not get the answers yet. */
  counts: Record<string, number>;
}

export const OPEN_EVENTS = {
  answered: 'open.answered',
  hidden: 'open.answer-hidden',
} as const;

const sees = (viewerRole: string, revealed: boolean) => viewerRole === 'facilitator' || revealed;

export const openModel: KindModel<OpenData, OpenEvent, OpenStep> = {
  kind: 'open',
  /** Answers stay off the screen until the facilitator reveals them. */
  revealable: true,
  init: (step) => ({ answers: [], counts: Object.fromEntries(step.questions.map((q) => [q.id, 0])) }),

  /** The visible answers, in the order they came in (a view that may not see them yet holds none). */
  items: (data) => data.answers.filter((a) => !a.hidden).map((a) => ({ id: a.id, text: a.text, size: 1 })),

  apply(data, event) {
    switch (event.type) {
      case OPEN_EVENTS.answered: {
        const { answerId, questionId, text, first } = event.payload;
        const existing = data.answers.find((a) => a.id === answerId);
        // A rewrite approved after its first answer was rejected (moderation) is a first answer after all.
        if (first || (text !== undefined && !existing)) setOwn(data.counts, questionId, (getOwn(data.counts, questionId) ?? 0) + 1);
        if (text === undefined) break;
        if (existing) {
          existing.text = text;
          existing.at = event.at;
        } else
          insertBySeq(data.answers, { id: answerId, questionId, text, ...(event.actor.id ? { author: event.actor.id } : {}), at: event.at, seq: event.seq, hidden: false });
        break;
      }
      case OPEN_EVENTS.hidden: {
        const { answerId, hidden, answer, remove } = event.payload;
        const existing = data.answers.find((a) => a.id === answerId);
        // A view drops a hidden answer unless it is its own (only the author's phone holds an answer's author).
        if (remove && !existing?.author) data.answers = data.answers.filter((a) => a.id !== answerId);
        else if (existing) existing.hidden = hidden;
        else if (answer && !hidden) insertBySeq(data.answers, { ...answer, hidden: false });
        break;
      }
    }
  },

  project(data, viewer, { revealed }) {
    if (viewer.role === 'participant') {
      // A phone holds its own answers, and counts only those; once revealed (so a later vote can
      // read them) also the room's visible answers, without their authors, and the room's counts.
      const mine = (a: Answer) => a.author === viewer.participantId;
      const answers = data.answers.filter((a) => mine(a) || (revealed && !a.hidden)).map(({ author, ...a }) => (author === viewer.participantId ? { ...a, author } : a));
      const counts = revealed ? { ...data.counts } : Object.fromEntries(Object.keys(data.counts).map((q) => [q, answers.filter((a) => a.questionId === q).length]));
      return { answers, counts };
    }
    const answers = sees(viewer.role, revealed) ? data.answers.filter((a) => !a.hidden).map(({ author: _author, ...a }) => a) : [];
    return { answers, counts: { ...data.counts } };
  },

  contribution: (event) => (event.type === OPEN_EVENTS.answered ? event.payload.text : undefined),

  audience(event, data, { revealed }) {
    switch (event.type) {
      case OPEN_EVENTS.answered: {
        // Before the reveal other phones get nothing; the author gets their own answer back.
        // The rewrite of a hidden answer stays off the screen and other phones.
        const existing = data.answers.find((a) => a.id === event.payload.answerId);
        const everyone = revealed && !existing?.hidden;
        return { screen: !existing?.hidden, participants: everyone ? 'all' : event.actor.id ? [event.actor.id] : 'none' };
      }
      case OPEN_EVENTS.hidden: {
        const author = data.answers.find((a) => a.id === event.payload.answerId)?.author;
        return { screen: true, participants: revealed ? 'all' : author ? [author] : 'none' };
      }
      default:
        return { screen: false, participants: 'none' };
    }
  },

  redact(event, viewer, { revealed }) {
    const own = viewer.role === 'participant' && event.actor.id === viewer.participantId;
    if (event.type === OPEN_EVENTS.hidden && event.payload.hidden) return { ...event, payload: { ...event.payload, remove: true } };
    if (own || sees(viewer.role, revealed)) return event;
    if (event.type === OPEN_EVENTS.answered) {
      const { text: _text, ...payload } = event.payload;
      return { ...event, payload };
    }
    if (event.type === OPEN_EVENTS.hidden) {
      const { answer: _answer, ...payload } = event.payload;
      return { ...event, payload };
    }
    return event;
  },
};
