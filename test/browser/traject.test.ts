/**
 * The traject of three meetings (`integration/traject.test.ts`) through the real pages,
 * as people run it. Meeting 1: the console (1366×768) steps through; phones (390×844)
 * propose actions, vote among them, register a small win as a candidate and say what
 * they will do differently tomorrow; the facilitator writes the synthesis. Between the
 * meetings the facilitator opens a logbook link on the arena page, a member writes in it
 * on a phone, and the facilitator approves and highlights each entry. Meeting 2: a phone
 * sees the chosen action (only that one) and reports on it, and moves the win on.
 * Meeting 3 opens on the recap: the projector (1920×1080 and 1280×720) shows each part
 * whole and readable, the logbook's highlights since meeting 2 among them, a phone the
 * part shown. The arena page tells each history in order, and so does the harvest
 * downloaded from it. An axe-core scan of every view
 * (the screen held to AAA contrast). Screenshots in test-results/screenshots/traject-*.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recapOf } from '../../kinds/recap/model.js';
import { facilitator } from '../helpers/oogst.js';
import { scriptedArena } from '../helpers/scripted-arena.js';
import { expectInOrder, planTraject, TRAJECT_SCRIPTS } from '../helpers/traject.js';
import { axeFindings } from './axe.js';
import { approveAndHighlight, logbookPhone, logbookSection, openLogbookLink } from './logbook-pages.js';
import { ConsolePage, launch, PhonePage, ScreenPage, shot, Watcher } from './pages.js';
import { projectedRecapPart, SIZES } from './projector.js';

const LAPTOP = { width: 1366, height: 768 };
const KOFFIE = 'Koffie-ochtend in de wijk';
const SPREEKUUR = 'Spreekuur in de bibliotheek';
const UPDATE = { did: 'Twee ochtenden gehouden', noticed: 'Vijf mantelzorgers kwamen, twee voor het eerst' };
const WIN = { title: 'Buurtkamer open', result: 'Een plek om binnen te lopen', note: 'Sleutel geregeld bij de bibliotheek' };
const TOMORROW = 'Ik vraag mijn buurvrouw hoe het gaat';
/** The logbook between the meetings: an update on the action in March, resistance met in May. */
const MARCH = { text: 'Eerste ochtend in het buurthuis', did: 'Eerste ochtend in het buurthuis gehouden', date: '2026-03-10' };
const MAY = { text: 'De huisartsen verwijzen nog niet door', date: '2026-05-12' };

describe('a traject of three meetings in the browser', () => {
  const arenaRun = scriptedArena(TRAJECT_SCRIPTS);
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const watcher = new Watcher();
  const { found, scan } = axeFindings();

  beforeAll(async () => {
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (name: string, viewport: { width: number; height: number }): Promise<Page> => {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    return watcher.watch(await context.newPage(), name);
  };
  const join = async (name: string, joinUrl: string) => {
    const phone = await PhonePage.join(browser, watcher, name, joinUrl);
    contexts.push(phone.context);
    return phone;
  };
  /** No sideways scrolling on a phone. */
  const fitsWidth = async (page: Page, what: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), what).toBe(0);

  it('proposes, chooses and registers in meeting 1, reports in meeting 2, recaps in meeting 3, and tells it all on the arena page', { timeout: 600_000 }, async () => {
    const [one, two, three] = await planTraject(arenaRun.newSession);
    const console_ = new ConsolePage(await open('console', LAPTOP));

    // Meeting 1: three phones propose two actions, vote among them, register a candidate win, look ahead.
    await console_.open(one.session.consoleUrl);
    const [a, b, c] = [await join('phone a', one.session.joinUrl), await join('phone b', one.session.joinUrl), await join('phone c', one.session.joinUrl)];
    await console_.connectedCount(3);
    for (const [phone, what] of [
      [a, KOFFIE],
      [b, SPREEKUUR],
    ] as const) {
      await phone.page.getByLabel('Wat gaan we doen?').fill(what);
      if (phone === a) {
        await phone.page.getByLabel('Wie doet mee? (mag leeg)').fill('Wijkteam');
        await phone.page.getByLabel('Wanneer kijken we terug? (een datum of moment)').fill('na drie maanden');
      }
      await phone.page.getByLabel('Wat merkt de doelgroep ervan?').fill('Mantelzorgers vinden eerder hulp');
      await phone.page.getByRole('button', { name: 'Actie voorstellen' }).click();
      await phone.page.locator('li.card:not(:has(.item-status))', { hasText: what }).waitFor();
    }
    await fitsWidth(a.page, 'phone proposing');
    await shot(a.page, 'traject-1-propose-phone-390');
    await scan('meeting 1 phone proposing', a.page);
    await console_.page.getByText(SPREEKUUR).first().waitFor();
    await shot(console_.page, 'traject-1-actions-console-1366');
    await scan('meeting 1 console actions', console_.page);
    await console_.reveal();
    await console_.next();

    // Every phone puts its one dot on the koffie-ochtend.
    for (const phone of [a, b, c]) {
      await phone.page.locator('li', { hasText: KOFFIE }).getByRole('button', { name: 'Stip erbij' }).click();
      await phone.page.getByText('opgeslagen').first().waitFor();
    }
    await shot(c.page, 'traject-1-vote-phone-390');
    await scan('meeting 1 phone voting', c.page);
    await console_.reveal();
    await shot(console_.page, 'traject-1-vote-console-1366');
    await scan('meeting 1 console vote', console_.page);
    await console_.next();

    // Phone a registers a candidate: is this a small win? We will find out.
    await a.page.getByLabel('Naam van de small win').fill(WIN.title);
    await a.page.getByRole('radio', { name: /^Kandidaat/ }).check();
    await a.page.getByLabel('Wat zou het concrete resultaat zijn?').fill(WIN.result);
    await a.page.getByRole('button', { name: 'Small win opslaan' }).click();
    await a.page.getByText('opgeslagen').first().waitFor();
    await fitsWidth(a.page, 'phone small win');
    await shot(a.page, 'traject-1-smallwin-phone-390');
    await scan('meeting 1 phone small win', a.page);
    await console_.page.getByText(WIN.title).first().waitFor();
    await console_.next();

    await b.page.getByText('Wat ga je morgen anders doen?').first().waitFor();
    await b.answer(TOMORROW);
    await b.page.getByText(TOMORROW).waitFor();
    await shot(b.page, 'traject-1-tomorrow-phone-390');
    await scan('meeting 1 phone tomorrow', b.page);
    await console_.page.getByText(TOMORROW).first().waitFor();
    await console_.reveal();

    // The facilitator's synthesis, from the agenda.
    await console_.page.getByRole('navigation', { name: /Agenda/ }).getByRole('button', { name: /Synthese/ }).click();
    const panel = console_.page.getByRole('region', { name: 'Synthese' });
    await panel.getByLabel('Samenvatting').fill('Twee acties voorgesteld; de koffie-ochtend gaat door.');
    await panel.getByLabel('Besluiten en afspraken').fill('Het wijkteam plant de eerste koffie-ochtend.');
    await panel.getByRole('button', { name: 'Synthese opslaan' }).click();
    await panel.getByRole('status').getByText('Opgeslagen').waitFor();
    await shot(console_.page, 'traject-1-synthesis-console-1366');
    await scan('meeting 1 console synthesis', console_.page);
    for (const phone of [a, b, c]) await phone.context.close();

    // Between meetings 1 and 2: the facilitator opens a logbook link on the arena page; a member writes on a phone how the action went.
    const arenaPage = await open('arena', LAPTOP);
    const { id, key } = arenaRun.arena;
    /** The facilitator (back) on the arena page, from the link that opens it. */
    const toArenaPage = async () => {
      await arenaPage.goto('about:blank');
      await arenaPage.goto(`${arenaRun.url}/#${new URLSearchParams({ arena: id, key, title: 'Jonge mantelzorgers' })}`);
    };
    await toArenaPage();
    const logbook = logbookSection(arenaPage);
    const code = await openLogbookLink(logbook);
    const { context: memberContext, phone: member } = await logbookPhone(browser, watcher, arenaRun.url, code, 'logbook phone');
    contexts.push(memberContext);
    await member.getByRole('radio', { name: 'Iets geprobeerd' }).check();
    await member.getByRole('radio', { name: 'Handelen' }).check();
    await member.getByLabel('Je bericht').fill(MARCH.text);
    await member.getByLabel('Over een actie of small win (mag leeg)').selectOption({ label: KOFFIE });
    await member.getByLabel('Wat deden we?').fill(MARCH.did);
    await member.getByLabel('Datum').fill(MARCH.date);
    await fitsWidth(member, 'logbook phone, an update');
    await member.getByLabel('Wat deden we?').scrollIntoViewIfNeeded();
    await shot(member, 'traject-logbook-update-phone-390');
    await scan('logbook phone, an update', member);
    await member.getByRole('button', { name: 'Versturen' }).click();
    await member.getByText('Dank je! De begeleider bekijkt je bericht.').waitFor();
    // The facilitator approves it and highlights it for meeting 2.
    await toArenaPage();
    await approveAndHighlight(logbook.locator('.entries > li', { hasText: MARCH.text }));

    // Meeting 2: the chosen action only, reported on from a phone; the win moves on.
    await console_.open(two.session.consoleUrl);
    const d = await join('phone d', two.session.joinUrl);
    await d.page.getByRole('heading', { name: 'Lopende acties' }).waitFor();
    const card = d.page.locator('li.card', { hasText: KOFFIE });
    await card.waitFor();
    expect(await d.page.getByText(SPREEKUUR).count(), 'the action not chosen').toBe(0);
    await card.getByText('Bijwerken').click();
    await card.getByLabel('Status').selectOption({ label: 'Loopt' });
    await card.getByLabel('Wat deden we?').fill(UPDATE.did);
    await card.getByLabel('Wat merkten we (en de doelgroep)?').fill(UPDATE.noticed);
    await fitsWidth(d.page, 'phone updating');
    await shot(d.page, 'traject-2-update-phone-390');
    await scan('meeting 2 phone updating', d.page);
    await card.getByRole('button', { name: 'Update opslaan' }).click();
    await console_.page.getByText(UPDATE.did).first().waitFor();
    await shot(console_.page, 'traject-2-update-console-1366');
    await scan('meeting 2 console update', console_.page);
    await console_.next();

    await d.page.getByRole('tab', { name: 'Eerdere small wins (1)' }).click();
    const win = d.page.locator('li.card', { hasText: WIN.title });
    await win.getByRole('button', { name: 'Voortgang melden' }).click();
    await win.getByRole('radio', { name: 'Definitiefase' }).check();
    await win.getByLabel('Wat is er gebeurd?').fill(WIN.note);
    await win.getByRole('button', { name: 'Voortgang opslaan' }).click();
    await win.getByText(WIN.note).waitFor();
    // Where the win stands now, as the console and the recap say it: no longer a candidate.
    await win.getByText('Behaald · Definitiefase').waitFor();
    await fitsWidth(d.page, 'phone progress');
    await shot(d.page, 'traject-2-progress-phone-390');
    await scan('meeting 2 phone progress', d.page);
    await d.context.close();

    // Between meetings 2 and 3: resistance met, in the logbook, approved and highlighted for meeting 3.
    await member.getByRole('button', { name: 'Nog een bericht schrijven' }).click();
    await member.getByRole('radio', { name: 'Weerstand' }).check();
    await member.getByRole('radio', { name: 'Reflecteren' }).check();
    await member.getByLabel('Je bericht').fill(MAY.text);
    await member.getByLabel('Datum').fill(MAY.date);
    await member.getByRole('button', { name: 'Versturen' }).click();
    await member.getByText('Dank je! De begeleider bekijkt je bericht.').waitFor();
    await toArenaPage();
    await approveAndHighlight(logbook.locator('.entries > li', { hasText: MAY.text }));
    await logbook.scrollIntoViewIfNeeded();
    await shot(arenaPage, 'traject-arena-logbook-1366');
    await scan('arena page, logbook', arenaPage);

    // Meeting 3 opens on the recap: the console steps through the parts, the projector shows each whole.
    await console_.open(three.session.consoleUrl);
    const screen = new ScreenPage(await open('screen', SIZES[0]!));
    await screen.open(three.session.screenUrl);
    const e = await join('phone e', three.session.joinUrl);
    await screen.page.getByRole('heading', { level: 1, name: 'Waar staan we?' }).waitFor();
    await screen.page.getByText(/^Sinds Bijeenkomst 2/).waitFor();
    await shot(console_.page, 'traject-3-recap-console-1366');
    await scan('meeting 3 console recap', console_.page);
    const fac = arenaRun.track(await facilitator(arenaRun.url, three));
    const parts = recapOf(fac.state!.arenaContext).parts;
    fac.close();
    expect(parts.map((p) => p.id)).toEqual(['action', 'smallwin', 'logbook']);
    expect(parts[2]!.title).toBe('Uit het logboek');
    for (const part of parts) {
      await console_.page.getByRole('button', { name: `Volgende deel: ${part.title}` }).click();
      await projectedRecapPart(screen.page, part, 'traject-3-recap-screen', scan);
      if (part.id === 'action') await screen.page.locator('.recap-part .item', { hasText: KOFFIE }).getByText('Loopt').waitFor();
      if (part.id === 'smallwin') await screen.page.locator('.recap-part .item', { hasText: WIN.title }).waitFor();
      if (part.id === 'logbook') {
        // Only the highlights since meeting 2: the March entry was meeting 2's news.
        await screen.page.locator('.recap-part .item', { hasText: MAY.text }).waitFor();
        expect(await screen.page.getByText(MARCH.text).count(), 'the March entry in the recap').toBe(0);
      }
      await e.page.getByRole('heading', { name: part.title }).waitFor();
    }
    await fitsWidth(e.page, 'phone recap');
    await shot(e.page, 'traject-3-recap-phone-390');
    await scan('meeting 3 phone recap', e.page);

    // The arena page: the action and the win, each with its dated history in order, the logbook's update before meeting 2's.
    await toArenaPage();
    const action = arenaPage.locator('.actions > li', { hasText: KOFFIE });
    await action.locator('ol.history > li').first().waitFor();
    expect(await arenaPage.locator('.actions > li').count(), 'only the chosen action').toBe(1);
    expect(await action.locator('ol.history > li').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`10 mrt.*${MARCH.did}`, 's')),
      expect.stringMatching(new RegExp(`7 apr.*Loopt.*${UPDATE.did}`, 's')),
    ]);
    expectInOrder((await action.textContent())!, 'the action on the arena page', KOFFIE, 'Bijeenkomst 1', MARCH.did, UPDATE.did);
    await action.scrollIntoViewIfNeeded();
    await shot(arenaPage, 'traject-arena-action-1366');
    const buurtkamer = arenaPage.locator('.wins > li', { hasText: WIN.title });
    await expect.poll(() => buurtkamer.locator('ol.history > li').allTextContents()).toEqual([expect.stringMatching(new RegExp(`Bijeenkomst 2.*Definitiefase.*${WIN.note}`, 's'))]);
    await buurtkamer.scrollIntoViewIfNeeded();
    await shot(arenaPage, 'traject-arena-smallwin-1366');
    await scan('arena page', arenaPage);

    // The arena's printable harvest, downloaded from the page: each history in order.
    const [download] = await Promise.all([
      arenaPage.waitForEvent('download'),
      arenaPage.getByRole('group', { name: 'Oogst van de hele arena' }).getByRole('button', { name: 'Afdrukbaar (HTML)' }).click(),
    ]);
    const html = readFileSync((await download.path())!, 'utf8');
    expectInOrder(html, 'html harvest: the action', KOFFIE, MARCH.did, UPDATE.did, UPDATE.noticed);
    expectInOrder(html, 'html harvest: the logbook', 'Small wins', 'Logboek', MARCH.text, MAY.text, 'Bijeenkomst 1');
    expectInOrder(html, 'html harvest: the small win', WIN.title, WIN.note);
    expectInOrder(html, 'html harvest: the meetings', 'Bijeenkomst 1', 'Bijeenkomst 2', 'Bijeenkomst 3');

    for (const context of contexts) await context.close();
    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
  });
});
