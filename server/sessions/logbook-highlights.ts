/**
 * The logbook entries the facilitator picked to show at the next meeting, as one recap
 * part (placed at `LOGBOOK_ORDER`, between the small wins and the last meeting's answers).
 *
 * The slot for the arena's logbook: until the arena keeps one, there is nothing to pick
 * and this gives no part. The logbook fills it with the entries marked as highlights
 * since the last meeting (`since.date`; all of them at a first meeting), newest last,
 * each as a `RecapItem`: the entry's text, its cycle tag (onderzoeken, handelen,
 * reflecteren, veranderen) as `badge`, its date as `note`.
 */
import type { RecapPart, RecapSince } from '../../kinds/definition.js';
import type { Store } from '../store/store.js';

export async function logbookHighlights(_store: Store, _arenaId: string, _since: RecapSince | undefined): Promise<RecapPart | undefined> {
  return undefined;
}
