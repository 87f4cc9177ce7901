/**
 * The arena page's monitoring at 1366×768, as a facilitator uses it between
 * meetings: per question the answers of each session side by side, an answer
 * tagged with a theme through the page (a theme the arena has is suggested), the
 * chart of themes per session with how many answered, and no axe violation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringTrend } from '../../core/http.js';
import { monitoringMeeting } from '../helpers/monitoring-meeting.js';
import { api, startOogst, type Running } from '../helpers/oogst.js';
import { axeProblems } from './axe.js';
import { launch, shot, Watcher } from './pages.js';

describe('the arena page’s monitoring', () => {
  let oogst: Running;
  let browser: Browser;
  let arena: { id: string; key: string };
  const watcher = new Watcher();

  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000' } });
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Mantelzorg Leiden' });
    arena = { id: made.body.id, key: made.body.key };
    await monitoringMeeting(oogst.url, arena, 'Bijeenkomst 1', ['De rust in de groep', 'Elkaar eindelijk zien'], 'waarde', '2026-10-06');
    await monitoringMeeting(oogst.url, arena, 'Bijeenkomst 2', ['Samen koken met de buurt', 'Dat de wijkverpleging meedeed', 'Niets bijzonders'], 'waarde', '2026-11-10');
    await monitoringMeeting(oogst.url, arena, 'Bijeenkomst 3', ['Eerder de huisarts bellen'], 'morgen', '2026-12-01');
    // One answer already carries a theme, so the page can suggest it.
    const trend = (await api<MonitoringTrend>(oogst.url, 'GET', `/api/arenas/${arena.id}/monitoring`, undefined, arena.key)).body;
    const first = trend.sessions[0]!;
    const tagged = await api(oogst.url, 'PUT', `/api/arenas/${arena.id}/monitoring/tags`, { sessionId: first.id, stepId: 'monitoring', answerId: first.answers.waarde![1]!.id, themes: ['Samenwerking'] }, arena.key);
    expect(tagged.status).toBe(200);
    browser = await launch();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
  });

  it('shows the answers side by side per question, and tags one through the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await context.newPage(), 'arena-monitoring');
    await page.goto(`${oogst.url}/#${new URLSearchParams({ arena: arena.id, key: arena.key, title: 'Mantelzorg Leiden' })}`);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Monitoring over de bijeenkomsten' }) });
    await section.getByRole('img', { name: /^Thema’s per bijeenkomst/ }).waitFor();

    // Per question a row of sessions, oldest left, each by its one date.
    const waarde = section.getByRole('region', { name: 'Wat was voor jou van waarde vandaag?' });
    const columns = waarde.locator('.column');
    expect(await columns.count()).toBe(3);
    expect(await columns.locator('h4').allTextContents()).toEqual([
      expect.stringMatching(/^Bijeenkomst 1\s*6 okt\.? 2026$/),
      expect.stringMatching(/^Bijeenkomst 2\s*10 nov\.? 2026$/),
      expect.stringMatching(/^Bijeenkomst 3\s*1 dec\.? 2026$/),
    ]);
    const firstBox = await columns.nth(0).boundingBox();
    const secondBox = await columns.nth(1).boundingBox();
    expect(secondBox!.x).toBeGreaterThan(firstBox!.x + firstBox!.width - 1);
    expect(secondBox!.y).toBeCloseTo(firstBox!.y, 0);
    await expect.poll(() => columns.nth(2).textContent()).toContain('Geen antwoorden.');

    // Tag an answer of the second meeting with the arena's theme, offered as a suggestion.
    const answer = columns.nth(1).locator('li', { hasText: 'Samen koken met de buurt' });
    const field = answer.getByLabel('Thema voor “Samen koken met de buurt”');
    expect(await page.locator('datalist#monitoring-themes option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['Samenwerking']);
    await field.fill('samenwerking');
    await answer.getByRole('button', { name: 'Toevoegen' }).click();
    // The arena's spelling is kept, and the chart and its table now count it in both meetings.
    await answer.getByRole('list', { name: 'Thema’s' }).getByText('Samenwerking').waitFor();
    await section.getByText('De cijfers als tabel').click();
    const row = section.locator('table tr', { has: page.getByRole('rowheader', { name: 'Samenwerking' }) });
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(['1', '1', '0']);
    expect(await section.locator('table tr.context td').allTextContents()).toEqual(['2', '3', '1']);
    await section.getByText('2 antwoordden').first().waitFor();

    await section.scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('monitoring-title')?.scrollIntoView());
    await shot(page, 'arena-monitoring-1366');
    await section.screenshot({ path: 'test-results/screenshots/arena-monitoring-section-1366.png' });

    // Taking the theme off through its chip.
    await answer.getByRole('button', { name: 'Thema “Samenwerking” weghalen' }).click();
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(['1', '0', '0']);
    // Renaming the theme across the arena.
    await section.getByText('Thema hernoemen of verwijderen').click();
    await section.getByLabel('Thema', { exact: true }).selectOption('Samenwerking');
    await section.getByLabel('Nieuwe naam').fill('Verbinding');
    await section.getByRole('button', { name: 'Hernoemen' }).click();
    await columns.nth(0).getByRole('list', { name: 'Thema’s' }).getByText('Verbinding').waitFor();
    expect(await section.getByRole('rowheader').allTextContents()).toEqual(['Antwoordden', 'Verbinding']);

    const found = (await axeProblems(page)).map((p) => `${p.id} (${p.impact}) ${p.help}\n    ${p.nodes.join('\n    ')}`);
    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
    await context.close();
  });
});
