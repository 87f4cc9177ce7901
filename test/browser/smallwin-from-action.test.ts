/**
 * An action becomes a small-win candidate in the browser: in the third meeting the
 * console (1366×768) chooses *Van een actie*, the form is prefilled with the action's
 * what and a candidate, and the saved win shows the action's dated history; the arena
 * page shows it before the win's own trajectory; a phone (390×844) chooses the same way;
 * the screen's cards of both wins name the action (1920×1080 and 1280×720).
 * In a fourth meeting the console, the screen and a phone show where the earlier win
 * came from. All pass the accessibility scan.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionThroughTwoMeetings, ACTION_TO_WIN, meetingOnWins } from '../helpers/action-to-win.js';
import type { StartedSession } from '../helpers/oogst.js';
import { scriptedArena } from '../helpers/scripted-arena.js';
import { axeProblems } from './axe.js';
import { launch, PhonePage, shot, Watcher } from './pages.js';

describe('a small win from an action in the console and on the arena page', () => {
  const arenaRun = scriptedArena({ traject: ACTION_TO_WIN });
  let browser: Browser;
  let third: StartedSession;
  let meeting: Awaited<ReturnType<typeof actionThroughTwoMeetings>>;
  const watcher = new Watcher();

  beforeAll(async () => {
    browser = await launch();
    meeting = await actionThroughTwoMeetings(arenaRun);
    third = meeting.three;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('console, 1366×768: Van een actie prefills a candidate, and the saved win keeps the action’s history', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await context.newPage(), 'console');
    await page.goto(third.session.consoleUrl);
    await page.getByLabel('Van een actie').selectOption({ label: 'Buurtlunch elke maand' });
    await expect.poll(() => page.getByLabel('Naam van de small win').inputValue()).toBe('Buurtlunch elke maand');
    await page.getByText('Eerste lunch met twaalf buren').first().waitFor();
    await shot(page, 'smallwin-from-action-console-form-1366');
    await page.getByRole('button', { name: 'Small win opslaan' }).click();
    const win = page.locator('li.win', { hasText: 'Buurtlunch elke maand' });
    await win.getByText('Voortgekomen uit de actie Buurtlunch elke maand').waitFor();
    await win.getByText('Gekozen in Bijeenkomst 1').waitFor();
    expect(await win.textContent()).toMatch(/Kandidaat/);
    // An action a win of this step already came from is offered no more.
    await expect.poll(() => page.getByLabel('Van een actie').count()).toBe(0);
    await shot(page, 'smallwin-from-action-console-1366');
    expect(await axeProblems(page)).toEqual([]);
    expect(watcher.problems).toEqual([]);
    await context.close();
  });

  it('arena page: the origin with its dated history before the win’s own trajectory', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = watcher.watch(await context.newPage(), 'arena');
    await page.goto(`${arenaRun.url}/#${new URLSearchParams({ arena: third.arena.id, key: third.arena.key, title: 'Jonge mantelzorgers' })}`);
    const win = page.locator('.wins > li', { hasText: 'Voortgekomen uit de actie' });
    await win.getByText('Gekozen in Bijeenkomst 1').waitFor();
    expect(await win.locator('.origin li').allTextContents()).toEqual([expect.stringMatching(/2 mrt\.? 2026.*Gekozen in Bijeenkomst 1/s), expect.stringMatching(/6 apr\.? 2026.*Eerste lunch met twaalf buren/s)]);
    await win.scrollIntoViewIfNeeded();
    await shot(page, 'smallwin-from-action-arena-1366');
    expect(await axeProblems(page)).toEqual([]);
    expect(watcher.problems).toEqual([]);
    await context.close();
  });

  it('phone, 390×844: Van een actie prefills a candidate, and the saved win names the action', async () => {
    const phone = await PhonePage.join(browser, watcher, 'phone-from-action', third.session.joinUrl);
    const page = phone.page;
    await page.getByLabel('Van een actie').selectOption({ label: 'Buurtlunch elke maand' });
    await expect.poll(() => page.getByLabel('Naam van de small win').inputValue()).toBe('Buurtlunch elke maand');
    await page.getByText('Eerste lunch met twaalf buren').waitFor();
    expect(await page.getByRole('radio', { name: /Kandidaat/ }).isChecked()).toBe(true);
    await shot(page, 'smallwin-from-action-phone-form-390');
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Small win opslaan' }).click();
    const win = page.locator('li.mine', { hasText: 'Buurtlunch elke maand' });
    await win.getByText('Voortgekomen uit de actie Buurtlunch elke maand').waitFor();
    await win.getByText('opgeslagen').waitFor();
    // The phone's own win took the action: it is offered no more here.
    await page.getByRole('button', { name: 'Nog een small win vastleggen' }).click();
    await page.getByLabel('Naam van de small win').waitFor();
    expect(await page.getByLabel('Van een actie').count()).toBe(0);
    await shot(page, 'smallwin-from-action-phone-390');
    expect(watcher.problems).toEqual([]);
    await phone.context.close();
  });

  it('screen, 1920×1080 and 1280×720: this meeting’s wins name the action they came from, whole and readable, two of them or eight', async () => {
    for (const [count, viewport] of [
      [2, { width: 1920, height: 1080 }],
      [2, { width: 1280, height: 720 }],
      [8, { width: 1920, height: 1080 }],
      [8, { width: 1280, height: 720 }],
    ] as const) {
      // The console's win and the phone's, both from the action; then six more from it, a full room.
      for (let n = winsOnScreen(); n < count; n++) {
        const from = { kind: 'action', sessionId: meeting.one.session.id, id: meeting.lunch.id };
        expect((await meeting.fac3.send('smallwin.register', { title: `Lunch in wijk ${n}`, result: 'Twaalf buren aan tafel, elke maand weer', from }, 'wins')).ok).toBe(true);
      }
      const context = await browser.newContext({ viewport });
      const page = watcher.watch(await context.newPage(), `screen-${viewport.width}`);
      await page.goto(third.session.screenUrl);
      const origins = page.locator('.cards li.win .origin');
      await expect.poll(() => origins.count()).toBe(count);
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      await shot(page, `smallwin-from-action-screen-${count}-${viewport.width}`);
      for (const origin of await origins.all()) {
        expect(await origin.textContent()).toBe('Voortgekomen uit de actie Buurtlunch elke maand');
        const { fontPx, cut } = await origin.evaluate((el) => ({ fontPx: parseFloat(getComputedStyle(el).fontSize), cut: el.scrollHeight > el.clientHeight + 1 }));
        // The screen scales with the projector: at least 16 px at 1920×1080, as much in proportion at 1280×720.
        expect(fontPx, `${count} at ${viewport.width}: origin text size`).toBeGreaterThanOrEqual((16 * viewport.width) / 1920);
        expect(cut, `${viewport.width}: origin cut off`).toBe(false);
      }
      expect(await axeProblems(page)).toEqual([]);
      await context.close();
    }
    expect(watcher.problems).toEqual([]);
  });

  const winsOnScreen = () => (meeting.fac3.state!.stepStates.wins!.data as { wins: unknown[] }).wins.length;

  it('meeting 4: console, screen and phone show where the earlier win came from', async () => {
    const { session: fourth } = await meetingOnWins(arenaRun, 'Bijeenkomst 4', '2026-06-08');
    const origin = 'Voortgekomen uit de actie Buurtlunch elke maand';
    const views = [
      { name: 'console', url: fourth.session.consoleUrl, viewport: { width: 1366, height: 768 }, card: '.earlier li.card' },
      { name: 'screen', url: fourth.session.screenUrl, viewport: { width: 1920, height: 1080 }, card: '.earlier li' },
    ];
    for (const view of views) {
      const context = await browser.newContext({ viewport: view.viewport });
      const page = watcher.watch(await context.newPage(), view.name);
      await page.goto(view.url);
      const card = page.locator(view.card, { hasText: 'Buurtlunch elke maand' }).first();
      await card.getByText(origin).waitFor();
      await card.scrollIntoViewIfNeeded();
      await shot(page, `smallwin-earlier-origin-${view.name}`);
      expect(await axeProblems(page)).toEqual([]);
      await context.close();
    }
    const phone = await PhonePage.join(browser, watcher, 'phone-earlier-origin', fourth.session.joinUrl);
    await phone.page.getByRole('tab', { name: /Eerdere small wins/ }).click();
    const card = phone.page.locator('li.card.earlier', { hasText: 'Buurtlunch elke maand' }).first();
    await card.getByText(origin).waitFor();
    await card.getByText('Gekozen in Bijeenkomst 1').waitFor();
    await shot(phone.page, 'smallwin-earlier-origin-phone-390');
    expect(await axeProblems(phone.page)).toEqual([]);
    expect(watcher.problems).toEqual([]);
    await phone.context.close();
  });
});
