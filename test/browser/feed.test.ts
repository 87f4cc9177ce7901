/** A facilitator makes a live-feed link in the console, an overlay connects with it, and revoking it in the console ends the overlay's feed. */
import { describe, expect, it } from 'vitest';
import { FEED_CLOSE } from '../../core/feed.js';
import { FeedClient } from '../helpers/feed-client.js';
import { startSession } from '../helpers/oogst.js';
import { ConsolePage, serverAndBrowser, shot, Watcher } from './pages.js';

describe('the live-feed panel in the console', () => {
  const running = serverAndBrowser();
  const watcher = new Watcher();

  it('creates a link an overlay connects with, and revokes it', async () => {
    const { oogst, browser } = running;
    const s = await startSession(oogst.url);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const desk = new ConsolePage(watcher.watch(await context.newPage(), 'console'));
    await desk.open(s.session.consoleUrl);
    const url = await desk.createFeed('Overlay livestream');
    expect(url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/api/sessions/${s.session.id}/feed\\?key=`));
    await desk.page.getByRole('button', { name: 'Kopieer' }).click();
    await desk.page.getByRole('button', { name: /Gekopieerd/ }).waitFor();
    await shot(desk.page, 'console-feed-created-1366');
    // The open panel covers the step controls; Escape closes it as it closes a menu.
    await desk.page.keyboard.press('Escape');
    await desk.page.getByRole('button', { name: 'Kopieer' }).waitFor({ state: 'hidden' });

    const overlay = new FeedClient(url);
    await overlay.until((f) => f.state !== undefined, 5000, 'snapshot');
    expect(overlay.state!.title).toBe('Klaag- en jubelmuur');
    await desk.next();
    await overlay.until((f) => f.state!.current === 1, 5000, 'the next step on the overlay');

    watcher.acceptNextDialog();
    await desk.revokeFeed('Overlay livestream');
    expect((await overlay.closedWith()).code).toBe(FEED_CLOSE.revoked);
    await shot(desk.page, 'console-feed-revoked-1366');
    await desk.page.getByText('Nog geen koppelingen.').waitFor();
    await shot(desk.page, 'console-feed-revoked-1366');
    expect(watcher.problems).toEqual([]);
    await context.close();
  });
});
