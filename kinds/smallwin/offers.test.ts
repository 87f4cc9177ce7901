/**
 * The actions a small win may come from (`offers` in the arena context) go to who
 * registers: the facilitator always, the phones only where a step lets participants
 * register, the screen never. The same holds for the snapshot and for a
 * `session.context` event, so a view's snapshot plus its events stays its projection.
 */
import { describe, expect, it } from 'vitest';
import type { SessionEvent, Viewer } from '../../core/protocol.js';
import { CORE_EVENTS, project, redact, reduce } from '../../core/session.js';
import { models } from '../registry.js';
import type { Offer } from '../arena-contract.js';
import { arenaOf, asFacilitator, step } from '../../test/helpers/smallwin-session.js';
import { smallwinContext } from './arena.js';
import { winOffers, type SmallwinStep } from './model.js';

const offer: Offer = { kind: 'action', sessionId: 's1', id: 'a1', title: 'Buurtlunch elke maand', history: [{ date: 1, text: 'Gekozen in Bijeenkomst 1' }] };
const context = smallwinContext(arenaOf([]), [offer]);
const viewers: Record<string, Viewer> = {
  facilitator: { role: 'facilitator' },
  screen: { role: 'screen' },
  phone: { role: 'participant', participantId: 'alice' },
};

/** A session with these small-wins steps, created with the offers and then taking them again as it opens. */
function session(steps: SmallwinStep[]) {
  const created: SessionEvent = {
    id: 'created-s2',
    seq: 1,
    type: CORE_EVENTS.created,
    actor: asFacilitator,
    payload: { title: 'Bijeenkomst 2', arena: { id: 'a', title: 'Arena' }, script: { id: 'x', title: 'X' }, steps, arenaContext: { smallwin: context } },
    at: 1,
  };
  const taken: SessionEvent = { id: 'system-1', seq: 2, type: CORE_EVENTS.context, actor: { role: 'system' }, payload: { arenaContext: { smallwin: context } }, at: 2 };
  return { state: reduce([created, taken], 's2', models), taken };
}

/** Per viewer: whether its snapshot and its copy of the `session.context` event carry the offers, and the earlier wins' list. */
function received(steps: SmallwinStep[]) {
  const { state, taken } = session(steps);
  return Object.fromEntries(
    Object.entries(viewers).map(([name, viewer]) => {
      const snapshot = project(state, viewer, models).arenaContext;
      const event = (redact(state, taken, viewer, models).payload as { arenaContext: Record<string, unknown> }).arenaContext;
      return [name, { snapshot: winOffers(snapshot).length, event: winOffers(event).length, wins: 'wins' in (snapshot.smallwin as object) }];
    }),
  );
}

describe('the offers per audience', () => {
  it('participants register: the facilitator and the phones get the offers, the screen none', () => {
    expect(received([step])).toEqual({
      facilitator: { snapshot: 1, event: 1, wins: true },
      screen: { snapshot: 0, event: 0, wins: true },
      phone: { snapshot: 1, event: 1, wins: true },
    });
  });

  it('only the facilitator registers: only the facilitator gets them; the earlier wins still go to every view', () => {
    expect(received([{ ...step, whoRegisters: 'facilitator' }])).toEqual({
      facilitator: { snapshot: 1, event: 1, wins: true },
      screen: { snapshot: 0, event: 0, wins: true },
      phone: { snapshot: 0, event: 0, wins: true },
    });
  });

  it('one step of several where participants register is enough for the phones', () => {
    const steps = [{ ...step, whoRegisters: 'facilitator' as const }, { ...step, id: 'later' }];
    expect(received(steps).phone).toEqual({ snapshot: 1, event: 1, wins: true });
    expect(received(steps).screen).toEqual({ snapshot: 0, event: 0, wins: true });
  });

  it('leaves the stored context whole: the server still checks an offer against all of it', () => {
    const { state } = session([{ ...step, whoRegisters: 'facilitator' }]);
    project(state, viewers.phone!, models);
    expect(winOffers(state.arenaContext)).toEqual(context.offers);
  });
});
