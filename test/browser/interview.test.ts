/**
 * An interview round in real browsers: a console, a screen and two phones in separate
 * contexts. The facilitator makes the pairs, both phones see each other's pseudonym,
 * the interviewer writes, the interviewee shares part of it, and the screen shows the
 * shared strength but never the unshared story; a trio whose interviewer drops hears what
 * happens during the grace and after it. Screenshots go to test-results/screenshots/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOogst, startSession, type Running } from '../helpers/oogst.js';
import { InterviewConsole, InterviewPhone } from './interview-pages.js';
import { ConsolePage, launch, PhonePage, ScreenPage, shot, Watcher } from './pages.js';

const SCRIPT = `id: waarderend-verkennen
title: Waarderend verkennen
language: nl
steps:
  - id: welkom
    kind: slide
    title: Welkom
    body: Pak je telefoon erbij.
  - id: interviews
    kind: interview
    title: Waarderende interviews
    prompt: Interview elkaar over een moment waarop het echt goed werkte.
    timer: 480
    guide:
      - Vertel over een moment waarop de zorg voor jonge mantelzorgers echt goed werkte.
      - Wat maakte dat mogelijk?
      - Wat was jouw bijdrage?
      - Wat zegt dat over wat we waarderen?
`;

const NOTES = {
  story: 'Op school kreeg Sara een vaste mentor die wist dat ze thuis voor haar moeder zorgt.',
  strengths: 'Durven vragen om hulp',
  conditions: 'Een mentor die de tijd nam',
};

describe('an interview round in real browsers', () => {
  let scripts: string;
  let oogst: Running;
  let browser: Browser;
  const watcher = new Watcher();

  beforeAll(async () => {
    scripts = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(scripts, 'waarderend-verkennen.yaml'), SCRIPT);
    oogst = await startOogst({ scriptsDir: scripts });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('pairs two phones, lets one interview the other, and shares only what the interviewee chose', async () => {
    const { session } = await startSession(oogst.url, 'waarderend-verkennen');
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console'));
    await console_.open(session.consoleUrl);
    const facilitator = new InterviewConsole(console_);
    const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(session.screenUrl);

    const joinUrl = `${oogst.url}/j/${session.code}`;
    const first = new InterviewPhone(await PhonePage.join(browser, watcher, 'phone-a', joinUrl));
    const second = new InterviewPhone(await PhonePage.join(browser, watcher, 'phone-b', joinUrl));
    const [nameA, nameB] = [await first.pseudonym(), await second.pseudonym()];
    expect(nameA).not.toBe(nameB);
    await console_.connectedCount(2);

    await console_.next();
    await screen.shows('Waarderende interviews');
    await first.page.getByText('Je hebt nog geen partner', { exact: false }).waitFor();
    await shot(first.page, 'interview-phone-waiting-390');
    await shot(screen.page, 'interview-screen-waiting-1920');
    await facilitator.makePairs();
    await facilitator.startTimer();

    // Both phones see who their partner is, by pseudonym.
    await first.seesPartner(nameB);
    await second.seesPartner(nameA);
    const [interviewer, interviewee] = (await first.asks()) ? [first, second] : [second, first];
    const [asker, teller] = interviewer === first ? [nameA, nameB] : [nameB, nameA];
    await interviewer.seesRole(`Jij interviewt ${teller}`);
    await interviewee.seesRole(`${asker} interviewt jou`);
    await interviewer.page.getByText('Wat maakte dat mogelijk?').waitFor();
    await shot(interviewer.page, 'interview-phone-interviewer-390');

    // A pair's phones say that the two of them read the notes.
    await interviewer.page.getByText(`Alleen jullie tweeën zien deze aantekeningen, tot ${teller} ze deelt.`).waitFor();
    await interviewer.writeNotes(NOTES);
    await interviewee.page.getByText(NOTES.story).waitFor();
    await shot(interviewee.page, 'interview-phone-interviewee-390');
    // Nothing of it on the screen or the console before it is shared.
    await screen.page.getByText('Nog niets gedeeld', { exact: false }).waitFor();
    await console_.page.getByText('1 interview genoteerd').first().waitFor();
    for (const page of [screen.page, console_.page]) expect(await page.getByText(NOTES.strengths).count()).toBe(0);

    // Sharing is opt-in: nothing is ticked, and there is nothing to share until the one interviewed ticks a field.
    const choice = interviewee.page.getByRole('button', { name: 'Deel op de muur' });
    await choice.scrollIntoViewIfNeeded();
    expect(await interviewee.ticked()).toEqual([]);
    expect(await choice.isDisabled()).toBe(true);
    await shot(interviewee.page, 'interview-phone-share-choice-390');
    await interviewee.share(['strengths']);
    await screen.shows(NOTES.strengths);
    await console_.page.getByText(NOTES.strengths).waitFor();
    for (const page of [screen.page, console_.page])
      for (const unshared of [NOTES.story, NOTES.conditions]) expect(await page.getByText(unshared).count()).toBe(0);
    const overflow = await screen.page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    await screen.page.waitForTimeout(500); // the cards fade in
    await shot(screen.page, 'interview-screen-1920');
    await shot(interviewee.page, 'interview-phone-shared-390');

    // The facilitator gives the signal: roles swap on both phones.
    await facilitator.swap();
    await interviewee.seesRole(`Jij interviewt ${asker}`);
    await interviewer.seesRole(`${teller} interviewt jou`);
    await screen.page.getByText('Ronde 1 · gesprek 2').waitFor();
    await shot(console_.page, 'interview-console-1366');
    await shot(interviewee.page, 'interview-phone-swapped-390');

    expect(watcher.problems).toEqual([]);
  });

  it('tells a trio that the three of them read the notes', async () => {
    const { session } = await startSession(oogst.url, 'waarderend-verkennen');
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console-trio'));
    await console_.open(session.consoleUrl);
    const joinUrl = `${oogst.url}/j/${session.code}`;
    const phones: InterviewPhone[] = [];
    for (const name of ['trio-a', 'trio-b', 'trio-c']) phones.push(new InterviewPhone(await PhonePage.join(browser, watcher, name, joinUrl)));
    await console_.connectedCount(3);
    await console_.next();
    await new InterviewConsole(console_).makePairs();
    // One asks, one tells, one listens.
    for (const p of phones) await p.page.getByText(/interviewt/).first().waitFor();
    const asking = await Promise.all(phones.map(async (p) => (await p.page.getByText(/^Jij interviewt/).count()) > 0));
    const interviewer = phones[asking.indexOf(true)]!;
    await interviewer.page.getByText(/^Alleen jullie drieën zien deze aantekeningen, tot .+ ze deelt\.$/).waitFor();
    expect(await interviewer.page.getByText('jullie tweeën', { exact: false }).count()).toBe(0);
    expect(watcher.problems).toEqual([]);
  });

  it('tells a trio whose interviewer drops what happens, keeps their notes counted, and gives a latecomer the next turn', async () => {
    const { session } = await startSession(oogst.url, 'waarderend-verkennen');
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console-leaver'));
    await console_.open(session.consoleUrl);
    const facilitator = new InterviewConsole(console_);
    const joinUrl = `${oogst.url}/j/${session.code}`;
    const phones: InterviewPhone[] = [];
    for (const name of ['leaver-a', 'leaver-b', 'leaver-c']) phones.push(new InterviewPhone(await PhonePage.join(browser, watcher, name, joinUrl)));
    await console_.connectedCount(3);
    await console_.next();
    await facilitator.makePairs();
    const roles = await Promise.all(phones.map((p) => p.role()));
    const leaver = phones[roles.indexOf('asks')]!;
    const teller = phones[roles.indexOf('tells')]!;
    const listener = phones[roles.indexOf('listens')]!;
    const [leaverName, tellerName, listenerName] = [await leaver.pseudonym(), await teller.pseudonym(), await listener.pseudonym()];
    await leaver.writeNotes(NOTES);
    await console_.page.getByText('1 interview genoteerd').first().waitFor();

    // The one asking loses their connection: for the grace, the other two read what happened and what will.
    await leaver.phone.context.close();
    for (const p of [teller, listener]) await p.page.getByText(`De verbinding van ${leaverName} is weggevallen.`).waitFor();
    await teller.page.getByText(`Praat intussen verder met ${listenerName}.`, { exact: false }).waitFor();
    await facilitator.page.getByText('verbinding weg').waitFor();
    await facilitator.page.getByText('De verbinding van 1 deelnemer is weggevallen.', { exact: false }).waitFor();
    await shot(teller.page, 'interview-phone-partner-dropped-390');
    await shot(facilitator.page, 'interview-console-dropped-1366');

    // After the grace they talk on as two; the leaver's notes still count for their conversation.
    await teller.page.getByText(`De verbinding van ${leaverName} is weggevallen.`).waitFor({ state: 'detached', timeout: 40_000 });
    await listener.page.getByText(/^Jij interviewt|interviewt jou$/).waitFor();
    expect(await facilitator.page.getByText('verbinding weg').count()).toBe(0);
    const row = facilitator.page.getByRole('listitem').filter({ hasText: tellerName });
    await row.getByText('1 interview genoteerd').waitFor();
    await row.getByText(leaverName).waitFor();

    // Someone arriving now joins them as the third and listens first; the two swaps after it give each of
    // the two who have not told yet their turn, before the one who told tells again.
    const late = new InterviewPhone(await PhonePage.join(browser, watcher, 'leaver-d', joinUrl));
    const lateName = await late.pseudonym();
    await late.page.getByText(/ interviewt .+\. Jij luistert mee\.$/).waitFor();
    for (const p of [teller, listener]) await p.page.getByText(`${lateName} schuift bij jullie aan en luistert eerst mee.`).waitFor();
    await shot(late.page, 'interview-phone-latecomer-390');
    await shot(facilitator.page, 'interview-console-after-leave-1366');
    const trio = [teller, listener, late];
    const tellers: string[] = [];
    let told = teller;
    for (const swap of [1, 2]) {
      await facilitator.swap();
      await facilitator.page.getByText(`Ronde 1 · gesprek ${swap + 1}`).waitFor();
      // Who told now asks; one of the others tells.
      await expect.poll(() => told.role()).toBe('asks');
      const roles = await Promise.all(trio.map((p) => p.role()));
      told = trio[roles.indexOf('tells')]!;
      tellers.push(await told.pseudonym());
    }
    expect(tellers.sort()).toEqual([lateName, listenerName].sort());
    expect(watcher.problems).toEqual([]);
  });
});
