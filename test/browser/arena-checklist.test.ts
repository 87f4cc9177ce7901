/**
 * The arena's own wat-werkt checklist on the arena page (1366×768): uploaded as a CSV
 * file, refused with its line when a pasted list is wrong, shown item by item, taken
 * by a new session of a script with `items: arena`, downloaded and removed. An
 * axe-core scan of the page with the list. Screenshots in test-results/screenshots/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistStep } from '../../kinds/checklist/model.js';
import { api, facilitator, startOogst, type Running, type StartedSession } from '../helpers/oogst.js';
import { axeFindings } from './axe.js';
import { launch, shot, Watcher } from './pages.js';

const SCRIPT = `id: eigen-check
title: Onze wat-werkt-check
language: nl
steps:
  - { id: check, kind: checklist, title: Wat werkt bij ons?, items: arena }
`;
const LONG = 'We stemmen de ondersteuning af op wat jonge mantelzorgers zelf belangrijk vinden, thuis, op school en in hun vrije tijd, en vragen het ze steeds opnieuw';
const CSV = [
  'id;tekst;toelichting;bron',
  'doelgroep;We betrekken de doelgroep bij elke stap;Zij weten het best wat helpt.;https://www.movisie.nl/wat-werkt',
  `afstemmen;"${LONG}";;`,
  ';Professionals werken samen over domeinen heen;"Eén plan, één regisseur";',
  ...Array.from({ length: 7 }, (_, i) => `;Werkzaam element ${i + 4}: vroeg signaleren in de wijk;;`),
].join('\n');

describe("the arena's own checklist on the arena page", () => {
  let oogst: Running;
  let browser: Browser;
  let dir: string;
  let arena: { id: string; key: string };
  const watcher = new Watcher();
  const { found, scan } = axeFindings();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oogst-checklist-'));
    writeFileSync(join(dir, 'eigen-check.yaml'), SCRIPT);
    writeFileSync(join(dir, 'checklist.csv'), CSV);
    writeFileSync(join(dir, 'eigen.yml'), SCRIPT.replace('id: eigen-check', 'id: eigen-check-arena'));
    oogst = await startOogst({ scriptsDir: dir });
    browser = await launch();
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Jonge mantelzorgers Leiden' });
    arena = { id: made.body.id, key: made.body.key };
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads, previews, refuses with the line, is taken by a new session, downloads and removes', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = watcher.watch(await context.newPage(), 'arena');
    await page.goto(`${oogst.url}/#${new URLSearchParams({ arena: arena.id, key: arena.key, title: 'Jonge mantelzorgers Leiden' })}`);
    const part = page.getByRole('region', { name: 'Checklist van de arena' });
    await part.getByText('Deze arena heeft nog geen eigen checklist.').waitFor();

    // An own script that takes the arena's list is saved, with a word on why it cannot start yet.
    const scripts = page.getByRole('region', { name: 'Draaiboeken aanpassen' });
    await scripts.locator('input[type=file]').setInputFiles(join(dir, 'eigen.yml'));
    await scripts.getByRole('button', { name: 'Controleren en bewaren' }).click();
    await scripts.getByRole('alert').getByText(/^Stap "check": .*deze arena heeft er nog geen\. Zet hem op de arenapagina/).waitFor();

    await part.locator('input[type=file]').setInputFiles(join(dir, 'checklist.csv'));
    await part.getByText('Opgeslagen: 10 werkzame elementen.').waitFor();
    const items = part.getByRole('list', { name: 'De werkzame elementen van de arena' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(10);
    await items.first().getByText('Zij weten het best wat helpt.').waitFor();
    expect(await items.first().getByRole('link', { name: 'Bron' }).getAttribute('href')).toBe('https://www.movisie.nl/wat-werkt');
    // The long item wraps inside the card: nothing runs past the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await part.scrollIntoViewIfNeeded();
    await shot(page, 'arena-checklist-1366');
    await scan('arena page with its checklist', page);

    await part.getByRole('button', { name: 'Plakken' }).click();
    await part.getByLabel('Plak de lijst (CSV met kopregel, of YAML)').fill('id,text\na,Een\na,Twee');
    await part.getByRole('button', { name: 'Checklist opslaan' }).click();
    await part.getByRole('alert').getByText('Regel 3: het id "a" staat ook op regel 2; elk item heeft een eigen id.').waitFor();
    await expect.poll(() => items.count()).toBe(10);
    await shot(page, 'arena-checklist-error-1366');
    await scan('arena page with an upload refused', page);

    const created = await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script: 'eigen-check' }, arena.key);
    expect(created.status).toBe(201);
    const fac = await facilitator(oogst.url, { arena, session: created.body, screenKey: '' } as StartedSession);
    expect((fac.state!.steps[0] as ChecklistStep).items.slice(0, 3).map((i) => i.text)).toEqual([
      'We betrekken de doelgroep bij elke stap',
      LONG,
      'Professionals werken samen over domeinen heen',
    ]);
    fac.close();

    const [download] = await Promise.all([page.waitForEvent('download'), part.getByRole('button', { name: 'Download (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFid,text,explanation,source',
      'doelgroep,We betrekken de doelgroep bij elke stap,Zij weten het best wat helpt.,https://www.movisie.nl/wat-werkt',
      `afstemmen,"${LONG}",,`,
    ]);
    // What was downloaded uploads again as the same list.
    const again = await api(oogst.url, 'PUT', `/api/arenas/${arena.id}/checklist`, { text: csv }, arena.key);
    expect(again.body.value.items).toHaveLength(10);

    watcher.acceptNextDialog();
    await part.getByRole('button', { name: 'Verwijderen' }).click();
    await part.getByText('Deze arena heeft nog geen eigen checklist.').waitFor();
    expect((await api(oogst.url, 'GET', `/api/arenas/${arena.id}/checklist`, undefined, arena.key)).body.value).toBeNull();

    await context.close();
    expect(found).toEqual([]);
    // The refused paste is the one answer the browser logs as a failed request.
    expect(watcher.problems).toEqual(['arena: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
