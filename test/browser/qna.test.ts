/**
 * Vragen aan de spreker in real browsers, in the shipped transitiearena: two phones
 * (390×844) ask and support questions, the screen at 1920×1080 and 1280×720 shows the
 * most supported, the presenter's view (opened from the console at 1366×768) marks one
 * answered, and every view passes an axe-core scan (the room's views at AAA contrast).
 * Screenshots go to test-results/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QnaData } from '../../kinds/qna/model.js';
import { facilitator, participant, startOogst, startSession, type Running } from '../helpers/oogst.js';
import { axeProblems } from './axe.js';
import { ConsolePage, launch, PhonePage, ScreenPage, shot, Watcher } from './pages.js';

const STEP = 'vragen-1';
const TITLE = 'Vragen aan de initiatiefnemer';
const ASKED = 'Hoe kregen jullie de wethouder mee?';
const LONG =
  'Jullie vertelden dat de buurtkamer eerst alleen op dinsdag open was en nu elke dag: wie doet dat werk, hoe houden jullie de vrijwilligers erbij, en wat deden jullie toen het in de zomer bijna stopte omdat niemand de sleutel had?';

describe('vragen aan de spreker in the browser', () => {
  let oogst: Running;
  let browser: Browser;
  const watcher = new Watcher();
  const contexts: BrowserContext[] = [];
  const found: string[] = [];
  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000', OOGST_COMMANDS_PER_SECOND: '1000' } });
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await oogst?.stop();
  });

  async function scan(view: string, page: Page, aaa = false) {
    for (const p of await axeProblems(page, { aaa })) found.push(`${view}: ${p.id} (${p.impact}) ${p.help}\n    ${p.nodes.join('\n    ')}`);
  }
  const overflow = (page: Page) =>
    page.evaluate(() => Math.max(document.documentElement.scrollHeight - window.innerHeight, document.documentElement.scrollWidth - window.innerWidth, 0));

  it('asks, supports, shows the top questions and lets the presenter mark one answered', { timeout: 120_000 }, async () => {
    const s = await startSession(oogst.url, 'transitiearena');
    const fac = await facilitator(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: STEP })).ok).toBe(true);

    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const big = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const small = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    contexts.push(laptop, big, small);
    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console'));
    await console_.open(s.session.consoleUrl);
    await console_.page.getByRole('heading', { level: 2, name: TITLE, exact: true }).waitFor();
    const screens = [new ScreenPage(watcher.watch(await big.newPage(), 'screen 1920')), new ScreenPage(watcher.watch(await small.newPage(), 'screen 1280'))];
    for (const screen of screens) await screen.open(s.session.screenUrl);

    const [ann, bob] = [
      await PhonePage.join(browser, watcher, 'phone ann', s.session.joinUrl),
      await PhonePage.join(browser, watcher, 'phone bob', s.session.joinUrl),
    ];
    contexts.push(ann.context, bob.context);
    await ann.page.getByRole('textbox', { name: 'Jouw vraag aan de spreker…' }).fill(ASKED);
    await ann.page.getByRole('button', { name: 'Stel vraag' }).click();
    await ann.page.getByText('jouw vraag', { exact: true }).waitFor();
    await ann.page.getByText('1 van 5 vragen gesteld').waitFor();
    // Nobody supports their own question: Ann's phone offers no button for it.
    expect(await ann.page.getByRole('button', { name: /Steun$/ }).count()).toBe(0);

    const asked = bob.page.getByRole('listitem').filter({ hasText: ASKED });
    await asked.getByRole('button', { name: '▲ Steun', exact: true }).click();
    await asked.getByRole('button', { name: '✓ Steun', exact: true, pressed: true }).waitFor();
    await bob.page.getByRole('textbox', { name: 'Jouw vraag aan de spreker…' }).fill('Wat zou je een andere gemeente aanraden?');
    await bob.page.getByRole('button', { name: 'Stel vraag' }).click();
    await bob.page.getByText('jouw vraag', { exact: true }).waitFor();

    // The rest of the room, through sockets: a long question and votes spread over six more.
    const room = await Promise.all(Array.from({ length: 5 }, () => participant(oogst.url, s)));
    const texts = [LONG, 'Waar schuurde het het meest?', 'Wie betaalt de koffie?', 'Hoe ging het met de buren die niet mee wilden?', 'Wat zouden jullie nu anders doen?'];
    for (const [i, p] of room.entries()) expect((await p.send('qna.ask', { text: texts[i]! }, STEP)).ok).toBe(true);
    await screens[0]!.page.getByText('7 vragen').waitFor();
    const dataOf = () => fac.state!.stepStates[STEP]!.data as QnaData;
    await fac.until(() => dataOf().questions.length === 7, 5000, 'seven questions');
    const idOf = (text: string) => dataOf().questions.find((q) => q.text === text)!.id;
    for (const p of room.slice(0, 4)) expect((await p.send('qna.vote', { questionId: idOf(ASKED), up: true }, STEP)).ok).toBe(true);
    for (const p of room.slice(1, 4)) expect((await p.send('qna.vote', { questionId: idOf(LONG), up: true }, STEP)).ok).toBe(true);
    expect((await room[0]!.send('qna.vote', { questionId: idOf('Wie betaalt de koffie?'), up: true }, STEP)).ok).toBe(true);

    // The screen: the five most supported unanswered questions, Ann's first with five votes; two more counted.
    for (const screen of screens) {
      await screen.page.getByText('▲ 5').waitFor();
      expect(await screen.page.locator('.stage li .text').first().textContent()).toBe(ASKED);
      await screen.page.getByText('+2 vragen niet in beeld').waitFor();
      expect(await overflow(screen.page), 'the screen scrolls').toBe(0);
    }

    // The presenter's view, from the console's link: the screen link with ?view=presenter, without the join badge.
    const link = console_.page.getByRole('link', { name: /Open sprekersscherm/ });
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/screen\/[^?#]+\?view=presenter#key=/);
    expect(href.split('#')[1]).toBe(new URL(s.session.screenUrl).hash.slice(1));
    const lectern = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(lectern);
    const presenter = watcher.watch(await lectern.newPage(), 'presenter');
    await presenter.goto(new URL(href, oogst.url).toString());
    await presenter.getByText('De vragen van de zaal, de meest gesteunde bovenaan.', { exact: false }).waitFor();
    expect(new URL(presenter.url()).hash).toBe(''); // the key left the address bar
    expect(await presenter.locator('.badge').count()).toBe(0);
    expect(await presenter.getByRole('button', { name: /Verberg|Volgende/ }).count()).toBe(0);
    expect(await presenter.locator('li .text').count()).toBe(7);
    await shot(presenter, 'qna-presenter-1366');
    await scan('presenter', presenter, true);

    await presenter.getByRole('button', { name: 'Beantwoord', exact: true }).first().click();
    await presenter.getByRole('button', { name: '✓ beantwoord', pressed: true }).waitFor();
    // Answered questions go to the foot of the presenter's list, and off the room's list.
    await presenter.locator('li.answered .text', { hasText: ASKED }).waitFor();
    expect(await presenter.locator('li .text').last().textContent()).toBe(ASKED);
    for (const screen of screens) {
      await screen.page.getByText('7 vragen, 1 beantwoord').waitFor();
      expect(await screen.page.locator('.stage li .text').first().textContent()).toBe(LONG);
    }
    await ann.page.getByText('✓ beantwoord', { exact: true }).waitFor();
    await console_.page.getByRole('button', { name: '✓ beantwoord', pressed: true }).waitFor();

    // The facilitator hides a question: it leaves the screen, the presenter and the phones.
    await console_.page.getByRole('listitem').filter({ hasText: 'Wie betaalt de koffie?' }).getByRole('button', { name: 'Verberg' }).click();
    await presenter.getByText('Wie betaalt de koffie?').waitFor({ state: 'detached' });
    await bob.page.getByText('Wie betaalt de koffie?').waitFor({ state: 'detached' });
    await screens[0]!.page.getByText('6 vragen, 1 beantwoord').waitFor();

    await shot(console_.page, 'qna-console-1366');
    await scan('console', console_.page);
    await shot(screens[0]!.page, 'qna-screen-1920');
    await scan('screen 1920', screens[0]!.page, true);
    await shot(screens[1]!.page, 'qna-screen-1280');
    await scan('screen 1280', screens[1]!.page, true);
    await shot(bob.page, 'qna-phone-390');
    await scan('phone 390', bob.page);
    await shot(ann.page, 'qna-phone-390-answered');
    await scan('phone 390 answered', ann.page);
    expect(await overflow(presenter)).toBe(0);
    for (const v of [fac, ...room]) v.close();

    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
  });
});
