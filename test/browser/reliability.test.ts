/**
 * The phone on poor Wi-Fi, in a real browser: a note typed while offline waits
 * in the outbox ("wordt verstuurd…"), is sent when the connection returns, and
 * reaches the screen exactly once; the page shows the connection state.
 */
import { describe, expect, it } from 'vitest';
import type { WallData } from '../../kinds/wall/model.js';
import { facilitator, startSession } from '../helpers/oogst.js';
import { PhonePage, shot, Watcher, serverAndBrowser } from './pages.js';

describe('a phone losing its connection', () => {
  const running = serverAndBrowser();
  const watcher = new Watcher();

  it('keeps a note typed offline and delivers it once when back', async () => {
    const s = await startSession(running.oogst.url);
    const fac = await facilitator(running.oogst.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    const phone = await PhonePage.join(running.browser, watcher, 'phone-offline', s.session.joinUrl.replace(/^https?:\/\/[^/]+/, running.oogst.url));
    await phone.postNote('Klaagmuur', 'Voor de tunnel');

    await phone.context.setOffline(true);
    await phone.page.getByText('Verbinding verbroken', { exact: false }).first().waitFor({ timeout: 60_000 });
    await phone.page.getByRole('button', { name: /Klaagmuur/ }).click();
    await phone.page.getByRole('textbox').fill('In de tunnel geschreven');
    await phone.page.getByRole('button', { name: 'Plaats briefje' }).click();
    await phone.page.getByText('wordt verstuurd', { exact: false }).first().waitFor();
    await shot(phone.page, 'phone-offline-pending-390');

    await phone.context.setOffline(false);
    await phone.page.locator('li, article, .note', { hasText: 'In de tunnel geschreven' }).getByText('opgeslagen').first().waitFor({ timeout: 60_000 });
    await fac.until((v) => (v.state!.stepStates.muur!.data as WallData).notes.length === 2, 10_000, 'two notes');
    const texts = (fac.state!.stepStates.muur!.data as WallData).notes.map((n) => n.text);
    expect(texts).toEqual(['Voor de tunnel', 'In de tunnel geschreven']);
    await shot(phone.page, 'phone-back-online-390');
    expect(watcher.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::/.test(p))).toEqual([]);
    fac.close();
  });
});
