/**
 * Every shipped facilitation script, run from its first step to its last in real
 * browsers: a console at 1366×768, a screen at 1920×1080 (light) or 1280×720 (dark), and three
 * phones (360×740 and 390×844) in separate contexts, each phone taking part wherever
 * the step takes input. Along the way: the screen never scrolls, and an axe-core scan
 * of every view finds no serious or critical problem (the screen held to AAA
 * contrast). Screenshots go to test-results/screenshots/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { StepDef } from '../../core/state.js';
import { startOogst, startSession, type Running } from '../helpers/oogst.js';
import { axeProblems } from './axe.js';
import { ConsolePage, launch, PhonePage, ScreenPage, shot, Watcher } from './pages.js';
import { RoomScreen, StepConsole, StepPhone } from './step-pages.js';

const DIR = 'facilitation-scripts';
const SCRIPTS = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];
const PHONES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 390, height: 844 },
];

describe('every shipped script in real browsers', () => {
  let oogst: Running;
  let browser: Browser;
  const watcher = new Watcher();
  /** Axe findings, by view and step: collected, so one run names all of them. */
  const found: string[] = [];
  /** Phone and console views are scanned once per kind; the screen at every step. */
  const scanned = new Set<string>();

  beforeAll(async () => {
    oogst = await startOogst();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
  });

  async function scan(view: string, page: import('playwright-core').Page, aaa = false) {
    for (const p of await axeProblems(page, { aaa })) found.push(`${view}: ${p.id} (${p.impact}) ${p.help}\n    ${p.nodes.join('\n    ')}`);
  }

  it('has the scripts the README describes, each under its own "File:" line', () => {
    const described = [...readFileSync(`${DIR}/README.md`, 'utf8').matchAll(/^File: `([a-z0-9-]+\.yaml)`/gm)].map((m) => m[1]);
    expect(described.sort()).toEqual(SCRIPTS);
  });

  SCRIPTS.forEach((file, index) => {
    const script = parse(readFileSync(`${DIR}/${file}`, 'utf8')) as { id: string; steps: StepDef[] };
    const size = SCREENS[index % SCREENS.length]!;

    it(`runs ${script.id} with a console, a ${size.width}×${size.height} ${size.width === 1280 ? 'dark' : 'light'} screen and three phones`, { timeout: 300_000 }, async () => {
      const contexts: BrowserContext[] = [];
      found.length = 0; // each script answers for its own findings
      try {
        const s = await startSession(oogst.url, script.id);
        const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const projector = await browser.newContext({ viewport: size });
        contexts.push(laptop, projector);
        const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), `console ${script.id}`));
        await console_.open(s.session.consoleUrl);
        const facilitator = new StepConsole(console_);
        const screenPage = new ScreenPage(watcher.watch(await projector.newPage(), `screen ${script.id}`));
        await screenPage.open(s.session.screenUrl);
        const screen = new RoomScreen(screenPage);
        expect(await screen.joinCode()).toBe(s.session.code);
        // The 1280×720 runs use the dark theme: between them they show every kind in it.
        const dark = size.width === 1280;
        if (dark) await screen.toggleDark();
        expect(await screen.theme()).toBe(dark ? 'dark' : 'light');

        const phones: StepPhone[] = [];
        for (const [n, viewport] of PHONES.entries()) {
          const phone = await PhonePage.join(browser, watcher, `phone ${n} ${script.id}`, s.session.joinUrl, viewport);
          contexts.push(phone.context);
          phones.push(new StepPhone(phone, n));
        }
        await screen.participantCount(3);
        await console_.connectedCount(3);

        for (const [i, step] of script.steps.entries()) {
          if (i > 0) await console_.next();
          await Promise.all([facilitator.sees(step), screen.sees(step), ...phones.map((p) => p.sees(step))]);
          const tag = `${script.id}-${String(i + 1).padStart(2, '0')}-${step.kind}`;

          if (step.kind === 'interview') await facilitator.makePairs();
          if (step.kind === 'groups') await facilitator.makeGroups();
          if (step.kind === 'smallwin' && step.whoRegisters === 'facilitator') await facilitator.registerSmallWin('Koffie-uur in de wijk');
          const tookPart = await Promise.all(phones.map((p) => p.contribute(step)));
          if (step.kind === 'interview') for (const p of phones) await p.shareIfAsked();
          if (step.kind === 'photo') await facilitator.approvePhotos();
          if (step.kind === 'smallwin' && !tookPart.some(Boolean)) await facilitator.registerSmallWin('Koffie-uur in de wijk');
          await facilitator.revealIfOffered();

          expect(await screen.overflow(), `${tag}: the screen scrolls`).toBe(0);
          await scan(`screen ${tag}`, screen.page, true); // waits for notes to finish fading in
          await shot(screen.page, `every-${tag}-screen-${size.width}`);
          if (!scanned.has(step.kind)) {
            scanned.add(step.kind);
            await scan(`console ${tag}`, console_.page);
            await shot(console_.page, `every-${tag}-console-1366`);
            for (const phone of phones.slice(0, 2)) {
              const width = phone.page.viewportSize()!.width;
              await scan(`phone ${width} ${tag}`, phone.page);
              await shot(phone.page, `every-${tag}-phone-${width}`);
            }
          }
        }
      } finally {
        for (const c of contexts) await c.close();
      }
      expect(found).toEqual([]);
      expect(watcher.problems).toEqual([]);
    });
  });
});
