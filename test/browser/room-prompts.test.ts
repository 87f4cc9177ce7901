/**
 * What a room reads while writing ontwerpvragen and voting on them: the instruction
 * stays on the screen however long the list grows, a paused timer says so on the
 * screen and on a 360×740 phone, the phone stops asking for questions once the list
 * is on the phones, and the vote's phone says its rules.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facilitator, participant, startOogst, startSession, type Running } from '../helpers/oogst.js';
import { launch, PhonePage, ScreenPage, shot, Watcher } from './pages.js';

const WRITE = 'Schrijf vragen die beginnen met "Hoe kunnen we …?"';

describe('prompts and rules in the room', () => {
  let oogst: Running;
  let browser: Browser;
  const watcher = new Watcher();
  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000', OOGST_COMMANDS_PER_SECOND: '1000' } });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
  });

  it('keeps the instruction in sight, says paused, ends the writing on the phone and states the vote', { timeout: 90_000 }, async () => {
    const s = await startSession(oogst.url, 'ontwerpvragen');
    const fac = await facilitator(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'vragen' })).ok).toBe(true);
    const phone = await PhonePage.join(browser, watcher, 'phone', s.session.joinUrl, { width: 360, height: 740 });
    const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(s.session.screenUrl);
    await phone.page.getByText(WRITE).waitFor();

    // Forty questions: the stage shrinks, the instruction stays.
    const writers = await Promise.all(Array.from({ length: 8 }, () => participant(oogst.url, s)));
    for (let i = 0; i < 40; i++) {
      const text = `Hoe kunnen we mantelzorgers eerder bereiken in wijk ${i + 1} zonder nieuwe formulieren?`;
      expect((await writers[i % 8]!.send('questions.ask', { text }, 'vragen')).ok).toBe(true);
    }
    await screen.page.getByText('40 vragen').waitFor();
    await screen.page.locator('header .prompt', { hasText: WRITE }).waitFor();
    expect(await screen.page.locator('.stage').evaluate((e) => Number(getComputedStyle(e).getPropertyValue('--fit')))).toBeLessThan(0.75);

    // A paused timer says so, on the screen and the phone.
    expect((await fac.send('timer.start', { seconds: 300 }, 'vragen')).ok).toBe(true);
    expect((await fac.send('timer.pause', {})).ok).toBe(true);
    await screen.page.getByRole('timer').getByText('gepauzeerd').waitFor();
    await phone.page.getByRole('timer').getByText('gepauzeerd').waitFor();
    await shot(screen.page, 'screen-questions-40-paused-1920');
    await shot(phone.page, 'phone-questions-paused-360');

    // The list on the phones: no more asking for questions.
    expect((await fac.send('step.reveal', { revealed: true }, 'vragen')).ok).toBe(true);
    await phone.page.getByText('Dit zijn alle vragen van de groep. Nieuwe vragen schrijven kan niet meer.').waitFor();
    expect(await phone.page.getByText(WRITE).count()).toBe(0);
    expect(await phone.page.getByRole('textbox').count()).toBe(0);
    await shot(phone.page, 'phone-questions-listed-360');

    // The vote: its rules on the phone.
    expect((await fac.send('session.goto', { stepId: 'kiezen' })).ok).toBe(true);
    await phone.page.getByText('Je hebt 3 stippen, hoogstens 1 per vraag.', { exact: false }).waitFor();
    await shot(phone.page, 'phone-vote-rules-360');
    for (const w of writers) w.close();
    fac.close();
    expect(watcher.problems).toEqual([]);
  });
});
