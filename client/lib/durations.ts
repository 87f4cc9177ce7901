/**
 * A script's estimate, said the same way on the script card and in the console's agenda:
 * the minutes of its steps, and the script's own total where that differs (time for a
 * break and for moving between steps, which no step counts).
 */
import { t } from './i18n/index.svelte.js';

export function estimate(steps: readonly { duration?: number }[], planned: number | undefined): string {
  const sum = steps.reduce((n, s) => n + (s.duration ?? 0), 0);
  if (planned && planned > sum) return t('home.session.minutes-planned', { n: sum, planned });
  return t('home.session.minutes', { n: sum || planned || 0 });
}
