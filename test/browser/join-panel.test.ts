/**
 * The join panel on the screen: a QR code when phones can reach the server, and
 * when they cannot (Oogst listens on this computer only) a plain warning where the
 * QR code would be, in the arena's language, with the join slide too.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startOogst, startSession, type Running } from '../helpers/oogst.js';
import { axeProblems } from './axe.js';
import { launch, ScreenPage, shot, Watcher } from './pages.js';

describe('the join panel in a real browser', () => {
  let browser: Browser;
  const watcher = new Watcher();
  const contexts: BrowserContext[] = [];
  const servers: Running[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    for (const s of servers) await s.stop();
  });

  async function screenOf(listen: string, locale: 'nl' | 'en' = 'nl') {
    const oogst = await startOogst({ listen });
    servers.push(oogst);
    const s = await startSession(oogst.url);
    if (locale !== 'nl') await api(oogst.url, 'PATCH', `/api/arenas/${s.arena.id}`, { locale }, s.arena.key);
    const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    contexts.push(projector);
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), `screen ${listen} ${locale}`));
    // Opened on this computer, as the laptop's projector does (a LAN address is not a secure origin, and Chromium says so).
    await screen.open(s.session.screenUrl.replace(/^https?:\/\/[^/]+/, oogst.url));
    return screen;
  }

  it('says phones cannot reach a server that listens on this computer only, instead of showing a QR code', async () => {
    const screen = await screenOf('127.0.0.1');
    await screen.page.getByRole('alert').filter({ hasText: 'Telefoons kunnen deze server niet bereiken' }).waitFor();
    await screen.page.getByText('HOST=0.0.0.0', { exact: false }).waitFor();
    expect(await screen.page.locator('img[src*="qr.svg"]').count()).toBe(0);
    expect(await axeProblems(screen.page, { aaa: true })).toEqual([]);
    await shot(screen.page, 'screen-unreachable-1920');

    const english = await screenOf('127.0.0.1', 'en');
    await english.page.getByRole('alert').filter({ hasText: 'Phones cannot reach this server' }).waitFor();
    expect(watcher.problems).toEqual([]);
  });

  it('shows the QR code when phones can reach it', async () => {
    const screen = await screenOf('0.0.0.0');
    const reachable = (await screen.page.locator('img[src*="qr.svg"]').count()) > 0;
    // Without a network address here nothing can reach it; then the warning is right too.
    if (reachable) expect(await screen.page.getByText('Telefoons kunnen deze server niet bereiken').count()).toBe(0);
    else await screen.page.getByText('Telefoons kunnen deze server niet bereiken').first().waitFor();
    expect(watcher.problems).toEqual([]);
  });
});
