/**
 * What a recap step is offered (`KindDefinition.recapContext`): the arena's last
 * meeting, and each kind's part (`KindArena.recap`) in the order its `order` gives,
 * with the logbook's highlights among them. Composed here, so no kind reads another's.
 */
import type { SessionState } from '../../core/state.js';
import type { ArenaRecap, ArenaSessions, RecapPart, RecapSince } from '../../kinds/arena-contract.js';
import { kinds } from '../../kinds/registry.js';

/** Where the logbook's highlights stand among the kinds' parts (actions 10, ontwerpvragen 20, small wins 30, answers 50). */
export const LOGBOOK_ORDER = 40;

/** A session met when someone joined it or it moved past its first step; one only planned did not. */
const met = (s: SessionState) => s.participantCount > 0 || s.current > 0;

/** The latest of the arena's other sessions that met on or before `now` (by its one date, then when it was made). */
export function lastMeeting({ sessions, metOn }: Pick<ArenaSessions, 'sessions' | 'metOn'>, now: number): RecapSince | undefined {
  const last = sessions
    .filter((s) => met(s) && metOn(s) <= now)
    .reduce<SessionState | undefined>((best, s) => (!best || metOn(s) > metOn(best) || (metOn(s) === metOn(best) && s.createdAt >= best.createdAt) ? s : best), undefined);
  return last && { id: last.id, title: last.title, date: metOn(last) };
}

/** Every kind's part, and the logbook's highlights, in order; parts with nothing to show are left out. */
export function composeRecap(earlier: ArenaSessions, now: number, highlights?: RecapPart): ArenaRecap {
  const since = lastMeeting(earlier, now);
  const offered = kinds.flatMap((kind) => {
    const recap = kind.arena?.recap;
    return recap ? [{ id: kind.kind, order: recap.order, part: recap.part(earlier, since) }] : [];
  });
  offered.push({ id: 'logbook', order: LOGBOOK_ORDER, part: highlights });
  const parts = offered
    .sort((a, b) => a.order - b.order)
    .flatMap(({ id, part }) => (part?.items.length ? [{ id, title: part.title, items: part.items }] : []));
  return { ...(since ? { since } : {}), parts };
}
