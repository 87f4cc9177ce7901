/**
 * The screen as a room sees it: a wall of many notes that still fits 1280×720 and
 * 1920×1080, the join slide the facilitator puts up, the dark theme, full screen (and
 * what happens where the browser cannot), the arena's English, reduced motion and
 * visible focus. AAA contrast on the screen, AA elsewhere. Screenshots go to
 * test-results/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participant, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';
import { axeProblems } from './axe.js';
import { ConsolePage, HomePage, launch, PhonePage, ScreenPage, shot, Watcher } from './pages.js';
import { RoomScreen, StepConsole } from './step-pages.js';

const NOTES = [
  'Lange wachtlijsten voor respijtzorg',
  'Niemand weet wie de mantelzorger is',
  'Formulieren die niemand begrijpt',
  'Het buurtteam kent de mensen bij naam',
  'Jongeren worden pas laat gezien',
  'Vervoer naar de dagbesteding is geregeld',
  'School weet niet wat er thuis speelt',
  'Een vaste contactpersoon bij de gemeente',
];

describe('the screen in a real browser', () => {
  let oogst: Running;
  let browser: Browser;
  const watcher = new Watcher();
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    oogst = await startOogst();
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await oogst?.stop();
  });

  async function open(s: StartedSession, size: { width: number; height: number }, reducedMotion: 'reduce' | 'no-preference' = 'no-preference') {
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 }, reducedMotion });
    const projector = await browser.newContext({ viewport: size, reducedMotion });
    contexts.push(laptop, projector);
    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console'));
    await console_.open(s.session.consoleUrl);
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(s.session.screenUrl);
    return { console_, facilitator: new StepConsole(console_), screen: new RoomScreen(screen) };
  }

  const problems = async (page: Page, aaa = false) => (await axeProblems(page, { aaa })).map((p) => `${p.id}: ${p.nodes.join(' | ')}`);

  /** At 1280×720 and at 1920×1080: nothing scrolls, AAA contrast holds, and the join code stays in its corner. */
  async function fitsBothSizes(screen: RoomScreen, name: string) {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await screen.page.setViewportSize(size);
      await expect.poll(() => screen.overflow()).toBe(0);
      expect(await problems(screen.page, true)).toEqual([]);
      await shot(screen.page, `${name}-${size.width}`);
      await expect.poll(() => screen.page.locator('.badge .code').isVisible()).toBe(true);
    }
  }

  it('fits sixty-four notes at 1280×720 and 1920×1080 without scrolling, in light and dark', async () => {
    const s = await startSession(oogst.url);
    const { console_, screen } = await open(s, { width: 1280, height: 720 });
    await console_.page.getByRole('button', { name: /Klaag- en jubelmuur/ }).first().click();
    await screen.page.getByRole('heading', { level: 1, name: 'Klaag- en jubelmuur' }).waitFor();

    const writers = await Promise.all(Array.from({ length: 8 }, () => participant(oogst.url, s)));
    for (const [w, writer] of writers.entries())
      for (const [i, note] of NOTES.entries()) {
        const ack = await writer.send('wall.post', { column: (w + i) % 3 ? 'klaagmuur' : 'jubelmuur', text: `${note} (${w + 1})` }, 'muur');
        expect(ack.ok).toBe(true);
      }
    await screen.page.getByText('Een vaste contactpersoon bij de gemeente (8)').waitFor();
    // The timer counts down on the screen too, and stays readable when paused.
    await console_.page.getByRole('button', { name: /^Start timer/ }).click();
    await screen.page.getByRole('timer').waitFor();
    await console_.page.getByRole('button', { name: 'Pauzeer' }).click();
    await screen.page.getByRole('timer').getByText('gepauzeerd').waitFor();
    await fitsBothSizes(screen, 'screen-wall-64');

    await screen.toggleDark();
    expect(await screen.theme()).toBe('dark');
    await screen.page.setViewportSize({ width: 1280, height: 720 });
    expect(await screen.overflow()).toBe(0);
    expect(await problems(screen.page, true)).toEqual([]);
    await shot(screen.page, 'screen-wall-64-dark-1280');
    await screen.page.reload();
    await screen.page.getByText('Een vaste contactpersoon bij de gemeente (8)').waitFor();
    expect(await screen.theme()).toBe('dark'); // kept on this projector
    await screen.toggleDark();
    expect(await screen.theme()).toBe('light');
    for (const w of writers) w.close();
  });

  it('fits twenty-four long answers once revealed, at both sizes', async () => {
    const s = await startSession(oogst.url);
    const { console_, screen } = await open(s, { width: 1920, height: 1080 });
    await console_.next();
    await screen.page.getByRole('heading', { level: 1, name: 'Onze droom voor de doelgroep' }).waitFor();
    const writers = await Promise.all(Array.from({ length: 24 }, () => participant(oogst.url, s)));
    for (const [w, writer] of writers.entries()) {
      const text = `${NOTES[w % NOTES.length]}: daarom droom ik dat over vijf jaar iedere jonge mantelzorger in de wijk iemand heeft die weet wat er thuis speelt en die tijd maakt (${w + 1}).`;
      expect((await writer.send('open.answer', { questionId: 'droom', text }, 'droom')).ok).toBe(true);
    }
    await console_.reveal();
    await screen.page.getByText(/tijd maakt \(24\)/).waitFor();
    await fitsBothSizes(screen, 'screen-open-24');
    for (const w of writers) w.close();
  });

  it('puts the join slide up from the console and takes it down again, with the live count', async () => {
    const s = await startSession(oogst.url);
    const { console_, facilitator, screen } = await open(s, { width: 1920, height: 1080 });
    await console_.next(); // past the welcome slide, whose big join panel would hide the difference
    await screen.page.getByRole('heading', { level: 1, name: 'Onze droom' }).waitFor();
    const phone = await PhonePage.join(browser, watcher, 'phone', s.session.joinUrl, { width: 360, height: 740 });
    contexts.push(phone.context);
    await screen.participantCount(1);

    await facilitator.toggleJoinSlide(true);
    await screen.showsJoinSlide();
    expect(await screen.page.locator('.join-slide .code').textContent()).toBe(s.session.code);
    await screen.page.getByText('1 deelnemer', { exact: true }).waitFor();
    await shot(screen.page, 'screen-join-slide-1920');
    expect(await screen.overflow()).toBe(0);
    expect(await problems(screen.page, true)).toEqual([]);
    await screen.page.setViewportSize({ width: 1280, height: 720 });
    await shot(screen.page, 'screen-join-slide-1280');
    expect(await screen.overflow()).toBe(0);
    expect(await problems(console_.page)).toEqual([]);
    await shot(console_.page, 'console-join-slide-1366');

    await facilitator.toggleJoinSlide(false);
    await screen.page.locator('.join-slide').waitFor({ state: 'detached' });
    await screen.page.getByRole('heading', { level: 1, name: 'Onze droom' }).waitFor();
    expect(watcher.problems).toEqual([]);
  });

  it('goes full screen, and names the key where the browser cannot', async () => {
    const s = await startSession(oogst.url);
    const { screen } = await open(s, { width: 1280, height: 720 });
    const button = screen.page.getByRole('button', { name: 'Volledig scherm' });
    await button.click();
    await expect.poll(() => screen.page.evaluate(() => !!document.fullscreenElement)).toBe(true);
    // The page hears of it in the fullscreenchange event, a moment after the document knows.
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    // Out of the room's sight: back while the mouse moves, gone again when it rests, back when the keyboard reaches it.
    const opacity = () => screen.page.locator('.tools').evaluate((e) => getComputedStyle(e).opacity);
    await screen.page.mouse.move(10, 10);
    await screen.page.mouse.move(40, 40);
    await expect.poll(opacity).toBe('1');
    await expect.poll(opacity, { timeout: 10_000 }).toBe('0');
    await screen.page.keyboard.press('Shift+Tab');
    await screen.page.keyboard.press('Tab');
    await expect.poll(() => screen.page.locator('.tools').evaluate((e) => getComputedStyle(e).opacity)).toBe('1');
    await button.click();
    await expect.poll(() => screen.page.evaluate(() => !!document.fullscreenElement)).toBe(false);

    // A browser without the Fullscreen API (an iPad's Safari, a kiosk browser).
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    contexts.push(context);
    await context.addInitScript(() => {
      Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false });
    });
    const bare = new ScreenPage(watcher.watch(await context.newPage(), 'screen without fullscreen'));
    await bare.open(s.session.screenUrl);
    await bare.page.getByRole('button', { name: 'Volledig scherm' }).click();
    await bare.page.getByRole('status').getByText(/druk op F11/).waitFor();
  });

  it("speaks the arena's English, chosen on the arena page, and leaves the laptop's own choice alone", async () => {
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(laptop);
    const home = new HomePage(watcher.watch(await laptop.newPage(), 'home'));
    await home.open(oogst.url);
    expect(await problems(home.page)).toEqual([]);
    await home.createArena('Young carers Leiden', '');
    await home.page.getByLabel('Taal van het scherm').selectOption('en');
    await home.page.getByText('Bewaard; open schermen volgen meteen.').waitFor();
    expect(await problems(home.page)).toEqual([]);
    await shot(home.page, 'home-arena-locale-1366');
    const { screenHref, code } = await home.startSession('Klaag- en jubelmuur');

    const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    contexts.push(projector);
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen en'));
    await screen.open(screenHref);
    await screen.page.getByRole('heading', { name: 'Join in', exact: true }).waitFor();
    await screen.page.getByText('0 participants').first().waitFor();
    await screen.page.getByRole('button', { name: 'Dark theme' }).waitFor();
    expect(await screen.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shot(screen.page, 'screen-welcome-en-1920');
    // The facilitator's own choice on this laptop is untouched: the console stays Dutch.
    expect(await screen.page.evaluate(() => localStorage.getItem('oogst:lang'))).not.toBe('en');
    expect(await screen.page.locator('.code').first().textContent()).toBe(code);
  });

  it('holds still for people who ask for less motion, and shows where the keyboard is', async () => {
    const s = await startSession(oogst.url);
    const { console_, screen } = await open(s, { width: 1280, height: 720 }, 'reduce');
    const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, reducedMotion: 'reduce', isMobile: true, hasTouch: true });
    contexts.push(phoneContext);
    const phonePage = watcher.watch(await phoneContext.newPage(), 'phone reduced');
    await phonePage.goto(s.session.joinUrl);
    await phonePage.getByText('Je doet mee als').waitFor();
    await console_.page.getByRole('button', { name: /Klaag- en jubelmuur/ }).first().click();
    const phone = new PhonePage(phoneContext, phonePage);
    await phone.postNote('Klaagmuur', 'Lange wachtlijsten voor respijtzorg');
    await screen.page.getByText('Lange wachtlijsten voor respijtzorg').waitFor();
    // One note on the wall is drawn larger than the base size, for the back row.
    await expect.poll(() => screen.page.locator('.stage').evaluate((e) => Number(e.style.getPropertyValue('--fit')))).toBeGreaterThan(1);

    /** The longest animation or transition on the page, in seconds. */
    const longestMotion = (page: Page) =>
      page.evaluate(() => {
        const seconds = (v: string) => Math.max(...v.split(',').map((d) => (d.trim().endsWith('ms') ? parseFloat(d) / 1000 : parseFloat(d))));
        return Math.max(
          ...[...document.querySelectorAll('*')].map((e) => {
            const style = getComputedStyle(e);
            return Math.max(seconds(style.animationDuration), seconds(style.transitionDuration));
          }),
        );
      });
    for (const page of [screen.page, console_.page, phonePage]) expect(await longestMotion(page)).toBeLessThan(0.001);

    // Tabbing to a control on each view shows a clear outline.
    for (const page of [screen.page, console_.page, phonePage]) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const el = document.activeElement!;
        const style = getComputedStyle(el);
        return { tag: el.tagName, width: parseFloat(style.outlineWidth), style: style.outlineStyle };
      });
      expect(outline.style, `${outline.tag} on ${page.url()}`).not.toBe('none');
      expect(outline.width).toBeGreaterThanOrEqual(2);
    }
    expect(watcher.problems).toEqual([]);
  });
});
