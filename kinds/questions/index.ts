import Type from 'typebox';
import type { StepDef } from '../../core/state.js';
import { accept, cleanText, command, defineKind, note, paragraph, refuse, type Decision } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { checkFrom } from './items.js';
import { DEFAULT_PREFIX, listed, questionsModel, QUESTIONS_EVENTS, type QuestionsData } from './model.js';
import { events, MAX_QUESTION, stepSchema, type QuestionAsked, type QuestionEdited, type QuestionHidden, type QuestionsEvent, type QuestionsMerged, type QuestionsStep } from './schema.js';

const Text = Type.String({ maxLength: MAX_QUESTION });
const LETTER = /[\p{L}\p{N}]/u;

/** The question as stored, or why it is not one: it must start with the prefix (any case) and go on after it. */
export function phrase(text: string, step: QuestionsStep): { text: string } | Decision {
  const clean = cleanText(text);
  const prefix = (step.prefix ?? DEFAULT_PREFIX).trim();
  if (!clean) return refuse('invalid', 'A question cannot be empty.');
  const rest = clean.slice(prefix.length);
  // "Hoe kunnen wezen…" does not start with the word "we".
  const runsOn = LETTER.test(prefix.slice(-1)) && LETTER.test(rest.charAt(0));
  if (clean.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase() || runsOn)
    return refuse('invalid', `A question here starts with "${prefix}".`);
  if (!LETTER.test(rest)) return refuse('invalid', `Finish the question after "${prefix}".`);
  return { text: clean };
}

/**
 * `from` and `fromColumn`: with the script's steps (as the loader passes them),
 * `from` must name an earlier wall, open, questions or checklist step (and `fromColumn` one of the wall's columns).
 * Without them (a single step), only what the step itself shows is checked.
 */
export const checkQuestionsStep = (step: StepDef, steps?: readonly StepDef[]) => checkFrom(step, ['wall', 'open', 'questions', 'checklist'], steps);

const found = (data: QuestionsData, id: string) => data.questions.find((q) => q.id === id);

export const questions = defineKind<QuestionsData, QuestionsEvent, QuestionsStep>()({
  ...questionsModel,
  stepSchema,
  checkStep: checkQuestionsStep,

  events,
  commands: {
    'questions.ask': command({
      payload: Type.Object({ text: Text }, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor, revealed }, { text }) {
        // Once the list is on the phones the writing round is over: the group reads and votes.
        if (revealed && actor.role === 'participant')
          return refuse('step-not-active', 'The list is on the phones now: writing new questions is closed.');
        const phrased = phrase(text, step);
        if (!('text' in phrased)) return phrased;
        const max = (step).maxQuestions ?? 10;
        if (actor.id && data.questions.filter((q) => q.author === actor.id).length >= max)
          return refuse('limit-reached', `At most ${max} questions per participant in this step.`);
        return accept(QUESTIONS_EVENTS.asked, { text: phrased.text } satisfies QuestionAsked);
      },
    }),
    'questions.hide': command({
      payload: Type.Object({ questionId: EntityIdSchema, hidden: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { questionId, hidden }) {
        const question = found(data, questionId);
        if (!question) return refuse('not-found', 'No such question.');
        const { author: _a, hidden: _h, ...shown } = question;
        return accept(QUESTIONS_EVENTS.hidden, { questionId, hidden, ...(hidden ? {} : { question: shown }) } satisfies QuestionHidden);
      },
    }),
    'questions.merge': command({
      payload: Type.Object(
        { targetId: EntityIdSchema, questionIds: Type.Array(EntityIdSchema, { minItems: 1, maxItems: 100 }) },
        { additionalProperties: false },
      ),
      roles: ['facilitator'],
      decide({ data }, { targetId, questionIds }) {
        const target = found(data, targetId);
        if (!target || !listed(target)) return refuse('not-found', 'The question to merge into is not on the list.');
        if (questionIds.includes(targetId)) return refuse('invalid', 'A question cannot absorb itself.');
        if (questionIds.some((id) => !found(data, id) || found(data, id)!.hidden))
          return refuse('not-found', 'One of the questions to merge does not exist or is hidden.');
        return accept(QUESTIONS_EVENTS.merged, { targetId, questionIds: [...new Set(questionIds)] } satisfies QuestionsMerged);
      },
    }),
    'questions.unmerge': command({
      payload: Type.Object({ questionId: EntityIdSchema }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { questionId }) {
        const question = found(data, questionId);
        if (!question) return refuse('not-found', 'No such question.');
        if (!question.mergedInto) return refuse('invalid', 'This question is not merged into another.');
        return accept(QUESTIONS_EVENTS.unmerged, { questionId });
      },
    }),
    'questions.edit': command({
      payload: Type.Object({ questionId: EntityIdSchema, text: Text }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ step, data }, { questionId, text }) {
        if (!found(data, questionId)) return refuse('not-found', 'No such question.');
        const phrased = phrase(text, step);
        if (!('text' in phrased)) return phrased;
        return accept(QUESTIONS_EVENTS.edited, { questionId, text: phrased.text } satisfies QuestionEdited);
      },
    }),
  },

  harvest(data, step) {
    const at = (ms: number) => new Date(ms).toISOString();
    const list = data.questions.filter(listed).map((q) => ({
      id: q.id,
      text: q.text,
      at: at(q.at),
      edited: q.edited === true,
      merged: data.questions.filter((m) => m.mergedInto === q.id && !m.hidden).map((m) => ({ id: m.id, text: m.text, at: at(m.at) })),
    }));
    const blocks = [
      { type: 'heading', text: `Ontwerpvragen (${list.length})` } as const,
      list.length
        ? ({ type: 'list', ordered: true, items: list.map((q) => ({ text: [q.text], sub: q.merged.map((m) => [note('samengevoegd:'), ' ', m.text]) })) } as const)
        : paragraph(note('Geen vragen.')),
    ];
    const rows = list.flatMap((q) => [{ text: q.text, at: q.at }, ...q.merged.map((m) => ({ text: m.text, outcome: `samengevoegd met: ${q.text}`, at: m.at }))]);
    return { data: { prefix: step.prefix ?? DEFAULT_PREFIX, questions: list }, blocks, rows };
  },

  /** How many questions the group wrote; which were chosen is the vote's to say. */
  glance(data) {
    const shown = data.questions.filter(listed);
    const merged = data.questions.filter((q) => q.mergedInto && !q.hidden).length;
    if (!shown.length) return [];
    return [paragraph(`${shown.length} ${shown.length === 1 ? 'ontwerpvraag' : 'ontwerpvragen'} opgesteld${merged ? `, ${merged} ${merged === 1 ? 'vraag' : 'vragen'} samengevoegd` : ''}.`)];
  },
});
