/**
 * The wat-werkt check in real browsers, with a checklist of 60 items (the most a
 * script may hold): a phone at 390×844 rates and comments, a console at 1366×768
 * sees the distribution and the comments, and a projector at 1920×1080 and 1280×720
 * shows how many answered and, once revealed, the heat map, most to gain first. The
 * back row must read it: no row is cut off, the smallest text is measured, and the
 * rows that do not fit at a readable size are counted (the least to gain go first).
 * Then the verbeteracties show the items most rated "nog niet". An axe-core scan of
 * every view (the screen held to AAA contrast). Screenshots in test-results/screenshots/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participant, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';
import { seeded } from '../helpers/random.js';
import type { ChecklistStep } from '../../kinds/checklist/model.js';
import { checklistResults } from '../../kinds/checklist/results.js';
import { axeFindings } from './axe.js';
import { ConsolePage, frames, launch, PhonePage, ScreenPage, shot, Watcher } from './pages.js';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];
/** Readable from the back: 16 px at 1920×1080, in proportion below (docs/ARCHITECTURE.md, "The wall at room scale"). */
const readable = (height: number) => (16 * height) / 1080;

const THEMES = ['de doelgroep', 'mantelzorgers', 'jongeren', 'het wijkteam', 'de huisarts', 'vrijwilligers'];
const ACTS = ['denkt mee over', 'wordt vroeg betrokken bij', 'krijgt één aanspreekpunt voor', 'weet de weg naar', 'evalueert samen met ons'];
/** Sixty working elements, short and long, as a real checklist has them. */
const ITEMS = Array.from({ length: 60 }, (_, i) => ({
  id: `e${i + 1}`,
  text:
    i % 7 === 3
      ? `Bij elke verandering vragen we expliciet na wat ${THEMES[i % THEMES.length]} ervan merkt, en we leggen dat vast in het gezamenlijke plan`
      : `${THEMES[i % THEMES.length]!.replace(/^./, (c) => c.toUpperCase())} ${ACTS[i % ACTS.length]} de ondersteuning (${i + 1})`,
}));
const SCRIPT = `
id: wat-werkt-zestig
title: Wat werkt, zestig elementen
language: nl
steps:
  - id: check
    kind: checklist
    title: Onze aanpak naast wat werkt
    prompt: Geef bij elk element aan hoe het er bij ons voor staat.
    items:
${ITEMS.map((item, i) => `      - id: ${item.id}\n        text: "${item.text}"${i === 0 ? '\n        explanation: Ervaringsdeskundigen zitten aan tafel bij keuzes.\n        source: https://www.example.org/wat-werkt' : ''}`).join('\n')}
  - id: acties
    kind: questions
    title: Verbeteracties
    prefix: Wij zorgen ervoor dat
    from: check
`;

/** What the projected heat map shows: rows whole or left out, and how small its text got. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('[data-fit-box]')!.getBoundingClientRect();
    const rows = [...document.querySelectorAll<HTMLElement>('.heatmap tbody tr')];
    const shown = rows.filter((r) => !r.hidden);
    const cut = shown
      .filter((r) => {
        const rect = r.getBoundingClientRect();
        return rect.bottom > box.bottom + 1 || rect.right > box.right + 1 || rect.bottom > window.innerHeight;
      })
      .map((r) => r.querySelector('th')!.textContent);
    const sizes = shown.flatMap((r) => [...r.querySelectorAll('th, td')].map((c) => parseFloat(getComputedStyle(c).fontSize)));
    const more = document.querySelector<HTMLElement>('[data-fit-more]');
    return {
      shown: shown.length,
      more: more && !more.hidden ? Number(more.dataset.more) : 0,
      moreText: more && !more.hidden ? more.textContent : '',
      first: shown.slice(0, 3).map((r) => r.querySelector('th')!.textContent),
      cut,
      smallest: Math.min(...sizes),
      pageOverflow: Math.max(document.documentElement.scrollHeight - window.innerHeight, document.documentElement.scrollWidth - window.innerWidth, 0),
    };
  });
}

describe('the wat-werkt check in the browser', () => {
  let scripts: string;
  let oogst: Running;
  let browser: Browser;
  let s: StartedSession;
  const watcher = new Watcher();
  const { found, scan } = axeFindings();

  beforeAll(async () => {
    scripts = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(scripts, 'wat-werkt-zestig.yaml'), SCRIPT);
    // Nine people rate sixty items each through their sockets: more commands in a burst than a person sends.
    oogst = await startOogst({ scriptsDir: scripts, env: { OOGST_COMMAND_BURST: '1000', OOGST_COMMANDS_PER_SECOND: '1000' } });
    browser = await launch();
    s = await startSession(oogst.url, 'wat-werkt-zestig');
  });
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('lets a phone rate, comment and change its mind; the console sees it all, the screen how many answered, then the heat map', { timeout: 240_000 }, async () => {
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const projector = await browser.newContext({ viewport: SIZES[0]! });
    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console'));
    await console_.open(s.session.consoleUrl);
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(s.session.screenUrl);
    const phone = await PhonePage.join(browser, watcher, 'phone', s.session.joinUrl);

    // Nine others rate every item: the early items mostly "nog niet", the later ones mostly "doen we al".
    const { next } = seeded(7);
    const people = [];
    for (let p = 0; p < 9; p++) people.push(await participant(oogst.url, s));
    await screen.page.getByText('10 deelnemers').first().waitFor();

    const page = phone.page;
    await page.getByRole('group', { name: 'Jouw antwoord' }).first().waitFor();
    await page.getByText('0 van 60 beantwoord').waitFor();
    const first = page.locator('fieldset').first();
    await expect(first.getByRole('link', { name: 'Bron' }).getAttribute('href')).resolves.toBe('https://www.example.org/wat-werkt');
    await expect(first.getByRole('link', { name: 'Bron' }).getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await first.getByRole('button', { name: 'nog niet', exact: true }).click();
    await first.getByText('opgeslagen').waitFor();
    await first.getByRole('button', { name: 'Toelichting toevoegen' }).click();
    await first.getByLabel('Toelichting').fill('Ze zitten alleen in de klankbordgroep');
    await first.getByRole('button', { name: 'Bewaar toelichting' }).click();
    await first.getByText('Ze zitten alleen in de klankbordgroep').waitFor();
    await first.getByRole('button', { name: 'deels', exact: true }).click();
    await expect(first.getByRole('button', { name: 'deels', exact: true }).getAttribute('aria-pressed')).resolves.toBe('true');
    await first.getByText('opgeslagen').waitFor();
    await page.locator('fieldset').nth(1).getByRole('button', { name: 'weet ik niet', exact: true }).click();
    await page.getByText('2 van 60 beantwoord').waitFor();
    await page.locator('fieldset').nth(1).getByText('opgeslagen').waitFor();
    await scan('phone 390', page);
    await shot(page, 'checklist-phone-390');

    await screen.page.getByText('1 deelnemer vulde in').waitFor();
    await scan('screen before the reveal', screen.page, true);
    await shot(screen.page, 'checklist-screen-before-1920');

    // Every rating, counted here too, to know which items must lead the heat map.
    const counts: Record<string, Record<string, number>> = Object.fromEntries(ITEMS.map((i) => [i.id, { al: 0, deels: 0, 'nog-niet': 0, 'weet-niet': 0 }]));
    counts.e1!.deels = 1;
    counts.e2!['weet-niet'] = 1;
    for (const [p, person] of people.entries())
      for (const [i, item] of ITEMS.entries()) {
        const r = next();
        const lean = i / ITEMS.length; // 0 for the first item, towards 1 for the last
        const point = r < 0.08 ? 'weet-niet' : r < 0.08 + (1 - lean) * 0.6 ? 'nog-niet' : r < 0.08 + (1 - lean) * 0.6 + 0.25 ? 'deels' : 'al';
        counts[item.id]![point]! += 1;
        const comment = p < 3 && i % 9 === 0 ? { comment: `Bij ons ${p + 1}: zie element ${i + 1}` } : {};
        expect((await person.send('checklist.rate', { itemId: item.id, point, ...comment }, 'check')).ok).toBe(true);
      }
    await screen.page.getByText('10 deelnemers vulden in').waitFor();

    // The console: the distribution per item and the comments, never who wrote them.
    await console_.page.getByRole('heading', { name: /^Toelichtingen \(\d+\)$/ }).waitFor();
    await console_.page.getByText('Ze zitten alleen in de klankbordgroep').waitFor();
    const comments = await console_.page.locator('section', { has: console_.page.getByRole('heading', { name: /^Toelichtingen/ }) }).innerText();
    for (const person of people) expect(comments).not.toContain(person.identity.pseudonym);
    await scan('console 1366', console_.page);
    await shot(console_.page, 'checklist-console-1366');

    // The reveal: the heat map, most to gain first, readable from the back or counted.
    await console_.reveal();
    await screen.page.locator('.heatmap').waitFor();
    for (const size of SIZES) {
      await screen.page.setViewportSize(size);
      await frames(screen.page);
      await screen.page.waitForFunction(() => {
        const rows = document.querySelectorAll('.heatmap tbody tr');
        const shown = [...rows].filter((r) => !(r as HTMLElement).hidden).length;
        const more = document.querySelector<HTMLElement>('[data-fit-more]');
        return rows.length === 60 && shown + (more && !more.hidden ? Number(more.dataset.more) : 0) === 60;
      });
      const f = await measure(screen.page);
      await shot(screen.page, `checklist-screen-${size.width}`);
      expect(f.cut, `${size.width}: rows cut off`).toEqual([]);
      expect(f.shown + f.more, `${size.width}: every row shown or counted`).toBe(60);
      expect(f.smallest, `${size.width}: smallest text`).toBeGreaterThanOrEqual(readable(size.height));
      expect(f.pageOverflow).toBe(0);
      if (f.more) expect(f.moreText).toBe(`en ${f.more} elementen met minder te winnen`);
      // Most to gain first: the order the ratings give.
      expect(f.first).toEqual(checklistResults({ id: 'check', kind: 'checklist', title: '', items: ITEMS } as ChecklistStep, counts).slice(0, 3).map((r) => r.item.text));
      await scan(`screen heat map ${size.width}`, screen.page, true);
    }

    // A dim room: the dark theme keeps its tints as readable (AAA contrast).
    await screen.page.getByRole('button', { name: 'Donker thema' }).click();
    await screen.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await scan('screen heat map dark 1280', screen.page, true);
    await shot(screen.page, 'checklist-screen-dark-1280');

    // The verbeteracties: the items most rated "nog niet", as inspiration on the screen.
    await screen.page.setViewportSize(SIZES[0]!);
    await console_.next();
    await screen.page.getByRole('heading', { level: 1, name: 'Verbeteracties' }).waitFor();
    const inspiration = screen.page.locator('aside.inspiration');
    await inspiration.getByRole('heading', { name: 'Onze aanpak naast wat werkt' }).waitFor();
    expect(await inspiration.locator('li').count()).toBe(10);
    await scan('screen verbeteracties', screen.page, true);
    await shot(screen.page, 'checklist-verbeteracties-screen-1920');

    for (const person of people) person.close();
    await laptop.close();
    await projector.close();
    await phone.context.close();
    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
  });
});
