/**
 * Page objects for the browser tests: what a facilitator and a participant do,
 * in their words. Tests read as a session; selectors live here only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';

export const SHOTS = 'test-results/screenshots';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.OOGST_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'],
  });
}

/** A server and a browser for the tests of one describe block, both closed after them; read the fields inside tests. */
export function serverAndBrowser(): { oogst: Running; browser: Browser } {
  const both = {} as { oogst: Running; browser: Browser };
  beforeAll(async () => {
    both.oogst = await startOogst();
    both.browser = await launch();
  });
  afterAll(async () => {
    await both.browser?.close();
    await both.oogst?.stop();
  });
  return both;
}

/**
 * A server that knows one script of the test's own (`yaml`, its id `id`), a browser, and a
 * session of that script, for the tests of one describe block; `dir` is the script's folder,
 * for other files the test writes. All closed and removed after them; read the fields inside tests.
 */
export function scriptedSession(id: string, yaml: string): { oogst: Running; browser: Browser; s: StartedSession; dir: string } {
  const all = {} as { oogst: Running; browser: Browser; s: StartedSession; dir: string };
  beforeAll(async () => {
    all.dir = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(all.dir, `${id}.yaml`), yaml);
    all.oogst = await startOogst({ scriptsDir: all.dir });
    all.browser = await launch();
    all.s = await startSession(all.oogst.url, id);
  });
  afterAll(async () => {
    await all.browser?.close();
    await all.oogst?.stop();
    if (all.dir) rmSync(all.dir, { recursive: true, force: true });
  });
  return all;
}

/** Console errors, page errors and CSP violations of every page opened through it. */
export class Watcher {
  readonly problems: string[] = [];
  /** Confirmations the test means to accept (e.g. revoking a feed link); any other dialog is a problem. */
  private accepting = 0;
  acceptNextDialog() {
    this.accepting += 1;
  }
  watch(page: Page, name: string): Page {
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`${name}: ${e.message}`));
    page.on('dialog', (d) => {
      if (this.accepting > 0) {
        this.accepting -= 1;
        return void d.accept();
      }
      this.problems.push(`${name}: a dialog opened (${d.message()})`);
      void d.dismiss();
    });
    return page;
  }
}

/** A few frames of the page: after a resize, what the screen's fit (client/lib/fit.ts) does about it has been done. */
export const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));

/**
 * What `measure` reads in the page once it stands still: the same twice, a few frames
 * apart (a fit that follows a resize or a new item takes a frame or two), and `ready`.
 */
export async function settled<T>(page: Page, measure: () => T, ready: (value: T) => boolean = () => true): Promise<T> {
  let last = '';
  for (let i = 0; i < 100; i++) {
    await frames(page);
    const now = (await page.evaluate(measure)) as T;
    const key = JSON.stringify(now);
    if (key === last && ready(now)) return now;
    last = key;
  }
  return (await page.evaluate(measure)) as T;
}

export async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

export class HomePage {
  constructor(readonly page: Page) {}
  async open(base: string) {
    await this.page.goto(`${base}/`);
  }
  async createArena(title: string, theme: string) {
    await this.page.getByLabel('Naam van de arena').fill(title);
    await this.page.getByLabel('Thema of ambitie (mag leeg)').fill(theme);
    await this.page.getByRole('button', { name: 'Arena maken' }).click();
  }
  /** Starts a session from the selected script; returns the console and screen links and the join code. */
  /** `script`: the title of the draaiboek to choose; without it, the one already chosen. */
  async startSession(script?: string) {
    if (script) await this.page.getByRole('radio', { name: new RegExp(`^${script}`) }).check();
    await this.page.getByRole('button', { name: 'Bijeenkomst starten' }).click();
    await this.page.getByText('De bijeenkomst staat klaar.').waitFor();
    const ready = this.page.locator('.ready');
    const absolute = (href: string | null) => new URL(href!, this.page.url()).href;
    return {
      consoleHref: absolute(await ready.getByRole('link', { name: /Open console/ }).getAttribute('href')),
      screenHref: absolute(await ready.getByRole('link', { name: /Open scherm/ }).getAttribute('href')),
      code: (await ready.locator('.code').textContent())!.trim(),
    };
  }
}

export class ConsolePage {
  constructor(readonly page: Page) {}
  async open(href: string) {
    await this.page.goto(href);
    await this.page.getByRole('button', { name: /Volgende/ }).waitFor();
  }
  async next() {
    await this.page.getByRole('button', { name: /Volgende/ }).click();
  }
  async reveal() {
    await this.page.getByRole('button', { name: 'Toon resultaten' }).click();
  }
  async connectedCount(n: number) {
    await this.page.getByText(`${n} deelnemer`).first().waitFor();
  }
  column(title: string) {
    return this.page.locator('section', { has: this.page.getByRole('heading', { name: new RegExp(title) }) }).last();
  }
  async hideNote(text: string) {
    await this.page.locator('li, .note', { hasText: text }).last().getByRole('button', { name: 'Verberg', exact: true }).click();
  }
  async cluster(column: string, noteTexts: string[], title: string) {
    const col = this.column(column);
    for (const text of noteTexts) await col.locator('li, .note', { hasText: text }).last().getByRole('checkbox').check();
    await col.getByPlaceholder('Titel van de groep').fill(title);
    await col.getByRole('button', { name: 'Groepeer selectie' }).click();
  }
  /** Makes a live-feed link from the console's panel; returns the address it shows once. */
  private async openFeeds() {
    const summary = this.page.locator('summary', { hasText: 'Live-feed' });
    if ((await this.page.locator('details.feeds').getAttribute('open')) === null) await summary.click();
  }
  async createFeed(label: string) {
    await this.openFeeds();
    await this.page.getByLabel('Naam van de koppeling').fill(label);
    await this.page.getByRole('button', { name: 'Nieuwe koppeling' }).click();
    const field = this.page.getByLabel('Link van de koppeling');
    await field.waitFor();
    return field.inputValue();
  }
  async revokeFeed(label: string) {
    await this.openFeeds();
    await this.page.locator('.feeds li', { hasText: label }).getByRole('button', { name: 'Intrekken' }).click();
  }
  async downloadHarvest(button: 'Verslag (Markdown)' | 'Gegevens (JSON)' | 'Word' | 'Spreadsheet (CSV)' | 'Afdrukbaar (HTML)') {
    if ((await this.page.locator('details.harvest-menu').getAttribute('open')) === null)
      await this.page.locator('details.harvest-menu > summary').click();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: button }).click()]);
    return download;
  }
}

export class ScreenPage {
  constructor(readonly page: Page) {}
  async open(href: string) {
    await this.page.goto(href);
    await this.page.locator('h1').waitFor();
  }
  async shows(text: string) {
    await this.page.getByText(text, { exact: true }).first().waitFor();
  }
  async showsGroup(title: string, notes: number) {
    await this.page.getByRole('heading', { name: `${title} (${notes})` }).waitFor();
  }
  async doesNotShow(text: string) {
    await this.page.getByText(text, { exact: true }).waitFor({ state: 'detached' });
  }
}

export class PhonePage {
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}
  static async join(browser: Browser, watcher: Watcher, name: string, joinUrl: string, viewport = { width: 390, height: 844 }) {
    const context = await browser.newContext({ viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const phone = new PhonePage(context, watcher.watch(await context.newPage(), name));
    await phone.page.goto(joinUrl);
    await phone.page.getByText('Je doet mee als').waitFor();
    return phone;
  }
  async answer(text: string) {
    await this.page.getByRole('textbox').first().fill(text);
    await this.page.getByRole('button', { name: 'Opslaan' }).first().click();
  }
  /** Posts a note and waits until it is saved; `shownAs` is the text as the server keeps it. */
  async postNote(column: string, text: string, shownAs = text) {
    // By the column's exact title: "Dit werkt" must not find "Dit werkt (nog) niet" too.
    await this.page.locator('button.column').filter({ has: this.page.getByText(column, { exact: true }) }).click();
    await this.page.getByRole('textbox').fill(text);
    await this.page.getByRole('button', { name: 'Plaats briefje' }).click();
    await this.page.locator('li, article, .note', { hasText: shownAs }).getByText('opgeslagen').first().waitFor();
  }
}
