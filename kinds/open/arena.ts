/**
 * The open questions' part of their arena: their answers are what the monitoring
 * trend follows (a question is recognised by its id, so a script that copies the
 * shipped step keeps it), and what an arena can adopt as its ambition.
 */
import { stepsOfKind } from '../../core/kind.js';
import type { KindArena } from '../arena-contract.js';
import { openModel, type OpenData, type OpenStep } from './model.js';

/** The reflection question the recap brings back (the third monitoring question, `facilitation-scripts/monitoring.yaml`). */
export const TOMORROW = 'morgen';

const visible = (data: OpenData, questionId: string) => data.answers.filter((a) => a.questionId === questionId && !a.hidden);

export const openArena: KindArena<OpenData, OpenStep> = {
  ambition: (data, step) => step.questions.flatMap((q) => visible(data, q.id).map((a) => a.text)),
  /** The last meeting's visible answers to "Wat ga je morgen anders doen?", under the question as it was asked. */
  recap: {
    order: 50,
    part({ sessions }, since) {
      const last = since && sessions.find((s) => s.id === since.id);
      if (!last) return undefined;
      const asked = stepsOfKind(last, openModel).flatMap(({ step, data }) => step.questions.filter((q) => q.id === TOMORROW).map((q) => ({ q, answers: visible(data, q.id) })));
      const items = asked.flatMap(({ answers }) => answers.map((a) => ({ text: a.text })));
      return items.length ? { title: `${asked[0]!.q.text} (vorige keer)`, items } : undefined;
    },
  },
  monitoring: (data, step) => Object.fromEntries(step.questions.map((q) => [q.id, visible(data, q.id).map(({ id, text, author }) => ({ id, text, ...(author ? { author } : {}) }))])),
};
