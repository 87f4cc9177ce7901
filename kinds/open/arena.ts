/**
 * The open questions' part of their arena: their answers are what the monitoring
 * trend follows (a question is recognised by its id, so a script that copies the
 * shipped step keeps it), and what an arena can adopt as its ambition.
 */
import type { KindArena } from '../definition.js';
import type { OpenData, OpenStep } from './model.js';

const visible = (data: OpenData, questionId: string) => data.answers.filter((a) => a.questionId === questionId && !a.hidden);

export const openArena: KindArena<OpenData, OpenStep> = {
  ambition: (data, step) => step.questions.flatMap((q) => visible(data, q.id).map((a) => a.text)),
  monitoring: (data, step) => Object.fromEntries(step.questions.map((q) => [q.id, visible(data, q.id).map(({ id, text, author }) => ({ id, text, ...(author ? { author } : {}) }))])),
};
