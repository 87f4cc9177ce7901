/**
 * Questions in the order the room asked for them: most votes first, the earlier
 * question first among equals. For the console, the screen, the presenter and the
 * harvest; a phone has no counts (model.ts) and does not load this.
 */
import type { QnaData, Question } from './model.js';

export interface Ranked extends Question {
  votes: number;
}

/** Every question the view holds that is not hidden, most votes first; answered ones after the rest when `answeredLast`. */
export function ranked(data: QnaData, { answeredLast = false } = {}): Ranked[] {
  const votes = new Map<string, number>();
  for (const b of data.ballots) votes.set(b.questionId, (votes.get(b.questionId) ?? 0) + 1);
  return data.questions
    .filter((q) => !q.hidden)
    .map((q) => ({ ...q, votes: votes.get(q.id) ?? 0 }))
    .sort((a, b) => (answeredLast ? Number(a.answered) - Number(b.answered) : 0) || b.votes - a.votes || a.seq - b.seq);
}
