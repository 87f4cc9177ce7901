/**
 * The monitoring trend of an arena: the three fixed questions (docs/METHODS.md,
 * facilitation-scripts/monitoring.yaml) asked at the end of each meeting, the
 * visible answers each got per session, and the themes the facilitator gave them
 * (core/monitoring-tags.ts). Which steps ask them, and what their answers are, each
 * kind says (`KindArena.monitoring`): a question is recognised by its id, so a
 * script that copies the shipped step keeps it.
 */
import { inMeetingOrder } from '../../kinds/arena-contract.js';
import type { MonitoringSession, MonitoringTrend } from '../../core/http.js';
import { tagsOf } from '../../core/monitoring-tags.js';
import type { SessionState } from '../../core/state.js';
import { kindByName } from '../../kinds/registry.js';

export const MONITORING_QUESTIONS = [
  { id: 'waarde', text: 'Wat was voor jou van waarde vandaag?' },
  { id: 'samenwerking', text: 'Wat heb je in de samenwerking gezien waar je meer van wilt?' },
  { id: 'morgen', text: 'Wat ga je morgen anders doen?' },
] as const;

export type { MonitoringTrend };

/** One session's visible answers to the monitoring questions, with their themes; undefined when it asked none. */
function sessionTrend(state: SessionState, ids: ReadonlySet<string>, date: number): MonitoringSession | undefined {
  const counts: Record<string, number> = {};
  const answers: MonitoringSession['answers'] = {};
  const themes = new Map<string, number>();
  const authors = new Set<string>();
  let anonymous = 0;
  for (const step of state.steps) {
    const monitoring = kindByName.get(step.kind)?.arena?.monitoring;
    const data = state.stepStates[step.id]?.data;
    if (!monitoring || data === undefined) continue;
    for (const [id, given] of Object.entries(monitoring(data, step))) {
      if (!ids.has(id)) continue;
      counts[id] = (counts[id] ?? 0) + given.length;
      for (const answer of given) {
        const tags = tagsOf(state, step.id, answer.id);
        for (const theme of tags) themes.set(theme, (themes.get(theme) ?? 0) + 1);
        if (answer.author) authors.add(answer.author);
        else anonymous++;
        (answers[id] ??= []).push({ stepId: step.id, id: answer.id, text: answer.text, themes: [...tags] });
      }
    }
  }
  if (!Object.keys(counts).length) return undefined;
  return {
    id: state.id,
    title: state.title,
    date: new Date(date).toISOString(),
    counts,
    answers,
    answered: authors.size + anonymous,
    themes: Object.fromEntries(themes),
  };
}

/** `dates`: the day a session met, where it was planned for one (else when it was made). */
export function monitoringTrend(states: readonly SessionState[], dates: ReadonlyMap<string, number> = new Map()): MonitoringTrend {
  const ids = new Set<string>(MONITORING_QUESTIONS.map((q) => q.id));
  const metOn = (state: SessionState) => dates.get(state.id) ?? state.createdAt;
  const sessions = inMeetingOrder(states, metOn).flatMap((state) => sessionTrend(state, ids, metOn(state)) ?? []);
  const asked = new Set(sessions.flatMap((s) => Object.keys(s.counts)));
  const totals = new Map<string, number>();
  for (const s of sessions) for (const [theme, n] of Object.entries(s.themes)) totals.set(theme, (totals.get(theme) ?? 0) + n);
  const themes = [...totals].sort(([a, n], [b, m]) => m - n || a.localeCompare(b, 'nl')).map(([theme]) => theme);
  return { questions: MONITORING_QUESTIONS.filter((q) => asked.has(q.id)).map((q) => ({ ...q })), themes, sessions };
}
