/**
 * A small win's trajectory in the browser: the phone's small-wins page at 390×844 in
 * the third meeting of an arena (the earlier wins and *Voortgang melden* a tab away at
 * the top, not below the registration form), and the arena page's history of a win.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, facilitator, participant, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';
import { launch, PhonePage, shot, Watcher } from './pages.js';

const SCRIPT = 'small-wins-reflectie';

describe('a small win’s trajectory on the phone and the arena page', () => {
  let oogst: Running;
  let browser: Browser;
  let third: StartedSession;
  const watcher = new Watcher();

  /** The next meeting of the arena, its small-wins step open. */
  async function nextMeeting(from: StartedSession, title: string) {
    const made = await api(oogst.url, 'POST', `/api/arenas/${from.arena.id}/sessions`, { script: SCRIPT, title }, from.arena.key);
    const s: StartedSession = { ...from, session: made.body, screenKey: new URL(made.body.screenUrl).hash.replace('#key=', '') };
    const fac = await facilitator(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'small-wins' })).ok).toBe(true);
    return { s, fac };
  }

  beforeAll(async () => {
    oogst = await startOogst();
    browser = await launch();
    const first = await startSession(oogst.url, SCRIPT);
    const fac1 = await facilitator(oogst.url, first);
    expect((await fac1.send('session.goto', { stepId: 'small-wins' })).ok).toBe(true);
    const p1 = await participant(oogst.url, first);
    await p1.until((v) => v.state!.current === 1, 5000, 'phone on the step');
    expect((await p1.send('smallwin.register', { title: 'Buurtkamer', candidate: true, chafes: 'Het mag niet van de huurregels' }, 'small-wins')).ok).toBe(true);
    expect((await p1.send('smallwin.register', { title: 'Koffie-uur', result: 'Elke dinsdag koffie' }, 'small-wins')).ok).toBe(true);
    p1.close();
    fac1.close();

    const { s: second, fac: fac2 } = await nextMeeting(first, 'Bijeenkomst 2');
    const win = fac2.state!.arenaContext.smallwin as { wins: { id: string; title: string; session: { id: string } }[] };
    const buurtkamer = win.wins.find((w) => w.title === 'Buurtkamer')!;
    const ack = await fac2.send(
      'smallwin.progress',
      { sessionId: buurtkamer.session.id, winId: buurtkamer.id, phase: 'definitiefase', note: 'De inbrenger sprak haar team', meaningfulStep: 'Wij kookten apart; nu samen' },
      'small-wins',
    );
    expect(ack.ok).toBe(true);
    fac2.close();
    ({ s: third } = await nextMeeting(second, 'Bijeenkomst 3'));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
  });

  it('phone, 390×844: the earlier wins and Voortgang melden are a tab away at the top, with the history', async () => {
    const phone = await PhonePage.join(browser, watcher, 'phone-trajectory', third.session.joinUrl);
    const page = phone.page;
    await page.getByLabel('Naam van de small win').waitFor();
    const tab = page.getByRole('tab', { name: 'Eerdere small wins (2)' });
    const box = (await tab.boundingBox())!;
    // Reachable without scrolling past the registration form.
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await shot(page, 'smallwin-phone-register-390');

    await tab.click();
    const card = page.locator('li.card', { hasText: 'Buurtkamer' });
    await card.getByText('De inbrenger sprak haar team').waitFor();
    await card.getByText('Wij kookten apart; nu samen').waitFor();
    const report = card.getByRole('button', { name: 'Voortgang melden' });
    const reportBox = (await report.boundingBox())!;
    expect(reportBox.y + reportBox.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await shot(page, 'smallwin-phone-earlier-390');

    // The werkboekje's questions of the phase it is in, and the reflection questions.
    await report.click();
    await card.getByText('Vragen uit het werkboekje: Definitiefase').click();
    await card.getByLabel('Hoe evalueren we het effect: is het een small win?').fill('We tellen wie terugkomt');
    await card.getByRole('button', { name: 'Voortgang opslaan' }).click();
    await card.getByText('Je bijdrage is opgeslagen').or(card.locator('.update')).first().waitFor();
    await shot(page, 'smallwin-phone-progress-390');
    expect(watcher.problems).toEqual([]);
    await phone.context.close();
  });

  it('arena page: each win with where it stands and its dated history', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = watcher.watch(await context.newPage(), 'arena');
    await page.goto(`${oogst.url}/#${new URLSearchParams({ arena: third.arena.id, key: third.arena.key, title: 'Jonge mantelzorgers Leiden' })}`);
    const buurtkamer = page.locator('.wins > li', { hasText: 'Buurtkamer' });
    await buurtkamer.locator('ol.history li').first().waitFor();
    // Meeting 2's update, then what the phone above added in meeting 3, in order.
    const entries = buurtkamer.locator('ol.history > li');
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.nth(0).textContent()).toMatch(/Bijeenkomst 2.*nieuwe fase: Definitiefase.*De inbrenger sprak haar team/s);
    expect(await entries.nth(1).textContent()).toMatch(/Bijeenkomst 3.*Hoe evalueren we het effect: is het een small win\?.*We tellen wie terugkomt/s);
    expect(await buurtkamer.textContent()).toContain('Behaald · Definitiefase');
    expect(await page.locator('.wins > li', { hasText: 'Koffie-uur' }).textContent()).toContain('Behaald');
    await buurtkamer.scrollIntoViewIfNeeded();
    await shot(page, 'smallwin-arena-history-1366');
    expect(watcher.problems).toEqual([]);
    await context.close();
  });
});
