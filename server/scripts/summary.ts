import type { ScriptSummary } from '../../core/http.js';
import type { Script } from './load-scripts.js';

/** What a list of scripts shows: the agenda without the texts. */
export function scriptSummary({ id, title, description, language, duration, steps }: Script): ScriptSummary {
  return {
    id,
    title,
    ...(description === undefined ? {} : { description }),
    ...(language === undefined ? {} : { language }),
    ...(duration === undefined ? {} : { duration }),
    steps: steps.map((s) => ({ id: s.id, kind: s.kind, title: s.title, ...(s.duration === undefined ? {} : { duration: s.duration }) })),
  };
}
