/**
 * Actions and experiments in real browsers, over two meetings of one arena. In the
 * first, a phone (390×844) proposes an action with its four fields beside six long
 * ones from other phones; the projector (1920×1080 and 1280×720) shows every card
 * whole and readable from the back row; the console (1366×768) puts them on the
 * phones; the room votes among them, and the chosen ones become the arena's. In the
 * second meeting the phone reports on a running action (status, what we did and
 * noticed) and the projector shows it. An axe-core scan of every view (the screen
 * held to AAA contrast). Screenshots in test-results/screenshots/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionData } from '../../kinds/action/model.js';
import { api, participant, startOogst, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';
import { axeFindings } from './axe.js';
import { ConsolePage, frames, launch, PhonePage, ScreenPage, shot, Watcher } from './pages.js';
import { readable, SIZES } from './projector.js';

const FIRST = `id: acties-kiezen
title: Acties kiezen
language: nl
steps:
  - id: acties
    kind: action
    title: Wat gaan we doen?
    prompt: Stel een kleine, realistische verbeteractie voor.
    maxActions: 2
  - { id: kiezen, kind: vote, title: Waar beginnen we mee?, from: acties, dots: 3, choose: 3 }
`;
const NEXT = `id: acties-volgen
title: Acties volgen
language: nl
steps:
  - id: voortgang
    kind: action
    mode: update
    title: Wat deden we, wat merkten we?
    prompt: Per actie, in je groepje.
`;

const OTHERS = [
  'Een vast spreekuur voor jonge mantelzorgers in de bibliotheek, elke woensdagmiddag, samen met het jongerenwerk en de schoolmaatschappelijk werker',
  'Mentoren op school leren signalen herkennen',
  'Eén aanspreekpunt per wijk dat ouders en jongeren bij naam kent, zodat niemand zijn verhaal drie keer hoeft te vertellen aan drie loketten',
  'Een appgroep voor mantelzorgers van dezelfde school',
  'De huisarts vraagt bij elk consult aan tafel ook naar de kinderen in het gezin en wat zij thuis doen',
  'Koffie-uur op dinsdag in het buurthuis',
];
const MINE = { what: 'Elke maand een keukentafelgesprek met een gezin, samen met het wijkteam', who: 'Wijkteam Noord, Sanne en Ahmed', when: 'Na drie gesprekken, in maart', target: 'Ze hoeven hun verhaal maar één keer te vertellen' };

/** What the projected cards show: any cut off or outside the stage, the smallest text, and page overflow. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const stage = document.querySelector<HTMLElement>('main.stage')!.getBoundingClientRect();
    const cards = [...document.querySelectorAll<HTMLElement>('.action-screen .card')];
    const cut = cards
      .filter((c) => {
        const r = c.getBoundingClientRect();
        return r.bottom > stage.bottom + 1 || r.right > stage.right + 1 || r.bottom > window.innerHeight || c.scrollWidth > c.clientWidth + 1;
      })
      .map((c) => c.textContent!.slice(0, 40));
    const sizes = cards.flatMap((c) => [...c.querySelectorAll<HTMLElement>('p, dt, dd')].map((e) => parseFloat(getComputedStyle(e).fontSize)));
    return {
      cards: cards.length,
      cut,
      smallest: Math.min(...sizes),
      pageOverflow: Math.max(document.documentElement.scrollHeight - window.innerHeight, document.documentElement.scrollWidth - window.innerWidth, 0),
    };
  });
}

describe('actions in the browser', () => {
  let scripts: string;
  let oogst: Running;
  let browser: Browser;
  let arena: { id: string; key: string };
  const watcher = new Watcher();
  const { found, scan } = axeFindings();

  const session = async (script: string, title: string): Promise<StartedSession> => {
    const created = await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script, title }, arena.key);
    expect(created.status).toBe(201);
    return { arena, session: created.body, screenKey: new URL(created.body.screenUrl).hash.replace('#key=', '') };
  };
  /** Looks at the projector at both sizes once nothing moves, and checks every card is whole and readable. */
  async function projected(screen: ScreenPage, tag: string, cards: number) {
    for (const size of SIZES) {
      await screen.page.setViewportSize(size);
      await frames(screen.page);
      await screen.page.waitForFunction((n) => document.querySelectorAll('.action-screen .card').length === n, cards);
      await screen.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      const m = await measure(screen.page);
      await shot(screen.page, `action-${tag}-screen-${size.width}`);
      expect(m.cut, `${tag} at ${size.width}: cards cut off`).toEqual([]);
      expect(m.smallest, `${tag} at ${size.width}: smallest text`).toBeGreaterThanOrEqual(readable(size.height));
      expect(m.pageOverflow, `${tag} at ${size.width}: the page scrolls`).toBe(0);
      await scan(`screen ${tag} ${size.width}`, screen.page, true);
    }
  }

  beforeAll(async () => {
    scripts = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(scripts, 'acties-kiezen.yaml'), FIRST);
    writeFileSync(join(scripts, 'acties-volgen.yaml'), NEXT);
    oogst = await startOogst({ scriptsDir: scripts, env: { OOGST_COMMAND_BURST: '1000', OOGST_COMMANDS_PER_SECOND: '1000' } });
    browser = await launch();
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Jonge mantelzorgers', theme: 'Gehoord worden' });
    arena = { id: made.body.id, key: made.body.key };
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('proposes on a phone, shows every card whole on the projector, votes, and updates at the next meeting', { timeout: 300_000 }, async () => {
    const one = await session('acties-kiezen', 'Bijeenkomst 3: actie');
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const projector = await browser.newContext({ viewport: SIZES[0]! });
    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console'));
    await console_.open(one.session.consoleUrl);
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(one.session.screenUrl);
    const phone = await PhonePage.join(browser, watcher, 'phone', one.session.joinUrl);
    const others: ViewClient[] = await Promise.all(OTHERS.map(() => participant(oogst.url, one)));

    // The phone proposes, with all four fields.
    await phone.page.getByRole('heading', { name: 'Wat gaan we doen?' }).first().waitFor();
    await phone.page.getByLabel('Wat gaan we doen?').fill(MINE.what);
    await phone.page.getByLabel('Wie doet mee? (mag leeg)').fill(MINE.who);
    await phone.page.getByLabel('Wanneer kijken we terug? (een datum of moment)').fill(MINE.when);
    await phone.page.getByLabel('Wat merkt de doelgroep ervan?').fill(MINE.target);
    await phone.page.getByRole('button', { name: 'Actie voorstellen' }).click();
    await phone.page.locator('li.card:not(:has(.item-status))', { hasText: MINE.what }).waitFor();
    await phone.page.getByText('Je kunt nog 1 van 2 acties voorstellen.').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await shot(phone.page, 'action-propose-phone-390');
    await scan('phone proposing', phone.page);

    for (const [i, p] of others.entries())
      expect((await p.send('action.propose', { what: OTHERS[i]!, who: i % 2 ? '' : 'Jongerenwerk', when: i % 3 ? 'Voor de zomer' : '', target: i % 2 ? 'Minder wachten' : 'Jongeren voelen zich gezien, ook als het thuis tegenzit' }, 'acties')).ok).toBe(true);
    await screen.page.getByText(MINE.target).waitFor();
    await projected(screen, 'proposals', 7);
    await screen.page.setViewportSize(SIZES[0]!);

    await scan('console with proposals', console_.page);
    await shot(console_.page, 'action-console-1366');
    await console_.reveal();
    await phone.page.getByRole('heading', { name: 'Alle voorstellen' }).waitFor();

    // The vote among the actions: the phone's dots, then the others'.
    await console_.next();
    const add = phone.page.getByRole('button', { name: 'Stip erbij' });
    await add.first().waitFor();
    const ballot = phone.page.locator('li', { hasText: MINE.what }).getByRole('button', { name: 'Stip erbij' });
    await ballot.click();
    await phone.page.getByText('opgeslagen').first().waitFor();
    await shot(phone.page, 'action-vote-phone-390');
    await scan('phone voting', phone.page);
    await others[0]!.until((v) => v.state!.current === 1, 5000, 'on the vote');
    const actions = others[0]!.state!.stepStates.acties!.data as ActionData;
    for (const [i, p] of others.entries()) expect((await p.send('vote.place', { itemId: actions.actions[[0, 1, 1, 3, 3, 5][i]!]!.id, dots: 1 }, 'kiezen')).ok).toBe(true);
    await console_.reveal();
    await screen.page.getByText(MINE.what, { exact: false }).first().waitFor();
    for (const size of SIZES) {
      await screen.page.setViewportSize(size);
      await frames(screen.page);
      await screen.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      await shot(screen.page, `action-vote-screen-${size.width}`);
      expect(await screen.page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
      await scan(`screen vote ${size.width}`, screen.page, true);
    }
    await scan('console vote', console_.page);
    await shot(console_.page, 'action-vote-console-1366');
    for (const p of others) p.close();
    await phone.context.close();

    // The next meeting: the chosen actions are the arena's, and the phone reports on one.
    const chosen = (await api(oogst.url, 'GET', `/api/arenas/${arena.id}/actions`, undefined, arena.key)).body.actions as { what: string }[];
    expect(chosen.map((a) => a.what).sort()).toEqual([MINE.what, OTHERS[0], OTHERS[2]].sort());
    const two = await session('acties-volgen', 'Bijeenkomst 4: monitoren en evalueren');
    await console_.open(two.session.consoleUrl);
    await screen.open(two.session.screenUrl);
    await screen.page.setViewportSize(SIZES[0]!);
    const later = await PhonePage.join(browser, watcher, 'phone later', two.session.joinUrl);
    await later.page.getByRole('heading', { name: 'Lopende acties' }).waitFor();
    const card = later.page.locator('li.card', { hasText: MINE.what });
    await card.getByText('Bijwerken').click();
    await card.getByLabel('Status').selectOption({ label: 'Loopt' });
    await card.getByLabel('Wat deden we?').fill('Twee keukentafelgesprekken gevoerd, het derde staat gepland');
    await card.getByLabel('Wat merkten we (en de doelgroep)?').fill('Het gezin hoefde het verhaal één keer te vertellen; de dochter zei dat ze zich gehoord voelde');
    await shot(later.page, 'action-update-phone-390');
    await scan('phone updating', later.page);
    await card.getByRole('button', { name: 'Update opslaan' }).click();
    await screen.page.getByText(/de dochter zei dat ze zich gehoord voelde/).waitFor();
    await projected(screen, 'update', 3);
    await scan('console update', console_.page);
    await shot(console_.page, 'action-update-console-1366');

    await laptop.close();
    await projector.close();
    await later.context.close();
    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
  });
});
