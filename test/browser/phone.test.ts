/**
 * The phone on a bad connection and with a screen that locks, in a real browser at
 * 360 × 740: what is typed in any free-text field survives a dropped connection and a
 * reload; a page that comes back (screen unlocked, back/forward cache) reconnects at
 * once, resyncs and sends what waited; the step is drawn before the script's other
 * kinds have arrived. Screenshots go to test-results/screenshots/.
 */
import { join as joinPath } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChunks } from '../../server/routes/preloads.js';
import type { WallData } from '../../kinds/wall/model.js';
import { api, facilitator, participant, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';
import { launch, PhonePage, shot, Watcher } from './pages.js';

const SMALL = { width: 360, height: 740 };

/** As the browser tells a page that the screen locked or unlocked. */
async function setVisible(page: Page, visible: boolean) {
  await page.evaluate((visible) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (visible ? 'visible' : 'hidden') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

/** Offline until the page says so, and back until it says it is connected. */
async function dropConnection(phone: PhonePage) {
  await phone.context.setOffline(true);
  await phone.page.getByText('Verbinding verbroken', { exact: false }).first().waitFor({ timeout: 60_000 });
}
async function restoreConnection(phone: PhonePage) {
  await phone.context.setOffline(false);
  await phone.page.getByRole('status').getByText('Verbonden', { exact: true }).waitFor({ timeout: 60_000 });
}

describe('the phone on a bad connection', () => {
  let oogst: Running;
  let browser: Browser;
  const watcher = new Watcher();
  const phones: PhonePage[] = [];
  beforeAll(async () => {
    oogst = await startOogst();
    browser = await launch();
  });
  afterAll(async () => {
    for (const phone of phones) await phone.context.close();
    await browser?.close();
    await oogst?.stop();
  });
  const joinUrl = (s: StartedSession) => `${oogst.url}/j/${s.session.code}`;
  const join = async (s: StartedSession, name: string) => {
    const phone = await PhonePage.join(browser, watcher, name, joinUrl(s), SMALL);
    phones.push(phone);
    return phone;
  };

  /** Types into the step's first free-text field while offline, then reloads once back: the text is still there. */
  async function keepsDraft(phone: PhonePage, stepId: string, name: string) {
    const field = phone.page.getByRole('textbox').first();
    await field.waitFor();
    await dropConnection(phone);
    const text = `Offline: ${name}`; // short enough for a word of the word cloud
    await field.fill(text);
    await shot(phone.page, `phone-draft-offline-${name}-360`);
    await restoreConnection(phone);
    expect(await field.inputValue()).toBe(text);
    await phone.page.reload();
    await phone.page.getByText('Je doet mee als').waitFor();
    await field.waitFor();
    expect(await field.inputValue(), stepId).toBe(text);
  }

  it('keeps what is typed in every free-text field of every kind through a dropped connection and a reload', async () => {
    const wall = await startSession(oogst.url, 'klaag-en-jubelmuur');
    const fac = await facilitator(oogst.url, wall);
    const phone = await join(wall, 'phone-draft');
    for (const [stepId, name] of [['droom', 'open'], ['muur', 'wall'], ['vragen', 'questions']] as const) {
      expect((await fac.send('session.goto', { stepId })).ok).toBe(true);
      await keepsDraft(phone, stepId, name);
    }
    fac.close();

    const wins = await startSession(oogst.url, 'small-wins-reflectie');
    const winsFac = await facilitator(oogst.url, wins);
    const winsPhone = await join(wins, 'phone-draft-smallwin');
    expect((await winsFac.send('session.goto', { stepId: 'small-wins' })).ok).toBe(true);
    await keepsDraft(winsPhone, 'small-wins', 'smallwin');
    // The next meeting of the arena: progress on that win, in a form the phone fetches after the step is drawn.
    const win = await participant(oogst.url, wins);
    expect((await win.send('smallwin.register', { title: 'Koffie-uur' }, 'small-wins')).ok).toBe(true);
    win.close();
    const next = await api(oogst.url, 'POST', `/api/arenas/${wins.arena.id}/sessions`, { script: 'small-wins-reflectie' }, wins.arena.key);
    const later: StartedSession = { ...wins, session: next.body };
    const laterFac = await facilitator(oogst.url, later);
    expect((await laterFac.send('session.goto', { stepId: 'small-wins' })).ok).toBe(true);
    const laterPhone = await join(later, 'phone-draft-progress');
    const earlierTab = laterPhone.page.getByRole('tab', { name: /Eerdere small wins/ });
    await earlierTab.click();
    await laterPhone.page.locator('li', { hasText: 'Koffie-uur' }).getByRole('button', { name: 'Voortgang melden' }).click();
    await laterPhone.page.getByLabel('Wat is er gebeurd?').waitFor();
    const progress = laterPhone.page.getByLabel('Wat is er gebeurd?');
    await dropConnection(laterPhone);
    await progress.fill('Loopt nu elke week');
    await shot(laterPhone.page, 'phone-draft-offline-smallwin-progress-360');
    await restoreConnection(laterPhone);
    await laterPhone.page.reload();
    await earlierTab.click();
    await laterPhone.page.locator('li', { hasText: 'Koffie-uur' }).getByRole('button', { name: 'Voortgang melden' }).click();
    expect(await progress.inputValue()).toBe('Loopt nu elke week');
    winsFac.close();
    laterFac.close();

    const appreciative = await startSession(oogst.url, 'waarderend-veranderen');
    const apFac = await facilitator(oogst.url, appreciative);
    const first = await join(appreciative, 'phone-draft-a');
    expect((await apFac.send('session.goto', { stepId: 'kernthema-woorden' })).ok).toBe(true);
    await keepsDraft(first, 'kernthema-woorden', 'wordcloud');
    // An interview needs a partner; the one who asks writes.
    const second = await join(appreciative, 'phone-draft-b');
    expect((await apFac.send('session.goto', { stepId: 'interviews' })).ok).toBe(true);
    await apFac.until((v) => v.presence === 2, 10_000, 'two phones');
    expect((await apFac.send('interview.pair', {}, 'interviews')).ok).toBe(true);
    const asks = async (p: PhonePage) => {
      await p.page.getByText(/^(Jij interviewt|.+ interviewt jou)/).waitFor();
      return (await p.page.getByText(/^Jij interviewt/).count()) > 0;
    };
    const interviewer = (await asks(first)) ? first : second;
    await keepsDraft(interviewer, 'interviews', 'interview');
    apFac.close();

    expect(watcher.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::/.test(p))).toEqual([]);
  });

  it('reconnects and resyncs when the screen unlocks, after a long sleep or from the back/forward cache, and sends what waited', async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    const phone = await join(s, 'phone-resume');
    await phone.postNote('Klaagmuur', 'Voor het slot');
    const notes = () => (fac.state!.stepStates.muur!.data as WallData).notes.map((n) => n.text);

    // The screen locks and the network goes; a note is posted just before.
    await setVisible(phone.page, false);
    await dropConnection(phone);
    await phone.page.getByRole('button', { name: /Klaagmuur/ }).click();
    await phone.page.getByRole('textbox').fill('Net voor het slot');
    await phone.page.getByRole('button', { name: 'Plaats briefje' }).click();
    await phone.page.getByText('wordt verstuurd', { exact: false }).first().waitFor();
    // Meanwhile the facilitator hides the first note: the phone learns of it only when back.
    const first = (fac.state!.stepStates.muur!.data as WallData).notes[0]!;
    expect((await fac.send('wall.hide', { noteId: first.id, hidden: true }, 'muur')).ok).toBe(true);

    await phone.context.setOffline(false);
    await setVisible(phone.page, true);
    await phone.page.locator('li', { hasText: 'Net voor het slot' }).getByText('opgeslagen').waitFor({ timeout: 60_000 });
    // The hiding reached the phone's own room while it was away: its new socket brought a snapshot.
    await phone.page.locator('li.hidden', { hasText: 'Voor het slot' }).waitFor();
    await fac.until(() => notes().length === 2, 10_000, 'both notes');
    expect(notes()).toEqual(['Voor het slot', 'Net voor het slot']);
    await shot(phone.page, 'phone-resumed-360');

    // Restored from the back/forward cache: the socket froze with the page, so a new one is opened at
    // once. Nothing for this phone changed meanwhile, so the server says its view is current (no snapshot),
    // and what the participant had chosen and typed stays.
    await phone.page.getByRole('status').getByText('Verbonden', { exact: true }).waitFor();
    await phone.page.getByRole('button', { name: /Klaagmuur/ }).click();
    await phone.page.getByRole('textbox').fill('Na het terugkomen');
    const reopened = phone.page.waitForEvent('websocket');
    await phone.page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
    const socket = await reopened;
    await socket.waitForEvent('framereceived', { predicate: (frame) => String(frame.payload).startsWith('42["current"') });
    await phone.page.getByRole('status').getByText('Verbonden', { exact: true }).waitFor();
    await phone.page.getByRole('button', { name: 'Plaats briefje' }).click();
    await phone.page.locator('li', { hasText: 'Na het terugkomen' }).getByText('opgeslagen').waitFor();
    await fac.until(() => notes().length === 3, 10_000, 'three notes');

    // The screen stays locked longer than the server's ping interval: the socket may look connected but be dead,
    // so waking opens a new one. (The clock is moved on for the moment of waking instead of waiting.)
    await setVisible(phone.page, false);
    const woken = phone.page.waitForEvent('websocket');
    await phone.page.evaluate(() => {
      const now = Date.now;
      Date.now = () => now() + 60_000;
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
      Date.now = now;
    });
    await (await woken).waitForEvent('framereceived', { predicate: (frame) => String(frame.payload).startsWith('42["current"') });
    await phone.page.getByRole('status').getByText('Verbonden', { exact: true }).waitFor();

    // A real trip away and back: restored or reloaded, the phone is the same participant with its notes.
    await phone.page.goto(`${oogst.url}/`);
    await phone.page.goBack();
    await phone.page.locator('li', { hasText: 'Na het terugkomen' }).getByText('opgeslagen').waitFor();
    await phone.page.getByRole('status').getByText('Verbonden', { exact: true }).waitFor();
    expect(watcher.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::/.test(p))).toEqual([]);
    fac.close();
  });
  it('draws the step before the script’s other kinds have arrived, and applies what happened meanwhile once they have', async () => {
    const s = await startSession(oogst.url); // klaag-en-jubelmuur: slide, open, wall, open, questions, open
    const fac = await facilitator(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);
    const chunks = readChunks(joinPath(import.meta.dirname, '../../dist/client'))!;
    const others = new Set(['slide', 'open', 'questions'].flatMap((kind) => chunks.kinds[kind]!.filter((file) => !chunks.app.includes(file))));
    // The other kinds' files hang, as on a network that has not delivered them yet.
    const held: Route[] = [];
    const context = await browser.newContext({ viewport: SMALL, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await context.route(
      (url) => others.has(url.pathname.slice(1)),
      (route) => void held.push(route),
    );
    const page = watcher.watch(await context.newPage(), 'phone-before-other-kinds');
    phones.push(new PhonePage(context, page));
    await page.goto(joinUrl(s));
    const field = page.getByRole('textbox');
    await field.waitFor();
    expect(await field.isEnabled()).toBe(true);
    await expect.poll(() => held.length).toBeGreaterThan(0);
    // Something happens in the room while the phone still lacks those kinds: it waits, then shows.
    expect((await fac.send('timer.start', { seconds: 300 }, 'muur')).ok).toBe(true);
    await shot(page, 'phone-before-other-kinds-360');
    await context.unroute(() => true);
    for (const route of held) await route.continue();
    await page.getByRole('timer').waitFor({ timeout: 30_000 });
    fac.close();
  });
  it('counts its notes that wait for approval against the wall’s limit, also after a reload', async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);
    expect((await fac.send('moderation.set', { on: true })).ok).toBe(true);
    const phone = await join(s, 'phone-held-count');
    await phone.page.getByRole('button', { name: /Klaagmuur/ }).click();
    for (const text of ['Eerste die wacht', 'Tweede die wacht']) {
      await phone.page.getByRole('textbox').fill(text);
      await phone.page.getByRole('button', { name: 'Plaats briefje' }).click();
    }
    await fac.until(() => fac.state!.moderation.held.length === 2, 10_000, 'two notes held');
    await phone.page.getByText('2 van 10 briefjes geplaatst').waitFor();
    await phone.page.reload();
    await phone.page.getByText('Eerste die wacht').waitFor();
    await phone.page.getByText('2 van 10 briefjes geplaatst').waitFor();
    await shot(phone.page, 'phone-held-count-360');
    fac.close();
  });
  it('draws the step once the connection is back when its code failed to arrive, though the server has nothing new to send', async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);
    const chunks = readChunks(joinPath(import.meta.dirname, '../../dist/client'))!;
    const wall = new Set(chunks.kinds.wall!.filter((file) => !chunks.app.includes(file)));
    // The wall's file fails, as on Wi-Fi that drops just then; everything else arrives.
    let failing = true;
    const context = await browser.newContext({ viewport: SMALL, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await context.route(
      (url) => wall.has(url.pathname.slice(1)),
      (route) => (failing ? route.abort('internetdisconnected') : route.continue()),
    );
    const page = watcher.watch(await context.newPage(), 'phone-code-failed');
    const phone = new PhonePage(context, page);
    phones.push(phone);
    const answers: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => answers.push(String(frame.payload).slice(0, 12))));
    await page.goto(joinUrl(s));
    await page.getByRole('status').getByText('Verbonden', { exact: true }).waitFor();
    // Connected, and the server had nothing to add to the join's snapshot.
    expect(answers.some((a) => a.startsWith('42["current"'))).toBe(true);
    expect(await page.getByRole('textbox').count()).toBe(0);

    failing = false;
    await dropConnection(phone);
    await restoreConnection(phone);
    expect(answers.filter((a) => a.startsWith('42["snapshot"'))).toEqual([]);
    const field = page.getByRole('textbox');
    await field.waitFor({ timeout: 30_000 });
    expect(await field.isEnabled()).toBe(true);
    await shot(page, 'phone-code-failed-then-drawn-360');
    fac.close();
  });
});
