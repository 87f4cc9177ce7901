/** What the screen needs besides the steps: the arena's language, and the join slide the facilitator puts over it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, facilitator, participant, screen, startOogst, startSession, type Running } from '../helpers/oogst.js';

describe('the screen', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst();
  });
  afterAll(() => oogst?.stop());

  it("speaks its arena's language, and an open screen follows a change at once", async () => {
    const s = await startSession(oogst.url);
    const arenaPath = `/api/arenas/${s.arena.id}`;
    expect((await api(oogst.url, 'GET', arenaPath, undefined, s.arena.key)).body.locale).toBe('nl');
    const scr = await screen(oogst.url, s);
    const fac = await facilitator(oogst.url, s);
    const phone = await participant(oogst.url, s);
    expect(scr.snapshot!.locale).toBe('nl');
    expect(phone.snapshot!.locale).toBeUndefined(); // a phone chooses its own

    expect(await api(oogst.url, 'PATCH', arenaPath, { locale: 'en' }, s.arena.key)).toMatchObject({ status: 200, body: { locale: 'en' } });
    await scr.until((v) => v.snapshot!.locale === 'en', 5000, 'the screen in English');
    await fac.until((v) => v.snapshot!.locale === 'en', 5000, 'the console told');
    expect((await api(oogst.url, 'GET', arenaPath, undefined, s.arena.key)).body.locale).toBe('en');
    const later = await screen(oogst.url, s);
    expect(later.snapshot!.locale).toBe('en');

    // Only the arena's key may change it, and only to a language Oogst has.
    expect((await api(oogst.url, 'PATCH', arenaPath, { locale: 'nl' })).status).toBe(401);
    for (const body of [{ locale: 'de' }, { locale: 'nl', colour: 'x' }, {}]) {
      const r = await api(oogst.url, 'PATCH', arenaPath, body, s.arena.key);
      expect(r.status).toBe(400);
    }
    expect((await api(oogst.url, 'GET', arenaPath, undefined, s.arena.key)).body.locale).toBe('en');
    for (const v of [scr, fac, phone, later]) v.close();
  });

  it('shows the join slide when the facilitator asks, and tells no phone', async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    const scr = await screen(oogst.url, s);
    const phone = await participant(oogst.url, s);
    expect(scr.state!.joinShown).toBe(false);

    expect((await phone.send('screen.show-join', { shown: true }))).toMatchObject({ ok: false, error: 'forbidden' });
    expect((await fac.send('screen.show-join', { shown: 'yes' }))).toMatchObject({ ok: false, error: 'invalid' });
    expect((await fac.send('screen.show-join', { shown: true })).ok).toBe(true);
    await scr.until((v) => v.state!.joinShown, 5000, 'join slide on the screen');
    expect(fac.state!.joinShown).toBe(true);
    expect((await fac.send('screen.show-join', { shown: false })).ok).toBe(true);
    await scr.until((v) => !v.state!.joinShown, 5000, 'join slide gone');
    expect(phone.events.some((e) => e.type === 'screen.join-shown')).toBe(false);

    // A screen that connects later gets it from the log.
    expect((await fac.send('screen.show-join', { shown: true })).ok).toBe(true);
    await scr.until((v) => v.state!.joinShown, 5000, 'join slide again');
    const later = await screen(oogst.url, s);
    expect(later.state!.joinShown).toBe(true);
    for (const v of [fac, scr, phone, later]) v.close();
  });
});
