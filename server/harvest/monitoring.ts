/**
 * The monitoring trend of an arena: the three fixed questions (docs/METHODS.md,
 * facilitation-scripts/monitoring.yaml) asked at the end of each meeting, and
 * the visible answers each got per session. Which steps ask them, and what
 * their answers are, each kind says (`KindArena.monitoring`): a question is
 * recognised by its id, so a script that copies the shipped step keeps it.
 */
import type { MonitoringTrend } from '../../core/http.js';
import type { SessionState } from '../../core/state.js';
import { kindByName } from '../../kinds/registry.js';

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
      const monitoring = kindByName.get(step.kind)?.arena?.monitoring;
      const data = state.stepStates[step.id]?.data;
      if (!monitoring || data === undefined) continue;
      for (const [id, given] of Object.entries(monitoring(data, step))) {
        if (!ids.has(id)) continue;
        asked.add(id);
        counts[id] = (counts[id] ?? 0) + given.length;
        (answers[id] ??= []).push(...given.map((a) => a.text));
      }
    }
    if (Object.keys(counts).length) sessions.push({ id: state.id, title: state.title, date: new Date(dates.get(state.id) ?? state.createdAt).toISOString(), counts, answers });
  }
  return { questions: MONITORING_QUESTIONS.filter((q) => asked.has(q.id)).map((q) => ({ ...q })), sessions };
}
