import Type from 'typebox';
import { accept, cleanText, command, defineKind, MAX_TEXT, note, paragraph, refuse, type HarvestBlock } from '../definition.js';
import { duplicateIds, EntityIdSchema, StepIdSchema } from '../ids.js';
import { openArena } from './arena.js';
import { openModel, OPEN_EVENTS, type OpenData } from './model.js';
import { events, stepSchema, type Answered, type AnswerHidden, type OpenEvent, type OpenStep } from './schema.js';

export const open = defineKind<OpenData, OpenEvent, OpenStep>()({
  ...openModel,
  arena: openArena,
  stepSchema,
  checkStep: (step) => duplicateIds(step.questions, '/questions', 'question'),

  events,
  commands: {
    'open.answer': command({
      payload: Type.Object({ questionId: StepIdSchema, text: Type.String({ maxLength: MAX_TEXT }) }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ step, data, actor, id }, { questionId, text }) {
        if (!step.questions.some((q) => q.id === questionId))
          return refuse('not-found', `This step has no question "${questionId}".`);
        const clean = cleanText(text);
        if (!clean) return refuse('invalid', 'An answer cannot be empty.');
        const existing = data.answers.find((a) => a.questionId === questionId && a.author === actor.id);
        return accept(OPEN_EVENTS.answered, {
          answerId: existing?.id ?? id,
          questionId,
          text: clean,
          first: !existing,
        } satisfies Answered);
      },
    }),
    'open.hide': command({
      payload: Type.Object({ answerId: EntityIdSchema, hidden: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { answerId, hidden }) {
        const answer = data.answers.find((a) => a.id === answerId);
        if (!answer) return refuse('not-found', 'No such answer.');
        const { author: _a, hidden: _h, ...shown } = answer;
        return accept(OPEN_EVENTS.hidden, { answerId, hidden, ...(hidden ? {} : { answer: shown }) } satisfies AnswerHidden);
      },
    }),
  },

  harvest(data, step) {
    const questions = step.questions.map((q) => ({
      id: q.id,
      text: q.text,
      answers: data.answers
        .filter((a) => a.questionId === q.id && !a.hidden)
        .map((a) => ({ id: a.id, text: a.text, at: new Date(a.at).toISOString() })),
    }));
    // A question nobody answered gets no heading of its own: one line names them all, and a
    // step nobody answered has nothing to report, so the harvest leaves it out.
    const answered = questions.filter((q) => q.answers.length);
    const unanswered = questions.filter((q) => !q.answers.length);
    const blocks: HarvestBlock[] = answered.flatMap((q): HarvestBlock[] => [
      { type: 'heading', text: `${q.text} (${q.answers.length})` },
      { type: 'list', items: q.answers.map((a) => ({ text: [a.text] })) },
    ]);
    if (answered.length && unanswered.length) blocks.push(paragraph(note(`Zonder antwoord: ${unanswered.map((q) => q.text).join('; ')}`)));
    const rows = questions.flatMap((q) => q.answers.map((a) => ({ group: q.text, text: a.text, at: a.at })));
    return { data: { questions }, blocks, rows };
  },
});
