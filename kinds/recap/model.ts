/**
 * The recap: where the arena stands at the start of a meeting (its actions, chosen
 * ontwerpvragen, small wins, logbook highlights, the last meeting's "morgen anders"),
 * carried into the session when the room reaches the step (`state.arenaContext.recap`).
 * The room types nothing here; the facilitator puts one part at a time on the screen,
 * and the phones show the parts shown so far.
 */
import type { KindModel } from '../../core/kind.js';
import type { RecapContext, RecapEvent, RecapStep } from './schema.js';

export type { RecapContext, RecapEvent, RecapPartShown, RecapStep } from './schema.js';

export interface RecapData {
  /** Part ids in the order they were first shown. */
  shown: string[];
  /** The part on the screen now. */
  current?: string;
}

export const RECAP_EVENTS = { shown: 'recap.shown' } as const;

/** What the session carries for its recap steps, or an empty recap (a first meeting). */
export const recapOf = (arenaContext: Record<string, unknown> | undefined): RecapContext => (arenaContext?.recap as RecapContext | undefined) ?? { parts: [] };

export const recapModel: KindModel<RecapData, RecapEvent, RecapStep> = {
  kind: 'recap',
  init: () => ({ shown: [] }),
  apply(data, event) {
    switch (event.type) {
      case RECAP_EVENTS.shown: {
        const { partId } = event.payload;
        if (!data.shown.includes(partId)) data.shown.push(partId);
        data.current = partId;
        break;
      }
    }
  },
  project: (data) => ({ shown: [...data.shown], ...(data.current ? { current: data.current } : {}) }),
  /** What is shown is the room's: the screen and every phone follow. */
  audience: () => ({ screen: true, participants: 'all' }),
};
