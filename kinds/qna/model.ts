/**
 * Vragen aan de spreker: after a praktijkvoorbeeld or an inleiding, participants
 * ask the presenter questions, anonymously, and lift each other's questions with
 * a vote. The facilitator hides what does not belong; the presenter (or the
 * facilitator) marks a question answered.
 *
 * Votes are ballots, `{ questionId, voter }`: the facilitator holds every one, the
 * screen holds them with the voter left blank (it only counts), and a phone holds
 * its own. So each view can apply the vote events it receives and still end where
 * a fresh projection puts it; a phone never receives other people's votes (that
 * would cost phones × votes deliveries) and shows no counts.
 *
 * No view but the facilitator's holds an author, the author's phone included: a new
 * question reaches every phone as one broadcast copy, which cannot name its author to
 * one of them. A phone knows its own questions by the ids it sent (Participant.svelte).
 */
import type { KindModel } from '../../core/kind.js';
import { insertBySeq } from '../order.js';
import type { QnaEvent, QnaStep } from './schema.js';

export type { QnaEvent, QnaStep, QuestionAsked, QuestionHidden, QuestionVoted } from './schema.js';

export interface Question {
  id: string;
  text: string;
  /** Participant id; only the facilitator sees it. */
  author?: string;
  at: number;
  seq: number;
  hidden: boolean;
  answered: boolean;
}

export interface Ballot {
  questionId: string;
  /** Participant id; blank on the screen, which only counts. */
  voter: string;
}

export interface QnaData {
  questions: Question[];
  ballots: Ballot[];
}

export const QNA_EVENTS = {
  asked: 'qna.asked',
  voted: 'qna.voted',
  hidden: 'qna.hidden',
  answered: 'qna.answered',
} as const;

export const DEFAULT_MAX_QUESTIONS = 5;

const withoutAuthor = <Q extends { author?: string }>({ author: _a, ...rest }: Q): Omit<Q, 'author'> => rest;

export const qnaModel: KindModel<QnaData, QnaEvent, QnaStep> = {
  kind: 'qna',
  init: () => ({ questions: [], ballots: [] }),

  apply(data, event) {
    switch (event.type) {
      case QNA_EVENTS.asked: {
        const author = event.actor.id;
        insertBySeq(data.questions, { id: event.id, text: event.payload.text, ...(author ? { author } : {}), at: event.at, seq: event.seq, hidden: false, answered: false });
        break;
      }
      case QNA_EVENTS.voted: {
        const { questionId, up } = event.payload;
        const voter = event.actor.id ?? '';
        if (up) {
          // Kept sorted, so every view holds the same list whatever order the votes came and went in.
          const at = data.ballots.findIndex((b) => b.questionId > questionId || (b.questionId === questionId && b.voter > voter));
          data.ballots.splice(at < 0 ? data.ballots.length : at, 0, { questionId, voter });
        } else {
          const at = data.ballots.findIndex((b) => b.questionId === questionId && b.voter === voter);
          if (at >= 0) data.ballots.splice(at, 1);
        }
        break;
      }
      case QNA_EVENTS.hidden: {
        const { questionId, hidden, question, remove } = event.payload;
        const existing = data.questions.find((q) => q.id === questionId);
        if (remove) data.questions = data.questions.filter((q) => q.id !== questionId);
        else if (existing) existing.hidden = hidden;
        else if (question && !hidden) insertBySeq(data.questions, { ...question, hidden: false });
        break;
      }
      case QNA_EVENTS.answered: {
        const question = data.questions.find((q) => q.id === event.payload.questionId);
        if (question) question.answered = event.payload.answered;
        break;
      }
    }
  },

  project(data, viewer) {
    const questions = data.questions.filter((q) => !q.hidden).map(withoutAuthor);
    if (viewer.role === 'participant') {
      const me = viewer.participantId;
      return { questions, ballots: data.ballots.filter((b) => b.voter === me).map((b) => ({ ...b })) };
    }
    return { questions, ballots: data.ballots.map((b) => ({ questionId: b.questionId, voter: '' })) };
  },

  contribution: (event) => (event.type === QNA_EVENTS.asked ? event.payload.text : undefined),

  audience(event) {
    switch (event.type) {
      case QNA_EVENTS.voted:
        return { screen: true, participants: event.actor.id ? [event.actor.id] : 'none' };
      default:
        return { screen: true, participants: 'all' };
    }
  },

  redact(event) {
    if (event.type !== QNA_EVENTS.hidden) return event;
    const { questionId, hidden, question } = event.payload;
    // The screen and the phones drop a hidden question; shown again, it comes back with its text, never its author.
    if (hidden) return { ...event, payload: { questionId, hidden, remove: true } };
    return question ? { ...event, payload: { ...event.payload, question: withoutAuthor(question) } } : event;
  },
};
