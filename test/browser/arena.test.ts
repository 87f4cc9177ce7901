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
    await page.getByRole('region', { name: 'Wat ga je morgen anders doen?' }).waitFor();
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

  it('offers a phone the invitation form while the facilitator asks, and keeps what it leaves', async () => {
    // The fixture's meetings end with the facilitator asking for invitations.
    const code = fixture.meetings[1]!.session.session.code;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = watcher.watch(await context.newPage(), 'phone');
    await page.goto(`${oogst.url}/j/${code}`);
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Uitnodiging voor de volgende bijeenkomst' }) });
    await form.waitFor();
    await form.getByLabel('Je naam').fill('Fatima El Amrani');
    await form.getByLabel('Je e-mailadres').fill('fatima@voorbeeld.nl');
    const send = form.getByRole('button', { name: 'Versturen' });
    expect(await send.isDisabled()).toBe(true); // not without consent
    await form.getByRole('checkbox').check();
    await form.scrollIntoViewIfNeeded();
    await shot(page, 'phone-invitation-390');
    await send.click();
    await form.getByText('Dank je! Je krijgt een uitnodiging voor de volgende bijeenkomst.').waitFor();
    const csv = await fetch(`${oogst.url}/api/arenas/${arena.id}/contacts.csv`, { headers: { authorization: `Bearer ${arena.key}` } });
    expect(await csv.text()).toContain('Fatima El Amrani;fatima@voorbeeld.nl;Bijeenkomst 2;');
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

  it('deletes the arena after its name is typed, and forgets it on this device', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await context.newPage(), 'delete');
    await page.goto(`${oogst.url}/#${new URLSearchParams({ arena: arena.id, key: arena.key, title: 'Jonge mantelzorgers Leiden' })}`);
    const remove = page.getByRole('button', { name: 'Arena verwijderen' });
    await remove.waitFor();
    await page.getByLabel(/Typ de naam van de arena/).fill('Jonge mantelzorgers');
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel(/Typ de naam van de arena/).fill('Jonge mantelzorgers Leiden');
    await remove.click();
    await page.getByText('Op dit apparaat staan nog geen arena’s.').waitFor();
    expect((await fetch(`${oogst.url}/api/arenas/${arena.id}`, { headers: { authorization: `Bearer ${arena.key}` } })).status).toBe(404);
    expect(watcher.problems).toEqual([]);
    await context.close();
  });
});
