/**
 * The facilitator's console at a laptop's 1366×768, run from the keyboard: the
 * shortcuts and their help, presenter notes, the participant list, and the
 * moderation queue with two phones and a screen. Screenshots go to
 * test-results/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import { api, startSession } from '../helpers/oogst.js';
import { FacilitatorConsole, ModeratedPhone } from './console-pages.js';
import { PhonePage, ScreenPage, shot, Watcher, serverAndBrowser } from './pages.js';

describe('the console from the keyboard', () => {
  const running = serverAndBrowser();
  const watcher = new Watcher();

  it('moves, times, moderates and helps by keyboard, with notes and who is here in view', async () => {
    const s = await startSession(running.oogst.url);
    const laptop = await running.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const console_ = new FacilitatorConsole(watcher.watch(await laptop.newPage(), 'console'));
    await console_.open(s.session.consoleUrl);
    const projector = await running.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(s.session.screenUrl);

    const joinUrl = `${running.oogst.url}/j/${s.session.code}`;
    const anna = new ModeratedPhone(await PhonePage.join(running.browser, watcher, 'phone-anna', joinUrl));
    const bram = new ModeratedPhone(await PhonePage.join(running.browser, watcher, 'phone-bram', joinUrl));

    // Who is here: both pseudonyms, both connected.
    const list = console_.participants();
    await list.getByText('2 verbonden van de 2 aangemeld').waitFor();
    for (const phone of [anna, bram]) await list.getByText(await phone.pseudonym(), { exact: true }).waitFor();
    await bram.phone.context.close();
    await list.getByText('1 verbonden van de 2 aangemeld').waitFor({ timeout: 30_000 });
    expect(await list.getByText('(niet verbonden)').count()).toBe(1);
    const bram2 = new ModeratedPhone(await PhonePage.join(running.browser, watcher, 'phone-bram-2', joinUrl));

    // `?` opens the help, Escape closes it; the help lists every shortcut.
    await console_.press('?');
    await console_.help().waitFor();
    for (const label of ['Volgende stap', 'Vorige stap', 'Resultaten tonen of verbergen', 'Timer starten, pauzeren of hervatten', 'Eén minuut erbij', 'Eerst goedkeuren aan of uit'])
      await console_.help().getByText(label).waitFor();
    // While the help is open, the other keys do nothing.
    await console_.page.keyboard.press('ArrowRight');
    await shot(console_.page, 'console-help-1366');
    await console_.page.keyboard.press('Escape');
    await console_.help().waitFor({ state: 'hidden' });
    await console_.onStep('Welkom');

    // Next and previous, with the keys a presentation clicker sends too.
    await console_.press('ArrowRight');
    await console_.onStep('Onze droom voor de doelgroep');
    await console_.press('p');
    await console_.onStep('Welkom');
    await console_.press('PageDown');
    await console_.onStep('Onze droom voor de doelgroep');
    // R shows the answers on the screen, and hides them again.
    await console_.press('r');
    await console_.page.getByRole('button', { name: 'Verberg resultaten' }).waitFor();
    await console_.press('r');
    await console_.page.getByRole('button', { name: 'Toon resultaten' }).waitFor();
    await console_.press('n');
    await console_.onStep('Klaag- en jubelmuur');
    await console_.notes().getByText(/Laat eerst iedereen schrijven/).waitFor();
    await screen.page.getByText('Klaag- en jubelmuur').first().waitFor();
    expect(await screen.page.getByText(/Laat eerst iedereen schrijven/).count()).toBe(0);
    await console_.page.getByText(/Hierna: .*Onze gezamenlijke ambitie/).waitFor();

    // The timer: start, one minute more, pause.
    await console_.press('t');
    await console_.page.getByRole('button', { name: 'Pauzeer' }).waitFor();
    const before = await console_.secondsLeft();
    await console_.press('+');
    await console_.page.waitForFunction((s) => {
      const [, m, sec] = /(\d+):(\d\d)/.exec(document.querySelector('.timer-controls [role="timer"]')?.textContent ?? '') ?? [];
      return Number(m) * 60 + Number(sec) > s + 30;
    }, before);
    await console_.press('t');
    await console_.page.getByRole('button', { name: 'Verder' }).waitFor();

    // M: approve before showing. A note waits; the screen shows nothing of it.
    await console_.press('m');
    await expect.poll(() => console_.moderationSwitch().isChecked()).toBe(true);
    await anna.page.getByText('Klaag- en jubelmuur').first().waitFor();
    await anna.postHeldNote('Klaagmuur', 'Wachtlijsten bij de jeugdzorg');
    await console_.queued('Wachtlijsten bij de jeugdzorg').waitFor();
    await bram2.postHeldNote('Jubelmuur', 'Iets wat niet op de muur hoort');
    await console_.queued('Iets wat niet op de muur hoort').waitFor();
    await console_.page.getByText('Wacht op goedkeuring: 2').waitFor();
    expect(await screen.page.getByText('Wachtlijsten bij de jeugdzorg').count()).toBe(0);
    expect(await screen.page.getByText('Iets wat niet op de muur hoort').count()).toBe(0);
    await shot(console_.page, 'console-moderation-1366');
    await shot(anna.page, 'phone-held-390');
    // After a reload the phone no longer has its own sent command, but still shows what waits.
    await anna.page.reload();
    await anna.page.getByRole('region', { name: 'Wacht op goedkeuring van de begeleider' }).getByText('Wachtlijsten bij de jeugdzorg').waitFor();
    await shot(anna.page, 'phone-held-reloaded-390');

    await console_.approve('Wachtlijsten bij de jeugdzorg');
    await screen.shows('Wachtlijsten bij de jeugdzorg');
    await anna.page.getByRole('region', { name: 'Wacht op goedkeuring van de begeleider' }).waitFor({ state: 'detached' });
    await anna.page.getByText('Wachtlijsten bij de jeugdzorg').first().waitFor();
    await console_.reject('Iets wat niet op de muur hoort');
    await bram2.status('Iets wat niet op de muur hoort', 'afgewezen').waitFor();
    await console_.page.getByText('Niets te beoordelen.').waitFor();
    expect(await screen.page.getByText('Iets wat niet op de muur hoort').count()).toBe(0);
    await shot(screen.page, 'screen-after-moderation-1280');
    await shot(bram2.page, 'phone-rejected-390');

    // Typing in a field never fires a shortcut.
    await console_.column('Klaagmuur').locator('li, .note', { hasText: 'Wachtlijsten bij de jeugdzorg' }).getByRole('checkbox').check();
    const title = console_.page.getByPlaceholder('Titel van de groep').first();
    await title.focus();
    await console_.page.keyboard.type('n?mt');
    expect(await title.inputValue()).toBe('n?mt');
    expect(await console_.help().isVisible()).toBe(false);
    await console_.onStep('Klaag- en jubelmuur');
    expect(await console_.moderationSwitch().isChecked()).toBe(true);
    expect(await console_.page.getByRole('button', { name: 'Verder' }).count()).toBe(1);

    // Every control is reachable by Tab, and shows where the focus is.
    await console_.page.getByRole('link', { name: /Open scherm/ }).focus();
    const outlines: string[] = [];
    for (let i = 0; i < 12; i++) {
      await console_.page.keyboard.press('Tab');
      outlines.push(await console_.page.evaluate(() => { const el = document.activeElement!; return getComputedStyle(el).outlineStyle === 'none' ? `none: ${el.tagName}.${el.className} ${el.textContent?.slice(0, 30)}` : 'ok'; }));
    }
    expect(outlines.filter((o) => o !== 'ok')).toEqual([]);
    await shot(console_.page, 'console-focus-1366');

    const md = (await api<string>(running.oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key)).body;
    expect(md).toContain('Wachtlijsten bij de jeugdzorg');
    expect(md).not.toContain('niet op de muur');
    expect(watcher.problems).toEqual([]);
  }, 120_000);
});
