/**
 * The logbook entries the facilitator picked to show at the next meeting, as one recap
 * part (placed at `LOGBOOK_ORDER`, between the small wins and the last meeting's answers).
 *
 * The entries marked as highlights that the arena's logbook shows (visible), dated on
 * or after the last meeting's day (`since.date`; all of them at a first meeting), newest
 * last, each as a `RecapItem`: the entry's text, its cycle tag (Onderzoeken, Handelen,
 * Reflecteren, Veranderen) as `badge`, its date as `note`.
 */
import { logbookDay } from '../../core/logbook.js';
import type { RecapPart, RecapSince } from '../../kinds/arena-contract.js';
import type { Store } from '../store/store.js';

/** How many highlights a recap shows: a few lines on a projector, the latest kept. */
export const MAX_HIGHLIGHTS = 12;

/** The cycle tag as a badge reads on the projector: Onderzoeken, Handelen, Reflecteren, Veranderen. */
const badgeOf = (cycle: string) => cycle.charAt(0).toUpperCase() + cycle.slice(1);

const dayLabel = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export async function logbookHighlights(store: Store, arenaId: string, since: RecapSince | undefined): Promise<RecapPart | undefined> {
  const from = since ? logbookDay(since.date) : '';
  const picked = (await store.listLogbookEntries(arenaId)).filter((e) => e.state === 'visible' && e.highlighted && e.date >= from);
  if (!picked.length) return undefined;
  return {
    title: 'Uit het logboek',
    items: picked.slice(-MAX_HIGHLIGHTS).map((e) => ({ text: e.text, badge: badgeOf(e.cycle), note: dayLabel.format(new Date(`${e.date}T00:00:00Z`)) })),
  };
}
