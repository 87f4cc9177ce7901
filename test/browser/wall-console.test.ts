/**
 * The console's wall at room scale: 200 notes at a laptop's 1366×768. The page stays
 * about one screen tall (each column scrolls, not the page), the newest note is on top,
 * a word finds the notes that use it, and all found notes become one cluster at once.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facilitator, participant, startOogst, startSession, type Running } from '../helpers/oogst.js';
import { axeProblems } from './axe.js';
import { ConsolePage, launch, shot, Watcher } from './pages.js';
import { wallTexts } from './wall-pages.js';

describe('the console with 200 notes on the wall', () => {
  let oogst: Running;
  let browser: Browser;
  const watcher = new Watcher();
  // The facilitator's socket posts the wall at once: more commands in a burst than a person sends.
  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000', OOGST_COMMANDS_PER_SECOND: '1000' } });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
  });

  it('stays one screen tall, shows the newest first, finds by a word and groups what it found', { timeout: 90_000 }, async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    const someone = await participant(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);
    const texts = wallTexts(200);
    const column = (i: number) => (i % 3 === 2 ? 'jubelmuur' : 'klaagmuur');
    for (const [i, text] of texts.entries()) expect((await fac.send('wall.post', { column: column(i), text }, 'muur')).ok).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const console_ = new ConsolePage(watcher.watch(await context.newPage(), 'console'));
    await console_.open(s.session.consoleUrl);
    const klaag = console_.column('Klaagmuur');
    await klaag.getByText(texts[199]!).waitFor();

    const height = await console_.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(1600);
    // Newest first: the last note posted to the klaagmuur heads its list.
    expect(await klaag.locator('li .text').first().textContent()).toBe(texts[199]);
    await shot(console_.page, 'console-wall-200-1366');

    // A word finds the notes that use it; all found become one cluster in one go.
    const found = texts.filter((text, i) => column(i) === 'klaagmuur' && /wachtlijst/i.test(text));
    await console_.page.getByPlaceholder('Zoek in de briefjes').fill('wachtlijst');
    await expect.poll(() => klaag.locator('li .text').allTextContents()).toEqual([...found].reverse());
    await klaag.getByRole('button', { name: `Selecteer de ${found.length} gevonden` }).click();
    await klaag.getByText(`${found.length} briefjes geselecteerd`).waitFor();
    await klaag.getByPlaceholder('Titel van de groep').fill('Wachtlijsten');
    await klaag.getByRole('button', { name: 'Groepeer selectie' }).click();
    await klaag.locator('summary', { hasText: 'Wachtlijsten' }).getByText(`(${found.length})`).waitFor();
    await fac.until((v) => (v.state?.stepStates.muur?.data as { clusters: unknown[] }).clusters.length === 1, 5000, 'the cluster');
    const notes = (fac.state!.stepStates.muur!.data as { notes: { text: string; clusterId?: string }[] }).notes;
    expect(notes.filter((n) => n.clusterId).map((n) => n.text).sort()).toEqual([...found].sort());
    expect(await axeProblems(console_.page)).toEqual([]);
    await shot(console_.page, 'console-wall-200-search-1366');

    // Cleared, the cluster folds away under its title and the loose notes follow, newest first.
    await console_.page.getByPlaceholder('Zoek in de briefjes').fill('');
    await expect.poll(() => klaag.locator('li .text:visible').first().textContent()).toBe(texts.filter((t, i) => column(i) === 'klaagmuur' && !found.includes(t)).at(-1));
    expect(await console_.page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1600);
    fac.close();
    someone.close();
    await context.close();
    expect(watcher.problems).toEqual([]);
  });
});
