import Type from 'typebox';
import { accept, cleanText, command, defineKind, MAX_TEXT, paragraph, refuse, strong, type HarvestBlock, type HarvestRow } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { DEFAULT_MAX_QUESTIONS, qnaModel, QNA_EVENTS, type QnaData } from './model.js';
import { ranked } from './ranking.js';
import { events, stepSchema, type QnaEvent, type QnaStep, type QuestionAsked, type QuestionHidden, type QuestionVoted } from './schema.js';

/** Questions one step holds, hidden ones included: a room of hundreds asks far fewer; this bounds a flood. */
export const MAX_QUESTIONS_PER_STEP = 300;

const questionPayload = Type.Object({ questionId: EntityIdSchema, answered: Type.Boolean() }, { additionalProperties: false });

export const qna = defineKind<QnaData, QnaEvent, QnaStep>()({
  ...qnaModel,
  stepSchema,
  events,
  commands: {
    'qna.ask': command({
      payload: Type.Object({ text: Type.String({ maxLength: MAX_TEXT }) }, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor }, { text }) {
        const clean = cleanText(text);
        if (!clean) return refuse('invalid', 'A question cannot be empty.');
        if (data.questions.length >= MAX_QUESTIONS_PER_STEP) return refuse('limit-reached', `At most ${MAX_QUESTIONS_PER_STEP} questions in one step.`);
        const max = step.maxQuestions ?? DEFAULT_MAX_QUESTIONS;
        if (actor.id && data.questions.filter((q) => q.author === actor.id).length >= max)
          return refuse('limit-reached', `At most ${max} questions per participant in this step.`);
        return accept(QNA_EVENTS.asked, { text: clean } satisfies QuestionAsked);
      },
    }),
    'qna.vote': command({
      payload: Type.Object({ questionId: EntityIdSchema, up: Type.Boolean() }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ data, actor }, { questionId, up }) {
        const question = data.questions.find((q) => q.id === questionId && !q.hidden);
        if (!question) return refuse('not-found', 'No such question.');
        if (question.author === actor.id) return refuse('forbidden', 'You cannot vote for your own question.');
        const voted = data.ballots.some((b) => b.questionId === questionId && b.voter === actor.id);
        if (up && voted) return refuse('limit-reached', 'One vote per question.');
        if (!up && !voted) return refuse('not-found', 'You have no vote on this question to take back.');
        return accept(QNA_EVENTS.voted, { questionId, up } satisfies QuestionVoted);
      },
    }),
    'qna.hide': command({
      payload: Type.Object({ questionId: EntityIdSchema, hidden: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { questionId, hidden }) {
        const question = data.questions.find((q) => q.id === questionId);
        if (!question) return refuse('not-found', 'No such question.');
        const { hidden: _h, ...shown } = question;
        return accept(QNA_EVENTS.hidden, { questionId, hidden, ...(hidden ? {} : { question: shown }) } satisfies QuestionHidden);
      },
    }),
    // The presenter's one power: the screen link's view for the presenter (?view=presenter) marks questions answered.
    'qna.answer': command({
      payload: questionPayload,
      roles: ['facilitator', 'screen'],
      decide({ data }, { questionId, answered }) {
        if (!data.questions.some((q) => q.id === questionId && !q.hidden)) return refuse('not-found', 'No such question.');
        return accept(QNA_EVENTS.answered, { questionId, answered });
      },
    }),
  },

  harvest(data) {
    const questions = ranked(data);
    const blocks: HarvestBlock[] = [];
    const rows: HarvestRow[] = [];
    if (questions.length) {
      const answered = questions.filter((q) => q.answered).length;
      blocks.push(paragraph(`${questions.length} ${questions.length === 1 ? 'vraag' : 'vragen'}, ${answered} beantwoord.`));
      blocks.push({
        type: 'table',
        head: ['Vraag', 'Stemmen', 'Beantwoord'],
        right: [1],
        rows: questions.map((q) => [q.text, String(q.votes), q.answered ? 'ja' : 'nee']),
      });
    }
    for (const q of questions) rows.push({ text: q.text, votes: q.votes, outcome: q.answered ? 'beantwoord' : 'niet beantwoord', at: new Date(q.at).toISOString() });
    return {
      data: { questions: questions.map((q) => ({ id: q.id, text: q.text, votes: q.votes, answered: q.answered, at: new Date(q.at).toISOString() })) },
      blocks,
      rows,
    };
  },

  /** How many questions, how many answered, and the one the room most wanted answered. */
  glance(data) {
    const questions = ranked(data);
    if (!questions.length) return [];
    const top = questions[0]!;
    const answered = questions.filter((q) => q.answered).length;
    const count = `${questions.length} ${questions.length === 1 ? 'vraag' : 'vragen'}, ${answered} beantwoord`;
    if (!top.votes) return [paragraph(`${count}.`)];
    return [paragraph(`${count}; de meest gesteunde (${top.votes} ${top.votes === 1 ? 'stem' : 'stemmen'}): `, strong(top.text))];
  },
});
