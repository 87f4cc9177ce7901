/**
 * The arena page as a facilitator sees it after three meetings (1366×768): the
 * ambition taken from a meeting, the monitoring chart, the small wins, the
 * sessions with their harvests; a meeting planned again with a date; and the
 * printable harvest opened in the browser under its own policy.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_NOTE, startArena } from '../helpers/arena-fixture.js';
import type { Running } from '../helpers/oogst.js';
import { launch, shot, Watcher } from './pages.js';

describe('the arena page', () => {
  let fixture: Awaited<ReturnType<typeof startArena>>;
  let oogst: Running;
  let browser: Browser;
  let arena: { id: string; key: string };
  const watcher = new Watcher();

  beforeAll(async () => {
    fixture = await startArena(3);
    ({ oogst, arena } = fixture);
    browser = await launch();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await fixture?.stop();
  });

  it('shows the trend, the wins and the sessions; takes an ambition from a meeting; plans the next one', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await context.newPage(), 'arena');
    await page.goto(`${oogst.url}/#${new URLSearchParams({ arena: arena.id, key: arena.key, title: 'Jonge mantelzorgers Leiden' })}`);
    await page.getByRole('img', { name: 'Aantal antwoorden per bijeenkomst op de drie vaste vragen.' }).waitFor();
    await expect.poll(() => page.locator('.wins li').count()).toBe(3);
    await expect.poll(() => page.locator('.sessions > li').count()).toBe(3);

    await page.getByRole('button', { name: 'Ambitie aanpassen' }).click();
    await page.getByLabel('Of neem een antwoord of briefje uit een bijeenkomst:').selectOption({ label: 'Bijeenkomst 2' });
    const candidate = page.locator('.candidates li', { hasText: 'Het buurtteam kent de mensen bij naam (2)' });
    await candidate.getByRole('button', { name: 'Gebruik als ambitie' }).click();
    expect(await page.locator('.candidates').textContent()).not.toContain(HIDDEN_NOTE);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('p.ambition', { hasText: 'Het buurtteam kent de mensen bij naam (2)' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'arena-page-1366');
    await page.screenshot({ path: 'test-results/screenshots/arena-page-full-1366.png', fullPage: true });

    await page.locator('.sessions > li', { hasText: 'Bijeenkomst 3' }).getByRole('button', { name: 'Opnieuw plannen' }).click();
    await page.getByText('Zelfde agenda, nieuwe datum: Bijeenkomst 3').waitFor();
    await page.getByLabel('Titel van de bijeenkomst (mag leeg)').fill('Bijeenkomst 4');
    await page.getByLabel('Datum (mag leeg)').fill('2027-01-12');
    await page.getByRole('button', { name: 'Bijeenkomst starten' }).click();
    await page.getByText('De bijeenkomst staat klaar.').waitFor();
    await page.locator('.sessions > li.planned', { hasText: 'Bijeenkomst 4' }).getByText(/Gepland op 12 jan\.? 2027/).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('group', { name: 'Oogst van de hele arena' }).getByRole('button', { name: 'Word' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('oogst-jonge-mantelzorgers-leiden.docx');
    expect(watcher.problems).toEqual([]);
    await context.close();
  });

  it('opens the printable harvest with its stylesheet allowed and no policy violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, extraHTTPHeaders: { authorization: `Bearer ${arena.key}` } });
    const page = watcher.watch(await context.newPage(), 'print');
    await page.goto(`${oogst.url}/api/arenas/${arena.id}/harvest.html`);
    // The inline stylesheet applied: the title bar has its green rule.
    expect(await page.locator('header.title').evaluate((el) => getComputedStyle(el).borderBottomStyle)).toBe('solid');
    expect(await page.locator('figure svg').count()).toBeGreaterThan(3);
    await page.screenshot({ path: 'test-results/screenshots/harvest-print-arena.png' });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: 'test-results/screenshots/harvest-print-arena.pdf', format: 'A4' }).catch(() => undefined);
    expect(watcher.problems).toEqual([]);
    await context.close();
  });
});
