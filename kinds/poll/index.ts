import Type from 'typebox';
import { accept, command, defineKind, note, paragraph, refuse, strong, type HarvestBlock } from '../definition.js';
import { duplicateIds, StepIdSchema } from '../ids.js';
import { pollModel, POLL_EVENTS, type PollData } from './model.js';
import { events, MAX_OPTIONS, MAX_SCALE_POINTS, ScaleValue, stepSchema, type PollClosed, type PollEvent, type PollStep, type Voted } from './schema.js';
import { percent, pollResults } from './results.js';

function checkPoll(step: PollStep): [string, string][] {
  const problems: [string, string][] = [];
  if (step.mode === 'scale') {
    if (!step.scale) problems.push(['/scale', 'is needed for a scale poll, e.g. { min: 1, max: 5 }']);
    else if (step.scale.max <= step.scale.min) problems.push(['/scale/max', 'must be higher than min']);
    else if (step.scale.max - step.scale.min + 1 > MAX_SCALE_POINTS) problems.push(['/scale/max', `makes more than ${MAX_SCALE_POINTS} points on the scale`]);
    if (step.options) problems.push(['/options', 'is only for single or multiple choice polls']);
  } else {
    if (!step.options) problems.push(['/options', `is needed for a ${step.mode} choice poll`]);
    else problems.push(...duplicateIds(step.options, '/options', 'option'));
    if (step.scale) problems.push(['/scale', 'is only for scale polls']);
  }
  if (step.maxChoices !== undefined && step.mode !== 'multiple') problems.push(['/maxChoices', 'is only for multiple choice polls']);
  else if (step.options && step.maxChoices !== undefined && step.maxChoices > step.options.length)
    problems.push(['/maxChoices', `is more than the ${step.options.length} options`]);
  return problems;
}

const decimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1).replace('.', ',');

export const poll = defineKind<PollData, PollEvent, PollStep>()({
  ...pollModel,
  stepSchema,
  checkStep: (step) => checkPoll(step),

  events,
  commands: {
    /** A vote, or a changed vote: `choices` (option ids) on a choice poll, `value` on a scale. */
    'poll.vote': command({
      payload: Type.Object(
        {
          choices: Type.Optional(Type.Array(StepIdSchema, { minItems: 1, maxItems: MAX_OPTIONS })),
          value: Type.Optional(ScaleValue),
        },
        { additionalProperties: false },
      ),
      roles: ['participant'],
      decide({ step, data, actor, id }, { choices, value }) {
        if (data.closed) return refuse('closed', 'This poll is closed.');
        let picked: string[];
        if (step.mode === 'scale') {
          const { min, max } = step.scale!;
          if (value === undefined || choices) return refuse('invalid', 'A scale poll takes one "value".');
          if (value < min || value > max) return refuse('invalid', `The value must be from ${min} to ${max}.`);
          picked = [String(value)];
        } else {
          const options = step.options ?? [];
          if (!choices || value !== undefined) return refuse('invalid', 'A choice poll takes "choices": a list of option ids.');
          const unknown = choices.find((c) => !options.some((o) => o.id === c));
          if (unknown) return refuse('not-found', `This poll has no option "${unknown}".`);
          if (new Set(choices).size < choices.length) return refuse('invalid', 'An option is chosen twice.');
          if (step.mode === 'single' && choices.length > 1) return refuse('invalid', 'Choose one option.');
          const max = step.maxChoices ?? options.length;
          if (choices.length > max) return refuse('limit-reached', `Choose at most ${max} options.`);
          picked = options.map((o) => o.id).filter((o) => choices.includes(o));
        }
        const existing = data.votes.find((v) => v.author === actor.id);
        return accept(POLL_EVENTS.voted, {
          first: !existing,
          choices: picked,
          ...(existing ? { previous: [...existing.choices] } : {}),
          voteId: existing?.id ?? id,
        } satisfies Voted);
      },
    }),
    /** Close the poll (no more voting or changing) or open it again. Independent of the reveal. */
    'poll.close': command({
      payload: Type.Object({ closed: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide: (_ctx, { closed }) => accept(POLL_EVENTS.closed, { closed } satisfies PollClosed),
    }),
  },

  harvest(data, step) {
    const { rows, voters, mean } = pollResults(step, data.counts ?? {}, data.voters);
    const scale = step.mode === 'scale' ? step.scale : undefined;
    const output = {
      question: step.question,
      mode: step.mode,
      ...(step.mode === 'multiple' && step.maxChoices ? { maxChoices: step.maxChoices } : {}),
      ...(scale ? { scale } : {}),
      voters,
      results: rows.map(({ id, text, count }) => ({ id, text, count })),
      ...(mean === undefined ? {} : { mean: Math.round(mean * 100) / 100 }),
    };

    const label = (id: string, text: string) => {
      if (!scale) return text;
      const end = id === String(scale.min) ? scale.minLabel : id === String(scale.max) ? scale.maxLabel : undefined;
      return end ? `${id} (${end})` : id;
    };
    const how =
      step.mode === 'single'
        ? 'Eén antwoord per deelnemer.'
        : step.mode === 'multiple'
          ? `Meerdere antwoorden per deelnemer${step.maxChoices ? ` (hooguit ${step.maxChoices})` : ''}; het aandeel telt per antwoord de deelnemers die het kozen.`
          : `Schaal van ${scale!.min} tot ${scale!.max}.`;
    const blocks: HarvestBlock[] = [
      paragraph(strong(step.question)),
      paragraph(note(how), ` ${voters === 1 ? '1 deelnemer stemde' : `${voters} deelnemers stemden`}.`),
    ];
    if (!voters) blocks.push(paragraph(note('Geen stemmen.')));
    else {
      blocks.push(
        { type: 'table', head: [scale ? 'Waarde' : 'Antwoord', 'Stemmen', 'Aandeel'], right: [1, 2], rows: rows.map((r) => [label(r.id, r.text), String(r.count), percent(r.share)]) },
        { type: 'chart', title: step.question, bars: rows.map((r) => ({ label: label(r.id, r.text), value: r.count })) },
      );
      if (mean !== undefined) blocks.push(paragraph(strong('Gemiddelde:'), ` ${decimal(mean)}`));
    }
    const harvestRows = rows.map((r) => ({ group: step.question, text: label(r.id, r.text), votes: r.count }));
    return { data: output, blocks, rows: harvestRows };
  },
});
