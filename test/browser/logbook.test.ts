/**
 * The arena's logbook between meetings in the browser: a member writes an entry on the
 * logbook page on a phone (390×844), with the connection lost while sending and back
 * again; the facilitator reads, approves and highlights it on the arena page (1366×768),
 * and reads a long logbook a page at a time (*Meer laden*).
 */
import { describe, expect, it } from 'vitest';
import type { LogbookEntry, LogbookLinkInfo } from '../../core/logbook.js';
import { api, facilitator, participant, startSession } from '../helpers/oogst.js';
import { axeFindings } from './axe.js';
import { longLogbook } from '../helpers/long-logbook.js';
import { approveAndHighlight, logbookPhone, logbookSection, openLogbookLink } from './logbook-pages.js';
import { recapOf } from '../../kinds/recap/model.js';
import { ScreenPage, serverAndBrowser, shot, Watcher } from './pages.js';

describe("the arena's logbook", () => {
  const running = serverAndBrowser();

  it('takes an entry from a phone, kept through a lost connection', async () => {
    const { oogst, browser } = running;
    const watcher = new Watcher();
    const arena = (await api(oogst.url, 'POST', '/api/arenas', { title: 'Jonge mantelzorgers Leiden', theme: 'Gehoord worden' })).body;
    const link = (await api<LogbookLinkInfo>(oogst.url, 'POST', `/api/arenas/${arena.id}/logbook-links`, { requiresApproval: true }, arena.key)).body;
    const { found, scan } = axeFindings();
    const { context, phone } = await logbookPhone(browser, watcher, oogst.url, link.code);
    await phone.getByRole('heading', { name: 'Jonge mantelzorgers Leiden' }).waitFor();
    await scan('logbook page', phone);
    await shot(phone, 'logbook-member-390');

    await phone.getByRole('radio', { name: 'Weerstand' }).check();
    await phone.getByRole('radio', { name: 'Handelen' }).check();
    await phone.getByLabel('Je bericht').fill('Het wijkteam wilde de koffie-ochtend niet in hun ruimte.');
    await phone.getByLabel('Je naam (mag leeg)').fill('Fatima');
    // A reload keeps what was typed.
    await phone.reload();
    await expect.poll(() => phone.getByLabel('Je bericht').inputValue()).toBe('Het wijkteam wilde de koffie-ochtend niet in hun ruimte.');
    await expect.poll(() => phone.getByRole('radio', { name: 'Weerstand' }).isChecked()).toBe(true);
    await shot(phone, 'logbook-member-filled-390');
    // Sent without a connection: kept, and sent by itself once the connection is back.
    await context.setOffline(true);
    await phone.getByRole('button', { name: 'Versturen' }).click();
    await phone.getByText('Nog niet verstuurd: geen verbinding.').waitFor();
    await shot(phone, 'logbook-member-offline-390');
    await context.setOffline(false);
    await phone.getByText('Dank je! De begeleider bekijkt je bericht.').waitFor();
    await scan('logbook page, sent', phone);
    await shot(phone, 'logbook-member-sent-390');
    const entries = (await api<{ entries: LogbookEntry[] }>(oogst.url, 'GET', `/api/arenas/${arena.id}/logbook`, undefined, arena.key)).body.entries;
    expect(entries.map((e) => [e.what, e.cycle, e.name, e.state])).toEqual([['weerstand', 'handelen', 'Fatima', 'pending']]);

    expect(found).toEqual([]);
    // The browser says the send without a connection failed; nothing else may go wrong.
    expect(watcher.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });

  it('arena page: opens a link with its QR code, approves, highlights and filters the entries, and closes the link', async () => {
    const { oogst, browser } = running;
    const watcher = new Watcher();
    const arena = (await api(oogst.url, 'POST', '/api/arenas', { title: 'Wijk in beweging' })).body;
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await context.newPage(), 'arena');
    const { found, scan } = axeFindings();
    const arenaPage = `${oogst.url}/#${new URLSearchParams({ arena: arena.id, key: arena.key, title: 'Wijk in beweging' })}`;
    await page.goto(arenaPage);
    const section = logbookSection(page);
    await section.getByText('Nog geen berichten in het logboek.').waitFor();
    const code = await openLogbookLink(section);

    const post = (body: Record<string, unknown>) => api(oogst.url, 'POST', `/api/logbook/${code}/entries`, body);
    expect((await post({ id: 'a1', what: 'weerstand', cycle: 'handelen', text: 'De school wilde eerst niet meedoen.', name: 'Sem', date: '2026-11-20' })).status).toBe(201);
    expect((await post({ id: 'a2', what: 'reflectie', cycle: 'reflecteren', text: 'Kleine stappen werken beter dan een groot plan.' })).status).toBe(201);
    // The facilitator comes back to the arena page later.
    await page.goto('about:blank');
    await page.goto(arenaPage);
    const entries = section.locator('.entries > li');
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.nth(0).textContent()).toContain('Wacht op goedkeuring');
    await scan('arena page, logbook', page);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'logbook-arena-1366');

    const resistance = entries.filter({ hasText: 'De school wilde' });
    await approveAndHighlight(resistance);
    await section.getByRole('button', { name: 'Handelen (1)' }).click();
    await expect.poll(() => entries.count()).toBe(1);
    await shot(page, 'logbook-arena-filtered-1366');
    const listed = (await api<{ entries: LogbookEntry[] }>(oogst.url, 'GET', `/api/arenas/${arena.id}/logbook`, undefined, arena.key)).body.entries;
    expect(listed.map((e) => [e.text.slice(0, 9), e.state, e.highlighted])).toEqual([
      ['Kleine st', 'pending', false],
      ['De school', 'visible', true],
    ]);

    watcher.acceptNextDialog();
    await section.getByRole('button', { name: 'Link sluiten' }).click();
    await section.getByRole('img', { name: /QR-code naar het logboek met code/ }).waitFor({ state: 'detached' });
    expect((await post({ id: 'a3', what: 'observatie', cycle: 'onderzoeken', text: 'Te laat' })).status).toBe(410);
    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
    await context.close();
  });

  it("phone: progress on one of the arena's small wins, in English, with what the facilitator shared", async () => {
    const { oogst, browser } = running;
    const watcher = new Watcher();
    const s = await startSession(oogst.url, 'small-wins-reflectie');
    const fac = await facilitator(oogst.url, s);
    const member = await participant(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'small-wins' })).ok).toBe(true);
    await member.until((v) => v.state!.current === 1, 5000, 'phone on the small wins');
    expect((await member.send('smallwin.register', { title: 'Buurtkamer open', result: 'Elke dinsdag koffie', candidate: false }, 'small-wins')).ok).toBe(true);
    fac.close();
    member.close();
    const link = (await api<LogbookLinkInfo>(oogst.url, 'POST', `/api/arenas/${s.arena.id}/logbook-links`, {}, s.arena.key)).body;
    const earlier = await api(oogst.url, 'POST', `/api/logbook/${link.code}/entries`, { id: 'gedeeld', what: 'reflectie', cycle: 'reflecteren', text: 'Samen koken verbindt meer dan een folder.', name: 'Noor' });
    await api(oogst.url, 'PATCH', `/api/arenas/${s.arena.id}/logbook/${earlier.body.id}`, { shared: true }, s.arena.key);

    const { found, scan } = axeFindings();
    const { context, phone } = await logbookPhone(browser, watcher, oogst.url, link.code);
    await phone.getByRole('button', { name: 'English' }).click();
    await phone.getByText('Shared by the facilitator').waitFor();
    await phone.getByRole('radio', { name: 'Something tried' }).check();
    await phone.getByRole('radio', { name: 'Acting' }).check();
    await phone.getByLabel('Your entry').fill('We opened the buurtkamer on Thursdays too.');
    await phone.getByLabel('About an action or small win (optional)').selectOption({ label: 'Buurtkamer open' });
    // The small wins' own progress form, in the language chosen.
    await phone.getByLabel('New phase').selectOption('actiefase');
    await scan('logbook page, an update', phone);
    await phone.getByLabel('New phase').scrollIntoViewIfNeeded();
    await shot(phone, 'logbook-member-update-390');
    await phone.getByRole('button', { name: 'Send' }).click();
    await phone.getByText('Thank you! Your entry is in the logbook.').waitFor();
    const wins = (await api(oogst.url, 'GET', `/api/arenas/${s.arena.id}/smallwins`, undefined, s.arena.key)).body.wins;
    expect(wins[0].phase).toBe('actiefase');
    expect(wins[0].history.map((h: { source?: string; note?: string }) => [h.source, h.note])).toEqual([['logboek', 'We opened the buurtkamer on Thursdays too.']]);
    await phone.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await shot(phone, 'logbook-member-shared-390');
    await context.close();

    // On the arena page the update names its small win and its fields as the kind's form does.
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await laptop.newPage(), 'arena');
    await page.goto(`${oogst.url}/#${new URLSearchParams({ arena: s.arena.id, key: s.arena.key, title: 'Jonge mantelzorgers Leiden' })}`);
    const update = page.locator('.entries > li', { hasText: 'Update op Buurtkamer open' });
    await update.getByText('Nieuwe fase: Actiefase').waitFor();
    await update.scrollIntoViewIfNeeded();
    await scan('arena page, an update', page);
    await shot(page, 'logbook-arena-update-1366');
    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
    await laptop.close();
  });

  it('projector, 1920×1080: the highlights the facilitator picked open the next meeting', async () => {
    const { oogst, browser } = running;
    const watcher = new Watcher();
    const one = await startSession(oogst.url, 'small-wins-reflectie');
    const met = await participant(oogst.url, one);
    met.close();
    const link = (await api<LogbookLinkInfo>(oogst.url, 'POST', `/api/arenas/${one.arena.id}/logbook-links`, {}, one.arena.key)).body;
    const written = [
      { what: 'weerstand', cycle: 'handelen', text: 'Het wijkteam wilde eerst niet: “dat doen we al”. Na een kop koffie samen wel.' },
      { what: 'geprobeerd', cycle: 'handelen', text: 'Mantelzorgers persoonlijk gebeld in plaats van een brief: zeven van de tien kwamen.' },
      { what: 'reflectie', cycle: 'reflecteren', text: 'Kleine stappen werken beter dan een groot plan.' },
    ];
    for (const [i, e] of written.entries()) {
      const sent = await api(oogst.url, 'POST', `/api/logbook/${link.code}/entries`, { id: `h${i}`, ...e });
      await api(oogst.url, 'PATCH', `/api/arenas/${one.arena.id}/logbook/${sent.body.id}`, { highlighted: true }, one.arena.key);
    }
    const made = await api(oogst.url, 'POST', `/api/arenas/${one.arena.id}/sessions`, { script: 'leer-en-verbetertraject-3-actie', title: 'Bijeenkomst 2' }, one.arena.key);
    const two = { arena: one.arena, session: made.body, screenKey: new URL(made.body.screenUrl).hash.replace('#key=', '') };
    const fac = await facilitator(oogst.url, two);
    expect((await fac.send('session.goto', { stepId: 'waar-staan-we' })).ok).toBe(true);
    await fac.until((v) => recapOf(v.state!.arenaContext).parts.some((p) => p.id === 'logbook'), 5000, 'the recap with the logbook');
    expect((await fac.send('recap.show', { partId: 'logbook' }, 'waar-staan-we')).ok).toBe(true);
    fac.close();

    const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(two.session.screenUrl);
    await screen.page.getByRole('heading', { name: 'Uit het logboek' }).waitFor();
    await screen.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await screen.shows('Kleine stappen werken beter dan een groot plan.');
    const { found, scan } = axeFindings();
    await scan('screen, logbook highlights', screen.page, true);
    await shot(screen.page, 'logbook-recap-screen-1920');
    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
    await projector.close();
  });

  it('arena page: a long logbook a page at a time, Meer laden until every entry is there, moderating and opening or closing a link keep the pages', async () => {
    const { oogst, browser } = running;
    const watcher = new Watcher();
    const arena = await longLogbook(oogst, 'Een jaar logboek', 120);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = watcher.watch(await context.newPage(), 'arena-long-logbook');
    const { found, scan } = axeFindings();
    await page.goto(`${oogst.url}/#${new URLSearchParams({ arena: arena.id, key: arena.key, title: 'Een jaar logboek' })}`);
    const section = logbookSection(page);
    const entries = section.locator('.entries > li');
    const more = section.getByRole('button', { name: 'Meer laden' });
    await section.getByText('50 van 120 berichten').waitFor();
    expect(await entries.count()).toBe(50);
    expect(await entries.first().textContent()).toContain('Bericht 120');
    await more.click();
    await section.getByText('100 van 120 berichten').waitFor();
    expect(await entries.nth(50).textContent()).toContain('Bericht 70');
    await more.scrollIntoViewIfNeeded();
    await scan('arena page, logbook with more', page);
    await shot(page, 'logbook-arena-more-1366');
    await more.click();
    await section.getByText('120 van 120 berichten').waitFor();
    await more.waitFor({ state: 'detached' });
    // Approving an entry far down keeps every page loaded.
    const oldest = entries.filter({ has: page.getByText('Bericht 1', { exact: true }) });
    await oldest.getByRole('button', { name: 'Goedkeuren' }).click();
    await oldest.getByText('Wacht op goedkeuring').waitFor({ state: 'detached' });
    expect(await entries.count()).toBe(120);
    // So does opening a second link and closing it again: the links change, not the entries.
    const links = section.locator('.link');
    await section.getByRole('button', { name: 'Logboeklink openen' }).click();
    await expect.poll(() => links.count()).toBe(2);
    expect(await entries.count()).toBe(120);
    watcher.acceptNextDialog();
    await links.last().getByRole('button', { name: 'Link sluiten' }).click();
    await expect.poll(() => links.count()).toBe(1);
    await section.getByText('120 van 120 berichten').waitFor();
    expect(await entries.count()).toBe(120);
    await oldest.scrollIntoViewIfNeeded();
    await shot(page, 'logbook-arena-all-1366');
    // A cycle starts at its own first page, counted over the whole logbook.
    await section.getByRole('button', { name: 'Handelen (30)' }).click();
    await section.getByText('30 van 30 berichten').waitFor();
    expect(await more.count()).toBe(0);
    expect(found).toEqual([]);
    expect(watcher.problems).toEqual([]);
    await context.close();
  });
});
