/**
 * A klaag- en jubelmuur session as people run it: the facilitator creates the
 * arena and session in the UI, opens console and screen, two phones join through
 * the join URL, answer, post notes (one hostile), and the screen shows them live.
 * Screenshots go to test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConsolePage, HomePage, PhonePage, ScreenPage, shot, Watcher, serverAndBrowser } from './pages.js';

describe('a session in real browsers', () => {
  const running = serverAndBrowser();
  const watcher = new Watcher();

  it('runs from arena to harvest with a console, a screen and two phones', async () => {
    const laptop = await running.browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const home = new HomePage(watcher.watch(await laptop.newPage(), 'home'));
    await home.open(running.oogst.url);
    await home.createArena('Jonge mantelzorgers Leiden', 'Op eigen kracht, maar samen sterk');
    // A new arena has nothing to show yet: what the facilitator does next is on the first screen, above the empty parts.
    const next = home.page.getByRole('heading', { name: 'Nieuwe bijeenkomst' });
    await next.waitFor();
    const [nextBox, sessionsBox] = [await next.boundingBox(), await home.page.getByRole('heading', { name: 'Bijeenkomsten', exact: true }).boundingBox()];
    expect(nextBox!.y).toBeLessThan(sessionsBox!.y);
    expect(nextBox!.y).toBeLessThan(768);
    await shot(home.page, 'arena-new-1366');
    const { consoleHref, screenHref, code } = await home.startSession('Klaag- en jubelmuur');
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    await shot(home.page, 'home-session-ready');

    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console'));
    await console_.open(consoleHref);
    const projector = await running.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(screenHref);
    await screen.shows(code);

    const joinUrl = `${running.oogst.url}/j/${code}`;
    const anna = await PhonePage.join(running.browser, watcher, 'phone-390', joinUrl);
    const bram = await PhonePage.join(running.browser, watcher, 'phone-360', joinUrl, { width: 360, height: 740 });
    await console_.connectedCount(2);
    await shot(screen.page, 'screen-welcome-1920');
    await shot(anna.page, 'phone-welcome-390');

    // The dream question: answers reach the screen only when revealed.
    await console_.next();
    await anna.answer('Dat mantelzorgers om 10 uur op de koffie komen, niet om vijf voor twaalf.');
    await bram.answer('Dat niemand er alleen voor staat.');
    await anna.page.getByText('opgeslagen').first().waitFor();
    await screen.page.getByText('2 antwoorden').first().waitFor();
    expect(await screen.page.getByText('Dat niemand er alleen voor staat.').count()).toBe(0);
    await console_.reveal();
    await screen.shows('Dat niemand er alleen voor staat.');
    await shot(screen.page, 'screen-open-revealed-1920');

    // The wall: notes appear live; hostile text stays text.
    await console_.next();
    await anna.postNote('Klaagmuur', 'Lange wachtlijsten voor respijtzorg');
    await bram.postNote('Klaagmuur', 'Wachtlijst bij de dagbesteding');
    await bram.postNote('Jubelmuur', 'Het buurtteam kent de mensen bij naam');
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await anna.postNote('Klaagmuur', hostile);
    const unbroken = `\u202Eomgekeerd ${'x'.repeat(300)}`;
    await anna.postNote('Jubelmuur', unbroken, unbroken.slice(1));
    await screen.shows('Lange wachtlijsten voor respijtzorg');
    await screen.shows('Het buurtteam kent de mensen bij naam');
    await screen.shows(hostile);
    await screen.shows(`omgekeerd ${'x'.repeat(300)}`); // the override is gone, the text reads as typed
    expect(await screen.page.locator('img[src="x"]').count()).toBe(0);
    // The wall still fits the projector: nothing scrolls.
    const overflow = await screen.page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(anna.page, 'phone-wall-390');
    await shot(bram.page, 'phone-wall-360');
    await shot(screen.page, 'screen-wall-1920');

    // The facilitator hides the hostile note and clusters the waiting lists.
    await console_.hideNote(hostile);
    await screen.doesNotShow(hostile);
    await console_.cluster('Klaagmuur', ['Lange wachtlijsten voor respijtzorg', 'Wachtlijst bij de dagbesteding'], 'Wachtlijsten');
    await screen.showsGroup('Wachtlijsten', 2);
    await shot(console_.page, 'console-wall-1366');
    await shot(screen.page, 'screen-wall-clustered-1920');
    await screen.page.setViewportSize({ width: 1280, height: 720 });
    await shot(screen.page, 'screen-wall-clustered-1280');

    // The harvest, downloaded from the console.
    const download = await console_.downloadHarvest('Verslag (Markdown)');
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    expect(markdown).toContain('**Wachtlijsten** (2)');
    expect(markdown).toContain('Het buurtteam kent de mensen bij naam');
    expect(markdown).not.toContain('onerror');

    expect(watcher.problems).toEqual([]);
  });
});
