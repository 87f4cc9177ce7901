/**
 * The facilitator's synthesis at 1366×768: written in the console's synthesis panel
 * (reached from the agenda) and saved with a visible "Opgeslagen"; on the arena page,
 * the way of working with the field it asks for (a kernthema), a transitiearena's
 * ambition offered as optional, the arena's synthesis and a session's, read back from
 * what the console saved. No axe violation on either page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArenaDetails } from '../../core/http.js';
import { monitoringMeeting } from '../helpers/monitoring-meeting.js';
import { api, startOogst, type Running, type StartedSession } from '../helpers/oogst.js';
import { axeProblems } from './axe.js';
import { launch, shot, Watcher } from './pages.js';

const report = (problems: Awaited<ReturnType<typeof axeProblems>>) => problems.map((p) => `${p.id} (${p.impact}) ${p.help}\n    ${p.nodes.join('\n    ')}`);

describe('the facilitator’s synthesis in the browser', () => {
  let oogst: Running;
  let browser: Browser;
  let arena: { id: string; key: string };
  let meeting: StartedSession;
  const watcher = new Watcher();

  beforeAll(async () => {
    oogst = await startOogst();
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Op eigen kracht', theme: 'Mantelzorg in de wijk', method: 'waarderend-veranderen' });
    arena = { id: made.body.id, key: made.body.key };
    meeting = await monitoringMeeting(oogst.url, arena, 'Bijeenkomst 1', ['De rust in de groep'], 'waarde', '2026-11-10');
    browser = await launch();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
  });

  it('is a way of working chosen when the arena is made, and asks for what it needs', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await context.newPage(), 'create-with-method');
    await page.goto(`${oogst.url}/`);
    await page.getByLabel('Naam van de arena').fill('Werkplaats jeugd');
    await page.getByLabel('Werkwijze (optioneel)').selectOption('actieonderzoek');
    await page.getByText('Onderzoeken, handelen, reflecteren en veranderen, rond een onderzoeksvraag.').waitFor();
    await page.getByRole('button', { name: 'Arena maken' }).click();
    const way = page.locator('section', { has: page.locator('#ambition-title') });
    await way.getByText('Actieonderzoek').waitFor();
    await way.getByRole('button', { name: 'Ambitie aanpassen' }).click();
    await way.getByLabel('Onderzoeksvraag').fill('Wat helpt jongeren om hulp te vragen?');
    expect(await way.getByLabel('Kernthema').count()).toBe(0);
    await way.getByRole('button', { name: 'Opslaan' }).click();
    await way.getByText('Wat helpt jongeren om hulp te vragen?').waitFor();
    expect(watcher.problems).toEqual([]);
    await context.close();
  });

  it('is written on the console from the agenda, and saved with a visible confirmation', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await context.newPage(), 'console-synthesis');
    await page.goto(meeting.session.consoleUrl);
    await page.getByRole('button', { name: /Volgende/ }).waitFor();
    // The last step offers it too; here through the agenda, after its last step.
    expect(await page.getByRole('button', { name: 'Synthese schrijven →' }).count()).toBe(1);
    await page.getByRole('navigation', { name: /Agenda/ }).getByRole('button', { name: /Synthese/ }).click();
    const panel = page.getByRole('region', { name: 'Synthese' });
    await panel.getByLabel('Samenvatting').waitFor();
    await shot(page, 'console-synthesis-open-1366');
    await panel.getByLabel('Samenvatting').fill('We zagen elkaar weer, en de rust viel op.\n\nDe buurt doet mee.');
    await panel.getByLabel('Besluiten en afspraken').fill('Ans belt de wijkteams voor 1 februari.');
    await panel.getByLabel('Wat we leerden').fill('Klein beginnen werkt.');
    await panel.getByLabel('Wat schuurde').fill('Het geld: niemand wil betalen.');
    await panel.getByRole('status').getByText('Nog niet opgeslagen').waitFor();
    await panel.getByRole('button', { name: 'Synthese opslaan' }).click();
    await panel.getByRole('status').getByText('Opgeslagen').waitFor();
    await shot(page, 'console-synthesis-1366');
    expect(report(await axeProblems(page))).toEqual([]);

    const saved = (await api(oogst.url, 'GET', `/api/sessions/${meeting.session.id}/synthesis`, undefined, arena.key)).body;
    expect(saved.synthesis).toEqual({
      summary: 'We zagen elkaar weer, en de rust viel op.\n\nDe buurt doet mee.',
      decisions: 'Ans belt de wijkteams voor 1 februari.',
      lessons: 'Klein beginnen werkt.',
      chafed: 'Het geld: niemand wil betalen.',
    });
    // Back to the step: the room never left it.
    await panel.getByRole('button', { name: /Terug naar de stap/ }).click();
    await page.getByRole('button', { name: /Volgende/ }).waitFor();
    expect(watcher.problems).toEqual([]);
    await context.close();
  });

  it('on the arena page asks what the way of working needs, keeps a transitiearena open, and holds the arena’s and a session’s synthesis', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await context.newPage(), 'arena-synthesis');
    await page.goto(`${oogst.url}/#${new URLSearchParams({ arena: arena.id, key: arena.key, title: 'Op eigen kracht' })}`);
    const way = page.locator('section', { has: page.locator('#ambition-title') });
    await way.getByText('Waarderend veranderen').waitFor();

    // Waarderend veranderen asks for a kernthema.
    await way.getByRole('button', { name: 'Ambitie aanpassen' }).click();
    await way.getByLabel('Kernthema').fill('Op eigen kracht, maar samen sterk');
    await shot(page, 'arena-method-form-1366');
    expect(report(await axeProblems(page))).toEqual([]);
    await way.getByRole('button', { name: 'Opslaan' }).click();
    await way.getByText('Op eigen kracht, maar samen sterk').waitFor();

    // A transitiearena keeps the outcome open: no ambition asked, one offered as optional.
    await way.getByRole('button', { name: 'Ambitie aanpassen' }).click();
    await way.getByLabel('Werkwijze').selectOption('transitiearena');
    await way.getByText(/De uitkomst blijft open/).waitFor();
    expect(await way.getByLabel('Ambitie (optioneel)').count()).toBe(1);
    await way.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('heading', { name: 'Transitiearena', level: 2 }).waitFor();
    await way.getByRole('button', { name: 'Werkwijze aanpassen' }).waitFor();
    expect(await way.getByText('Nog geen ambitie vastgelegd.').count()).toBe(0);
    await page.evaluate(() => document.getElementById('ambition-title')?.scrollIntoView());
    await shot(page, 'arena-transitiearena-1366');

    // The arena's own synthesis.
    const card = page.locator('section', { has: page.locator('#synthesis-title') });
    await card.getByRole('button', { name: 'Synthese schrijven' }).click();
    await card.getByLabel('Samenvatting').fill('Een jaar samen op weg.');
    await card.getByLabel('Wat schuurde').fill('Regels van de gemeente.');
    await card.getByRole('button', { name: 'Synthese opslaan' }).click();
    await card.getByRole('status').getByText('Opgeslagen').waitFor();
    await card.getByRole('button', { name: 'Sluiten' }).click();
    await card.getByText('Een jaar samen op weg.').waitFor();

    // A session's synthesis, as the console saved it.
    await card.getByLabel('Synthese van een bijeenkomst').selectOption({ label: 'Bijeenkomst 1' });
    await card.getByRole('heading', { name: 'Synthese van Bijeenkomst 1' }).waitFor();
    await expect.poll(() => card.getByLabel('Besluiten en afspraken').inputValue()).toBe('Ans belt de wijkteams voor 1 februari.');
    await card.scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('synthesis-title')?.scrollIntoView());
    await shot(page, 'arena-synthesis-1366');
    expect(report(await axeProblems(page))).toEqual([]);

    // On a phone the four fields fit the width: nothing to scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.evaluate(() => document.getElementById('synthesis-form-title')?.scrollIntoView());
    await shot(page, 'arena-synthesis-390');

    const details = (await api<ArenaDetails>(oogst.url, 'GET', `/api/arenas/${arena.id}`, undefined, arena.key)).body;
    expect(details).toMatchObject({
      method: 'transitiearena',
      coreTheme: 'Op eigen kracht, maar samen sterk',
      ambition: null,
      synthesis: { summary: 'Een jaar samen op weg.', decisions: '', lessons: '', chafed: 'Regels van de gemeente.' },
    });
    expect(watcher.problems).toEqual([]);
    await context.close();
  });
});
