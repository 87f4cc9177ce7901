/**
 * The recap in real browsers, with a full arena behind it: a first meeting chose twelve
 * actions (long texts, updates) and three ontwerpvragen, registered eight small wins and
 * heard six answers to "Wat ga je morgen anders doen?". At the next meeting the console
 * (1366×768) steps through the parts, the projector (1920×1080 and 1280×720) shows each
 * whole and readable from the back row, and a phone (390×844) reads what was shown. An
 * axe-core scan of every view (the screen held to AAA contrast). Screenshots in
 * test-results/screenshots/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recapOf } from '../../kinds/recap/model.js';
import { api, facilitator, participant, startOogst, type Running, type StartedSession } from '../helpers/oogst.js';
import { axeFindings } from './axe.js';
import { ConsolePage, launch, PhonePage, ScreenPage, shot, Watcher } from './pages.js';
import { projectedRecapPart, SIZES } from './projector.js';

const FIRST = `id: eerste
title: Eerste
language: nl
steps:
  - { id: acties, kind: action, title: Verbeteracties, by: facilitator }
  - { id: vragen, kind: questions, title: Ontwerpvragen }
  - { id: kiezen, kind: vote, title: Kiezen, from: vragen, dots: 3, choose: 3 }
  - { id: wins, kind: smallwin, title: Small wins, whoRegisters: facilitator }
  - id: terugblik
    kind: open
    title: Terugblik
    questions:
      - { id: morgen, text: Wat ga je morgen anders doen? }
`;
const NEXT = `id: volgende
title: Volgende
language: nl
steps:
  - { id: welkom, kind: slide, title: Welkom }
  - { id: waar, kind: recap, title: Waar staan we?, prompt: Wat we de vorige keer afspraken en wat er sindsdien gebeurde. }
`;

const long = (i: number, what: string) =>
  `${what} ${i + 1}: samen met het wijkteam, de huisarts en de mantelzorgers zelf, elke maand op een vaste plek in de wijk, en we vragen steeds wat de doelgroep ervan merkt`;

describe('the recap in the browser', () => {
  let scripts: string;
  let oogst: Running;
  let browser: Browser;
  let two: StartedSession;
  const watcher = new Watcher();
  const { found, scan } = axeFindings();

  beforeAll(async () => {
    scripts = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(scripts, 'eerste.yaml'), FIRST);
    writeFileSync(join(scripts, 'volgende.yaml'), NEXT);
    oogst = await startOogst({ scriptsDir: scripts, env: { OOGST_COMMAND_BURST: '1000', OOGST_COMMANDS_PER_SECOND: '1000' } });
    browser = await launch();
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Jonge mantelzorgers', theme: 'Gehoord worden' });
    const arena = { id: made.body.id, key: made.body.key };
    const session = async (script: string, title: string): Promise<StartedSession> => {
      const created = await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script, title }, arena.key);
      return { arena, session: created.body, screenKey: new URL(created.body.screenUrl).hash.replace('#key=', '') } as StartedSession;
    };
    const one = await session('eerste', 'Bijeenkomst 1: weten wat werkt');
    const fac = await facilitator(oogst.url, one);
    const phones = await Promise.all(Array.from({ length: 6 }, () => participant(oogst.url, one)));
    for (let i = 0; i < 12; i++) expect((await fac.send('action.propose', { what: long(i, 'Verbeteractie').slice(0, 300), target: 'Mantelzorgers worden eerder gehoord' }, 'acties')).ok).toBe(true);
    expect((await fac.send('session.goto', { stepId: 'vragen' })).ok).toBe(true);
    for (const [i, p] of phones.slice(0, 4).entries())
      expect((await p.send('questions.ask', { text: `Hoe kunnen we ${['mantelzorgers eerder bereiken', 'de huisarts betrekken bij de keukentafel', 'jonge mantelzorgers op school herkennen', 'de wijk laten meedenken'][i]}?` }, 'vragen')).ok).toBe(true);
    expect((await fac.send('step.reveal', { revealed: true }, 'vragen')).ok).toBe(true);
    expect((await fac.send('session.goto', { stepId: 'kiezen' })).ok).toBe(true);
    await phones[0]!.until((v) => v.state!.current === 2, 5000, 'phone on the vote');
    const items = (fac.state!.stepStates.vragen!.data as { questions: { id: string }[] }).questions;
    for (const [i, p] of phones.entries()) expect((await p.send('vote.place', { itemId: items[i % 3]!.id, dots: 1 }, 'kiezen')).ok).toBe(true);
    expect((await fac.send('session.goto', { stepId: 'wins' })).ok).toBe(true);
    for (let i = 0; i < 8; i++)
      expect((await fac.send('smallwin.register', { title: `Small win ${i + 1}: ${['Buurtkamer open', 'Koffie-uur op dinsdag', 'Eén aanspreekpunt in de wijk', 'Spreekuur in de bibliotheek'][i % 4]}`, result: long(i, 'Het resultaat').slice(0, 200), candidate: i % 3 === 0 }, 'wins')).ok).toBe(true);
    expect((await fac.send('session.goto', { stepId: 'terugblik' })).ok).toBe(true);
    await phones[0]!.until((v) => v.state!.current === 4, 5000, 'phone on the reflection');
    for (const [i, p] of phones.entries()) expect((await p.send('open.answer', { questionId: 'morgen', text: long(i, 'Morgen bel ik').slice(0, 180) }, 'terugblik')).ok).toBe(true);
    for (const v of [fac, ...phones]) v.close();
    two = await session('volgende', 'Bijeenkomst 2: actie');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('steps through the parts on the console, shows each whole on the projector and what was shown on a phone', { timeout: 240_000 }, async () => {
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const projector = await browser.newContext({ viewport: SIZES[0]! });
    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console'));
    await console_.open(two.session.consoleUrl);
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(two.session.screenUrl);
    const phone = await PhonePage.join(browser, watcher, 'phone', two.session.joinUrl);

    await console_.next();
    await screen.page.getByRole('heading', { level: 1, name: 'Waar staan we?' }).waitFor();
    await screen.page.getByText(/^Sinds Bijeenkomst 1: weten wat werkt/).waitFor();
    await screen.page.getByRole('heading', { name: 'Waar we naar kijken' }).waitFor();
    await phone.page.getByText('Kijk mee op het scherm').waitFor();
    await shot(screen.page, 'recap-screen-agenda-1920');
    await scan('screen agenda', screen.page, true);

    const fac = await facilitator(oogst.url, two);
    const parts = recapOf(fac.state!.arenaContext).parts;
    fac.close();
    expect(parts.map((p) => [p.id, p.items.length])).toEqual([
      ['action', 12],
      ['vote', 3],
      ['smallwin', 8],
      ['open', 6],
    ]);
    await scan('console', console_.page);
    await shot(console_.page, 'recap-console-1366');

    for (const part of parts) {
      await console_.page.getByRole('button', { name: `Volgende deel: ${part.title}` }).click();
      await projectedRecapPart(screen.page, part, 'recap-screen', scan);
    }
    await console_.page.getByText('Nu op het scherm', { exact: true }).waitFor();
    await shot(console_.page, 'recap-console-stepped-1366');

    // The phone: the part on the screen first, every part shown before it below.
    await phone.page.getByRole('heading', { name: parts.at(-1)!.title }).waitFor();
    for (const part of parts) await phone.page.getByRole('heading', { name: part.title }).waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBe(0);
    await scan('phone 390', phone.page);
    await shot(phone.page, 'recap-phone-390');

    await laptop.close();
    await projector.close();
    await phone.context.close();
    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
  });
});
