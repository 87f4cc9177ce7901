/** The facilitator's timer reaches the screen and every phone, in server time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeLeft } from '../../core/session.js';
import { facilitator, participant, screen, startOogst, startSession, type Running } from '../helpers/oogst.js';

describe('step timer', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst();
  });
  afterAll(() => oogst?.stop());

  it('starts from the script, pauses, gets a minute more and stops, on every view', async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    const scr = await screen(oogst.url, s);
    const phone = await participant(oogst.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    expect((await fac.send('timer.start', {}, 'muur')).ok).toBe(true);
    await phone.until((v) => v.state!.timer !== null, 5000, 'timer on the phone');
    const timer = phone.state!.timer!;
    expect(timer).toMatchObject({ stepId: 'muur', durationMs: 25 * 60_000 }); // the wall step's estimated 25 minutes
    expect(phone.snapshot!.serverTime).toBeGreaterThan(0);

    expect((await fac.send('timer.pause', {})).ok).toBe(true);
    expect((await fac.send('timer.add', { seconds: 60 })).ok).toBe(true);
    await scr.until((v) => v.state!.timer?.startedAt === null && v.state!.timer.durationMs === 26 * 60_000, 5000, 'paused, a minute more');
    const held = timeLeft(scr.state!.timer!, Date.now() + 10 * 60_000);
    expect(held).toBeGreaterThan(25 * 60_000);
    expect(held).toBeLessThanOrEqual(26 * 60_000);

    expect((await phone.send('timer.stop', {})).ok).toBe(false); // only the facilitator
    expect((await fac.send('timer.stop', {})).ok).toBe(true);
    await phone.until((v) => v.state!.timer === null, 5000, 'stopped on the phone');
    expect((await fac.send('timer.pause', {}))).toMatchObject({ ok: false, error: 'not-found' });
    for (const v of [fac, scr, phone]) v.close();
  });
});
