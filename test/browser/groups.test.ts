/**
 * Small groups in real browsers, in the shipped transitiearena ("in groepjes naar je
 * eigen praktijk", mixed by organisation): two phones (390×844) give an organisation,
 * the console (1366×768) makes the groups of them and six more phones and gives a group a
 * place, the screen at 1920×1080 and 1280×720 shows each group's number and place
 * large, a phone shows its group, members and notes, its reporter writes the summary,
 * and the reveal puts it on the screen. Someone leaving is told to their group. Every
 * view passes an axe-core scan (the room's views at AAA contrast).
 * Screenshots go to test-results/screenshots/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { GroupsData } from '../../kinds/groups/model.js';
import { facilitator, participant, startSession } from '../helpers/oogst.js';
import { axeProblems } from './axe.js';
import { ConsolePage, PhonePage, ScreenPage, serverAndBrowser, shot, Watcher } from './pages.js';
import { RoomScreen } from './step-pages.js';

const STEP = 'groepjes';
const TITLE = 'In groepjes naar je eigen praktijk';
const SUMMARY = 'Wij nemen mee: begin klein, bij de buren, en vraag de school pas als er iets staat.';

describe('small groups in the browser', () => {
  const running = serverAndBrowser();
  const watcher = new Watcher();
  const contexts: BrowserContext[] = [];
  const found: string[] = [];
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  async function scan(view: string, page: Page, aaa = false) {
    for (const p of await axeProblems(page, { aaa })) found.push(`${view}: ${p.id} (${p.impact}) ${p.help}\n    ${p.nodes.join('\n    ')}`);
  }

  it('makes mixed groups, shows where they sit, and reveals the reporters’ summaries', { timeout: 180_000 }, async () => {
    const { oogst, browser } = running;
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
    await screens[0]!.page.getByText('Zo maken we groepjes van 4.').waitFor();

    const [ann, bob] = [
      await PhonePage.join(browser, watcher, 'phone ann', s.session.joinUrl),
      await PhonePage.join(browser, watcher, 'phone bob', s.session.joinUrl),
    ];
    contexts.push(ann.context, bob.context);
    // Before the groups: an organisation or role, if they like.
    for (const [phone, org] of [[ann, 'Gemeente'], [bob, 'gemeente ']] as const) {
      await phone.page.getByLabel('Je organisatie of rol (mag leeg blijven)').fill(org);
      await phone.page.getByRole('button', { name: 'Bewaar', exact: true }).click();
      await phone.page.getByText(`Bewaard: ${org.trim()}`).waitFor();
    }
    await shot(ann.page, 'groups-phone-390-before');
    await scan('phone 390 before', ann.page);

    // Six more through sockets, two of them of the same school.
    const room = await Promise.all(Array.from({ length: 6 }, () => participant(oogst.url, s)));
    for (const [i, p] of room.entries()) expect((await p.send('groups.describe', { tag: ['school', 'school', 'zorg', 'zorg', 'bewoner', ''][i]! }, STEP)).ok).toBe(true);
    await console_.page.getByText('7 gaven een organisatie of rol op').waitFor();
    await console_.page.getByRole('button', { name: 'Maak groepjes' }).click();
    await console_.page.getByRole('heading', { name: /^Groep 2/ }).waitFor();
    const data = () => fac.state!.stepStates[STEP]!.data as GroupsData;
    await fac.until(() => data().groups.length === 2, 5000, 'two groups');
    // The two of the gemeente sit apart.
    const groupOf = (id: string) => data().groups.find((g) => g.members.some((m) => m.id === id))!;
    // Ann joined first.
    const annId = Object.entries(fac.state!.participants).sort(([, a], [, b]) => a.joinedAt - b.joinedAt)[0]![0];
    const bobId = Object.entries(fac.state!.participants).sort(([, a], [, b]) => a.joinedAt - b.joinedAt)[1]![0];
    expect(groupOf(annId).id).not.toBe(groupOf(bobId).id);

    // The console gives group 1 a place; the screen shows it large, the phones of group 1 too.
    const first = console_.page.getByRole('listitem').filter({ has: console_.page.getByRole('heading', { name: /^Groep 1/ }) });
    await first.getByLabel('Plek van groep 1').fill('tafel bij het raam');
    await first.getByRole('button', { name: 'Bewaar plek' }).click();
    for (const screen of screens) {
      await screen.page.getByText('tafel bij het raam').waitFor();
      await screen.page.getByText('Groep 2', { exact: true }).waitFor();
      await screen.page.getByText('Zoek je groep: het nummer staat op je telefoon.', { exact: true }).waitFor();
      expect(await new RoomScreen(screen).overflow(), 'the screen scrolls').toBe(0);
    }
    await shot(screens[0]!.page, 'groups-screen-1920');
    await scan('screen 1920', screens[0]!.page, true);
    await shot(screens[1]!.page, 'groups-screen-1280');
    await scan('screen 1280', screens[1]!.page, true);

    // Ann's phone: her group, its members by pseudonym, and a note; she reports.
    const annGroup = groupOf(annId);
    await ann.page.getByText(`Groep ${annGroup.n}`, { exact: true }).waitFor();
    for (const m of annGroup.members) await ann.page.getByText(m.pseudonym!, { exact: false }).first().waitFor();
    await ann.page.getByText('Jullie groep heeft nog geen rapporteur.', { exact: false }).waitFor();
    await ann.page.getByPlaceholder('Wat valt jullie op?').fill('De buurtkamer werkt omdat iemand de sleutel heeft');
    await ann.page.getByRole('button', { name: 'Voeg toe' }).click();
    await ann.page.locator('.notes').getByText('De buurtkamer werkt omdat iemand de sleutel heeft').waitFor();
    await ann.page.getByRole('button', { name: 'Ik ben de rapporteur' }).click();
    await ann.page.getByLabel(/Als rapporteur schrijf jij/).fill(SUMMARY);
    await ann.page.getByRole('button', { name: 'Bewaar samenvatting' }).click();
    await ann.page.getByRole('button', { name: 'Bewaar samenvatting', disabled: true }).waitFor();
    await screens[0]!.page.getByText('samenvatting klaar', { exact: false }).waitFor();
    expect(await screens[0]!.page.getByText(SUMMARY).count()).toBe(0);
    await shot(ann.page, 'groups-phone-390-reporter');
    await scan('phone 390 reporter', ann.page);

    // Someone of Ann's group leaves for good: the others are told, nothing else moves.
    const leaver = room.find((p) => groupOf(annId).members.some((m) => m.id === p.identity.participantId));
    if (leaver) {
      leaver.close();
      await ann.page.getByText(`${leaver.identity.pseudonym} heeft de groep verlaten.`).waitFor({ timeout: 40_000 });
    }

    await console_.page.getByRole('button', { name: 'Toon resultaten' }).click();
    for (const screen of screens) {
      await screen.page.getByText(SUMMARY).waitFor();
      expect(await new RoomScreen(screen).overflow(), 'the screen scrolls once revealed').toBe(0);
    }
    await shot(screens[0]!.page, 'groups-screen-1920-revealed');
    await scan('screen 1920 revealed', screens[0]!.page, true);
    await shot(screens[1]!.page, 'groups-screen-1280-revealed');
    await scan('screen 1280 revealed', screens[1]!.page, true);
    await bob.page.getByText(/^Groep \d$/).waitFor();
    await shot(bob.page, 'groups-phone-390-member');
    await scan('phone 390 member', bob.page);
    await console_.page.getByText(SUMMARY).waitFor();
    await shot(console_.page, 'groups-console-1366');
    await scan('console', console_.page);
    for (const v of [fac, ...room]) v.close();

    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
  });
});
