/**
 * The console's page runs the same model code on what the server sends it, so a
 * hostile id must not reach Object.prototype there either. Phones try ids named
 * like prototype members (refused), and a log written before ids were checked
 * arrives live (as from another server): the page's Object.prototype stays as it
 * was, the counts are right and nothing is shown selected that nobody selected.
 */
import { describe, expect, it } from 'vitest';
import type { Ack, SessionEvent } from '../../core/protocol.js';
import { HOSTILE_IDS } from '../helpers/hostile-ids.js';
import { facilitator, participant, startSession, type Running } from '../helpers/oogst.js';
import { ConsolePage, serverAndBrowser, Watcher } from './pages.js';

type Phone = Awaited<ReturnType<typeof participant>>;

/** Own property names of Object.prototype, Object, Function.prototype and Object.prototype's methods, in the page. As source: the page runs it. */
const FOOTPRINT = `(() => {
  const holders = [Object.prototype, Object, Function.prototype];
  for (const name of Object.getOwnPropertyNames(Object.prototype)) if (typeof Object.prototype[name] === 'function') holders.push(Object.prototype[name]);
  return holders.map((holder) => Object.getOwnPropertyNames(holder).sort().join(' '));
})()`;

/** Events as a log written before ids were checked holds them, stored and then learned by the live session. */
async function replayOld(oogst: Running, sessionId: string, events: Omit<SessionEvent, 'seq' | 'at'>[]) {
  const runtime = (await oogst.app.oogst.hub.get(sessionId))!;
  let seq = runtime.state.seq;
  for (const event of events) expect((await oogst.store.appendEvent(sessionId, { ...event, seq: ++seq, at: Date.now() } as SessionEvent)).stored).toBe(true);
  await oogst.app.oogst.hub.learn(sessionId);
}

describe('hostile ids and the console page', () => {
  const running = serverAndBrowser();
  const watcher = new Watcher();

  it("keeps the page's Object.prototype, the counts and the selection right", { timeout: 60_000 }, async () => {
    const { oogst, browser } = running;
    const s = await startSession(oogst.url, 'ontwerpvragen');
    const console_ = new ConsolePage(watcher.watch(await (await browser.newContext()).newPage(), 'console'));
    await console_.open(s.session.consoleUrl);
    const before = await console_.page.evaluate(FOOTPRINT);

    const fac = await facilitator(oogst.url, s);
    const phones: Phone[] = [];
    for (let i = 0; i < 4; i++) phones.push(await participant(oogst.url, s));
    const [hostile, ...others] = phones as [Phone, ...Phone[]];
    const by = (phone: Phone) => ({ role: 'participant' as const, id: phone.identity.participantId });
    // Live: every hostile id a phone tries, as a command id and as the item voted on.
    const acks: Ack[] = [];
    expect((await fac.send('session.goto', { stepId: 'vragen' })).ok).toBe(true);
    for (const id of HOSTILE_IDS) acks.push(await hostile.send('questions.ask', { text: `Hoe kunnen we ${id} winnen?` }, 'vragen', id));
    expect((await others[0]!.send('questions.ask', { text: 'Hoe kunnen we eerder helpen?' }, 'vragen', 'gewoon')).ok).toBe(true);
    expect((await fac.send('step.reveal', { revealed: true }, 'vragen')).ok).toBe(true);
    expect((await fac.send('session.goto', { stepId: 'kiezen' })).ok).toBe(true);
    for (const phone of phones) expect((await phone.send('vote.place', { itemId: 'gewoon', dots: 1 }, 'kiezen')).ok).toBe(true);
    for (const id of HOSTILE_IDS) acks.push(await hostile.send('vote.place', { itemId: id, dots: 1 }, 'kiezen'));
    const row = (text: string) => console_.page.locator('.result li', { hasText: text }).locator('.dots');
    await console_.page.getByText('Hoe kunnen we eerder helpen?').first().waitFor();
    expect(await console_.page.evaluate(FOOTPRINT)).toEqual(before);
    await expect.poll(() => row('Hoe kunnen we eerder helpen?').textContent()).toMatch(/^4 stippen/);
    expect(acks.map((ack) => (ack.ok ? 'accepted' : ack.error))).toEqual(acks.map(() => 'invalid'));

    // From a log written before ids were checked, arriving live as from another server.
    await replayOld(oogst, s.session.id, [
      { id: '__proto__', type: 'questions.asked', stepId: 'vragen', actor: by(hostile), payload: { text: 'Hoe kunnen we de uitslag veranderen?' } },
      { id: 'constructor', type: 'questions.asked', stepId: 'vragen', actor: by(hostile), payload: { text: 'Hoe kunnen we iedereen horen?' } },
      { id: 'toString', type: 'vote.dots-placed', stepId: 'kiezen', actor: by(hostile), payload: { itemId: '__proto__', dots: 1, total: 1, voters: 4 } },
      { id: 'hasOwnProperty', type: 'vote.dots-placed', stepId: 'kiezen', actor: by(others[0]!), payload: { itemId: 'constructor', dots: 1, total: 1, voters: 4 } },
      { id: 'prototype', type: 'vote.dots-placed', stepId: 'kiezen', actor: by(others[1]!), payload: { itemId: '__proto__', dots: 1, total: 2, voters: 4 } },
    ]);
    await expect.poll(() => row('Hoe kunnen we de uitslag veranderen?').textContent()).toMatch(/^2 stippen/);
    expect(await row('Hoe kunnen we eerder helpen?').textContent()).toMatch(/^4 stippen/);
    expect(await row('Hoe kunnen we iedereen horen?').textContent()).toMatch(/^1 stip/);
    expect(await console_.page.locator('body').textContent()).not.toMatch(/\[object Object\]|NaN|undefined/);
    expect(await console_.page.evaluate(FOOTPRINT)).toEqual(before);

    // Nobody ticked a question: "constructor" must not read as selected.
    expect((await fac.send('session.goto', { stepId: 'vragen' })).ok).toBe(true);
    const question = (text: string) => console_.page.locator('li', { hasText: text }).getByRole('checkbox');
    await question('Hoe kunnen we iedereen horen?').waitFor();
    for (const text of ['Hoe kunnen we iedereen horen?', 'Hoe kunnen we de uitslag veranderen?', 'Hoe kunnen we eerder helpen?'])
      expect(await question(text).isChecked(), text).toBe(false);
    expect(watcher.problems).toEqual([]);
    for (const v of [fac, ...phones]) v.close();
  });
});
