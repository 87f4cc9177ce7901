/** The step timer: counted in server time from the events, paused, extended and stopped by the facilitator. */
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/protocol.js';
import { applyEvent, CORE_EVENTS, initialState, timeLeft } from '../../core/session.js';
import type { SessionCreated } from '../../core/state.js';
import { models } from '../../kinds/registry.js';
import { coreCommands } from '../../server/sessions/core-commands.js';

const created: SessionEvent<SessionCreated> = {
  id: 'c',
  seq: 1,
  type: CORE_EVENTS.created,
  actor: { role: 'facilitator' },
  payload: {
    title: 'T',
    arena: { id: 'a', title: 'A' },
    script: { id: 's', title: 'S' },
    steps: [
      { id: 'muur', kind: 'wall', title: 'Muur', columns: [{ id: 'k', title: 'K' }], timer: 600, duration: 25 },
      { id: 'slot', kind: 'slide', title: 'Slot', duration: 2 },
      { id: 'los', kind: 'slide', title: 'Los' },
    ],
  },
  at: 0,
};
let seq = 1;
const ev = (type: string, at: number, payload: unknown = {}, stepId?: string): SessionEvent => ({
  id: `e${++seq}`,
  seq,
  type,
  ...(stepId ? { stepId } : {}),
  actor: { role: 'facilitator' },
  payload,
  at,
});

describe('timer', () => {
  it('counts down from the start, holds while paused, and takes extra time', () => {
    const state = initialState(created, 's', models);
    applyEvent(state, ev(CORE_EVENTS.timerStarted, 10_000, { seconds: 300 }, 'muur'), models);
    expect(timeLeft(state.timer!, 70_000)).toBe(240_000);
    applyEvent(state, ev(CORE_EVENTS.timerPaused, 100_000), models);
    expect(timeLeft(state.timer!, 999_000)).toBe(210_000);
    applyEvent(state, ev(CORE_EVENTS.timerExtended, 101_000, { seconds: 60 }), models);
    applyEvent(state, ev(CORE_EVENTS.timerResumed, 200_000), models);
    expect(timeLeft(state.timer!, 230_000)).toBe(240_000);
    expect(timeLeft(state.timer!, 500_000)).toBeLessThan(0); // past zero: the facilitator decides
    expect(state.timer!.durationMs).toBe(360_000);
    applyEvent(state, ev(CORE_EVENTS.timerStopped, 501_000), models);
    expect(state.timer).toBeNull();
  });

  it('starts with the seconds asked, else the script\'s timer, else the step\'s duration, else five minutes', () => {
    const state = initialState(created, 's', models);
    const start = (stepIndex: number, payload: { seconds?: number }) =>
      coreCommands['timer.start']!.decide({ state, step: state.steps[stepIndex]!, data: undefined, revealed: false, actor: { role: 'facilitator' }, id: 'x', present: [] }, payload);
    expect(start(0, { seconds: 90 })).toMatchObject({ ok: true, payload: { seconds: 90 } });
    expect(start(0, {})).toMatchObject({ ok: true, payload: { seconds: 600 } });
    expect(start(1, {})).toMatchObject({ ok: true, payload: { seconds: 120 } });
    expect(start(2, {})).toMatchObject({ ok: true, payload: { seconds: 300 } });
    const pause = coreCommands['timer.pause']!.decide({ state, step: undefined as never, data: undefined, revealed: false, actor: { role: 'facilitator' }, id: 'y', present: [] }, {});
    expect(pause).toMatchObject({ ok: false, error: 'not-found' });
  });
});
