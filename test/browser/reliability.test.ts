/**
 * The phone on poor Wi-Fi, in a real browser: a note typed while offline waits
 * in the outbox ("wordt verstuurd…"), is sent when the connection returns, and
 * reaches the screen exactly once; the page shows the connection state. A note
 * the server failed to store (its disk full) waits the same way until it can.
 */
import { describe, expect, it } from 'vitest';
import type { WallData } from '../../kinds/wall/model.js';
import { facilitator, startSession } from '../helpers/oogst.js';
import { PhonePage, shot, Watcher, serverAndBrowser } from './pages.js';

describe('a phone losing its connection', () => {
  const running = serverAndBrowser();
  const watcher = new Watcher();

  /** A session on its wall, the facilitator's view, and a phone that has posted `first` and seen it saved. */
  async function phoneOnTheWall(name: string, first: string) {
    const s = await startSession(running.oogst.url);
    const fac = await facilitator(running.oogst.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    const phone = await PhonePage.join(running.browser, watcher, name, s.session.joinUrl.replace(/^https?:\/\/[^/]+/, running.oogst.url));
    await phone.postNote('Klaagmuur', first);
    return { fac, phone, s };
  }

  it('keeps a note typed offline and delivers it once when back', async () => {
    const { fac, phone } = await phoneOnTheWall('phone-offline', 'Voor de tunnel');

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

  it('keeps a note the server failed to store (a full disk) and delivers it once the store works again', async () => {
    const { fac, phone } = await phoneOnTheWall('phone-disk-full', 'Voor de storing');

    // The store fails as SQLite does on a full disk; the server answers `internal` and stores nothing.
    const store = running.oogst.store;
    const append = store.appendEvents.bind(store);
    let refused = 0;
    store.appendEvents = async () => {
      refused++;
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    try {
      await phone.page.getByRole('button', { name: /Klaagmuur/ }).click();
      await phone.page.getByRole('textbox').fill('Geschreven toen de schijf vol was');
      await phone.page.getByRole('button', { name: 'Plaats briefje' }).click();
      // Refused, and sent again with backoff while the note still shows as being sent, not as failed.
      await expect.poll(() => refused, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      const item = phone.page.locator('li, article, .note', { hasText: 'Geschreven toen de schijf vol was' });
      await item.getByText('wordt verstuurd', { exact: false }).first().waitFor();
      expect(await phone.page.getByText('Er ging iets mis op de server', { exact: false }).count()).toBe(0);
      await shot(phone.page, 'phone-store-failing-390');
    } finally {
      store.appendEvents = append;
    }

    await phone.page.locator('li, article, .note', { hasText: 'Geschreven toen de schijf vol was' }).getByText('opgeslagen').first().waitFor({ timeout: 60_000 });
    await fac.until((v) => (v.state!.stepStates.muur!.data as WallData).notes.length === 2, 10_000, 'two notes');
    expect((fac.state!.stepStates.muur!.data as WallData).notes.map((n) => n.text)).toEqual(['Voor de storing', 'Geschreven toen de schijf vol was']);
    // The pages of the offline tests share the watcher; a busy machine may let their last
    // reconnection attempts arrive now: network failures of an offline page are not problems.
    expect(watcher.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::/.test(p))).toEqual([]);
    fac.close();
  });

  it('connects again by itself when the server could not open the session for a moment (its store failed)', async () => {
    const { fac, phone, s } = await phoneOnTheWall('phone-handshake-failing', 'Voor de haperende server');

    // While the phone is away, the handshake's look-up of its token fails (the store behind it, as after a
    // restart, when the session has not seen the phone join): the server refuses with `internal`, which ends
    // socket.io's own tries. The phone must go on trying by itself, not wait for a reload.
    const { tokens } = (await running.oogst.app.oogst.hub.get(s.session.id))!;
    const lookUp = tokens.byHash.bind(tokens);
    let refused = 0;
    tokens.byHash = async () => {
      refused++;
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    };
    try {
      await phone.context.setOffline(true);
      await phone.page.getByText('Verbinding verbroken', { exact: false }).first().waitFor({ timeout: 60_000 });
      await phone.context.setOffline(false);
      await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      tokens.byHash = lookUp;
    }

    await phone.postNote('Klaagmuur', 'Na de storing geschreven');
    await fac.until((v) => (v.state!.stepStates.muur!.data as WallData).notes.length === 2, 30_000, 'two notes');
    expect((fac.state!.stepStates.muur!.data as WallData).notes.map((n) => n.text)).toEqual(['Voor de haperende server', 'Na de storing geschreven']);
    expect(watcher.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::/.test(p))).toEqual([]);
    fac.close();
  });
});
