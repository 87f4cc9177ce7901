/**
 * Themes on the answers to the monitoring questions: the facilitator tags an answer
 * with a few free-text themes (on the arena page), so the arena's trend can show what
 * the answers are about, not only how many came in. A tag is the facilitator's
 * reading, kept in the log of the session the answer belongs to (`monitoring.tagged`,
 * one event setting all of one answer's themes), so it travels with the session's log
 * (export, import, harvest) like everything else. Only the facilitator sees tags.
 */
import type { SessionEvent } from './protocol.js';
import type { SessionState } from './state.js';
import { getOwn, setOwn } from './records.js';

export const MONITORING_EVENTS = {
  tagged: 'monitoring.tagged',
} as const;

/** Payload of `monitoring.tagged` (its step in the envelope): the answer's themes from now on; none takes them all off. */
export interface AnswerTagged {
  answerId: string;
  themes: string[];
}

/** Bounds: a theme is a short name; an answer carries a few; an arena keeps a list one can overview. */
export const MAX_THEME_LENGTH = 40;
export const MAX_THEMES_PER_ANSWER = 5;
export const MAX_THEMES_PER_ARENA = 40;

/** A theme as typed, made comparable: spaces collapsed and trimmed. */
export const cleanTheme = (theme: string): string => theme.replace(/\s+/g, ' ').trim();

/** The themes of one answer, as the facilitator last set them; none when untagged. */
export function tagsOf(state: SessionState, stepId: string, answerId: string): readonly string[] {
  const step = state.tags && getOwn(state.tags, stepId);
  return (step && getOwn(step, answerId)) ?? [];
}

/** Applies `monitoring.tagged`: the answer's themes are replaced; an answer with none is forgotten. */
export function applyTagged(state: SessionState, event: SessionEvent): void {
  if (event.stepId === undefined) return;
  const { answerId, themes } = event.payload as AnswerTagged;
  const tags = (state.tags ??= {});
  const step = getOwn(tags, event.stepId) ?? setOwn(tags, event.stepId, {});
  if (themes.length) setOwn(step, answerId, [...themes]);
  else delete step[answerId];
}
