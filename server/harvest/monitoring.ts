/**
 * The monitoring trend of an arena: the three fixed questions (METHODS.md,
 * facilitation-scripts/monitoring.yaml) asked at the end of each meeting, and
 * how many visible answers each got per session. A question is recognised by
 * its id in an `open` step, so a script that copies the shipped step keeps it.
 */
import type { MonitoringTrend } from '../../core/http.js';
import type { SessionState } from '../../core/state.js';
import type { OpenData, OpenStep } from '../../kinds/open/model.js';

export const MONITORING_QUESTIONS = [
  { id: 'waarde', text: 'Wat was voor jou van waarde vandaag?' },
  { id: 'samenwerking', text: 'Wat heb je in de samenwerking gezien waar je meer van wilt?' },
  { id: 'morgen', text: 'Wat ga je morgen anders doen?' },
] as const;

export type { MonitoringTrend };

/** `dates`: the day a session met, where it was planned for one (else when it was made). */
export function monitoringTrend(states: readonly SessionState[], dates: ReadonlyMap<string, number> = new Map()): MonitoringTrend {
  const ids = new Set<string>(MONITORING_QUESTIONS.map((q) => q.id));
  const asked = new Set<string>();
  const sessions: MonitoringTrend['sessions'] = [];
  for (const state of [...states].sort((a, b) => a.createdAt - b.createdAt)) {
    const counts: Record<string, number> = {};
    const answers: Record<string, string[]> = {};
    for (const step of state.steps) {
      if (step.kind !== 'open') continue;
      const data = state.stepStates[step.id]?.data as OpenData | undefined;
      for (const q of (step as OpenStep).questions) {
        if (!ids.has(q.id)) continue;
        asked.add(q.id);
        const visible = (data?.answers ?? []).filter((a) => a.questionId === q.id && !a.hidden).map((a) => a.text);
        counts[q.id] = (counts[q.id] ?? 0) + visible.length;
        (answers[q.id] ??= []).push(...visible);
      }
    }
    if (Object.keys(counts).length) sessions.push({ id: state.id, title: state.title, date: new Date(dates.get(state.id) ?? state.createdAt).toISOString(), counts, answers });
  }
  return { questions: MONITORING_QUESTIONS.filter((q) => asked.has(q.id)).map((q) => ({ ...q })), sessions };
}
