/**
 * The photo kind in real browsers: a phone at 390×844 picks a real 3000×2000 JPEG
 * with a GPS position in its EXIF, sees it, captions it and sends it (once failing,
 * then with the retry); what the server stores is 1600 px wide and carries no EXIF.
 * The console at 1366×768 puts an image on the slide before it, approves the photo and adds some of its own; the projector at
 * 1920×1080 and 1280×720 shows the gallery whole, the captions readable from the
 * back. An axe-core scan of every view (the screen held to AAA contrast).
 * Screenshots in test-results/screenshots/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../server/files/image-type.js';
import { hasExif, withGps } from '../helpers/images.js';
import { axeFindings } from './axe.js';
import { ConsolePage, frames, PhonePage, ScreenPage, scriptedSession, shot, SHOTS, Watcher } from './pages.js';
import { drawnJpeg } from './step-pages.js';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];
const readable = (height: number) => (16 * height) / 1080;
const SCRIPT = `id: verbeelden
title: Verbeelden
language: nl
steps:
  - id: welkom
    kind: slide
    title: Een praktijkvoorbeeld
    body: |
      In de Merenwijk koken buren elke donderdag samen.

      - Twintig mensen per keer
      - Mantelzorgers schuiven aan
  - id: tekening
    kind: photo
    title: Verbeelden in beeld
    prompt: Teken de toekomst en maak er een foto van.
    caption: Wat laat je tekening zien?
`;

/** The screen's gallery: every photo inside the stage and the window, and the smallest caption. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const stage = document.querySelector<HTMLElement>('main.stage')!.getBoundingClientRect();
    const shots = [...document.querySelectorAll<HTMLImageElement>('.gallery img')];
    const out = shots.filter((img) => {
      const r = img.getBoundingClientRect();
      return r.bottom > stage.bottom + 1 || r.right > stage.right + 1 || r.top < stage.top - 1 || r.height < 40;
    });
    const captions = [...document.querySelectorAll<HTMLElement>('.gallery figcaption')].map((f) => parseFloat(getComputedStyle(f).fontSize));
    return {
      shown: shots.filter((img) => img.complete && img.naturalWidth > 0).length,
      out: out.length,
      smallest: Math.min(...captions),
      pageOverflow: Math.max(document.documentElement.scrollHeight - window.innerHeight, document.documentElement.scrollWidth - window.innerWidth, 0),
    };
  });
}

describe('photos in the browser', () => {
  const run = scriptedSession('verbeelden', SCRIPT);
  const watcher = new Watcher();
  const { found, scan } = axeFindings();

  it('sends a photo without its location, approves it, and shows the gallery at projector sizes', { timeout: 180_000 }, async () => {
    const { oogst, browser, s, dir: scripts } = run;
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const projector = await browser.newContext({ viewport: SIZES[0]! });
    const console_ = new ConsolePage(watcher.watch(await laptop.newPage(), 'console'));
    await console_.open(s.session.consoleUrl);
    const screen = new ScreenPage(watcher.watch(await projector.newPage(), 'screen'));
    await screen.open(s.session.screenUrl);
    const phone = await PhonePage.join(browser, watcher, 'phone', s.session.joinUrl);

    // The slide first: the facilitator puts a picture of the praktijkvoorbeeld on it, beside the text.
    await console_.page.getByText('Afbeelding op de dia zetten').click();
    writeFileSync(join(scripts, 'voorbeeld.jpg'), await drawnJpeg(console_.page, 200));
    await console_.page.locator('details.add input[type=file]').setInputFiles(join(scripts, 'voorbeeld.jpg'));
    await console_.page.getByLabel('Beschrijving van de afbeelding (voor wie haar niet kan zien)').fill('Buren koken samen in de Merenwijk');
    await console_.page.getByRole('button', { name: 'Verstuur foto' }).click();
    await screen.page.getByRole('img', { name: 'Buren koken samen in de Merenwijk' }).waitFor();
    await phone.page.getByRole('img', { name: 'Buren koken samen in de Merenwijk' }).waitFor();
    await scan('phone 390 slide', phone.page);
    await shot(phone.page, 'slide-image-phone-390');
    await scan('console 1366 slide', console_.page);
    await shot(console_.page, 'slide-image-console-1366');
    for (const size of SIZES) {
      await screen.page.setViewportSize(size);
      await frames(screen.page);
      const fits = await screen.page.evaluate(() => {
        const stage = document.querySelector('main.stage')!.getBoundingClientRect();
        const img = document.querySelector('.slide-image')!.getBoundingClientRect();
        return img.bottom <= stage.bottom + 1 && img.right <= stage.right + 1 && img.height > 200;
      });
      expect(fits, `slide image at ${size.width}×${size.height}`).toBe(true);
      await scan(`screen slide ${size.width}`, screen.page, true);
      await shot(screen.page, `slide-image-screen-${size.width}`);
    }
    await screen.page.setViewportSize(SIZES[0]!);
    await console_.next();
    const page = phone.page;
    await page.getByText('Maak of kies een foto').waitFor();

    const original = withGps(await drawnJpeg(page, 150));
    expect(hasExif(original)).toBe(true);
    const file = join(scripts, 'flap.jpg');
    writeFileSync(file, original);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('img', { name: 'Foto' }).waitFor();
    await page.getByLabel('Wat laat je tekening zien?').fill('Samen sterk: de buurt kookt');
    await scan('phone 390 with a photo to send', page);
    await shot(page, 'photo-phone-390-preview');

    // The first try fails on the way; the phone says so and sends the same photo again.
    let fail = true;
    await page.route('**/steps/tekening/files', (route) => (fail ? ((fail = false), route.abort()) : route.continue()));
    await page.getByRole('button', { name: 'Verstuur foto' }).click();
    await page.getByRole('alert').filter({ hasText: 'Versturen lukte niet' }).waitFor();
    await scan('phone 390 after a failed send', page);
    await page.getByRole('button', { name: 'Opnieuw versturen' }).click();
    await page.getByText('Wacht op goedkeuring').waitFor();
    await page.getByText('1 van 3 foto’s verstuurd').or(page.getByText("1 van 3 foto's verstuurd")).waitFor();

    const [stored] = (await oogst.store.listFiles(s.session.id)).filter((f) => f.stepId === 'tekening');
    expect(stored).toMatchObject({ type: 'image/jpeg', width: 1600, height: 1067, participantId: expect.any(String) });
    expect(hasExif(stored!.data)).toBe(false);
    expect(sniffImage(stored!.data)).toEqual({ type: 'image/jpeg', width: 1600, height: 1067 });
    expect(stored!.data.byteLength).toBeLessThan(600_000);

    // Not on the screen before the facilitator approves it.
    await screen.shows('Nog geen foto’s.'.replace('’', "'"));
    await console_.page.getByText('1 wachten op goedkeuring').waitFor();
    await scan('console 1366 with a photo waiting', console_.page);
    await console_.page.getByRole('button', { name: 'Toon op scherm' }).click();
    await screen.page.getByRole('img', { name: 'Samen sterk: de buurt kookt' }).waitFor();
    await page.getByText('Op het scherm').waitFor();
    await scan('phone 390', page);
    await shot(page, 'photo-phone-390');

    // The facilitator adds the flip-overs from the console: straight on the screen.
    await console_.page.getByText('Foto toevoegen').click();
    for (const [i, caption] of ['Flap: wat werkt al', 'Flap: onze ontwerpvragen', 'Tekening van groep 3', 'De krantenkop van 2031'].entries()) {
      const flap = join(scripts, `flap-${i}.jpg`);
      writeFileSync(flap, await drawnJpeg(console_.page, 20 + i * 70));
      await console_.page.locator('details.add input[type=file]').setInputFiles(flap);
      await console_.page.locator('details.add').getByRole('img', { name: 'Foto' }).waitFor();
      await console_.page.getByLabel('Wat laat je tekening zien?').fill(caption);
      await console_.page.getByRole('button', { name: 'Verstuur foto' }).click();
      await screen.page.getByRole('img', { name: caption }).waitFor();
    }
    await console_.page.getByRole('heading', { name: '5 foto’s'.replace('’', "'") }).waitFor();
    await scan('console 1366', console_.page);
    await shot(console_.page, 'photo-console-1366');

    for (const size of SIZES) {
      await screen.page.setViewportSize(size);
      await frames(screen.page);
      await screen.page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.gallery img')].every((i) => i.complete && i.naturalWidth > 0));
      const m = await measure(screen.page);
      expect(m, `${size.width}×${size.height}`).toMatchObject({ shown: 5, out: 0, pageOverflow: 0 });
      expect(m.smallest, `captions at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(readable(size.height));
      await scan(`screen ${size.width}`, screen.page, true);
      await shot(screen.page, `photo-screen-${size.width}`);
    }

    // Hidden again: off the screen at once.
    await console_.page.locator('li', { hasText: 'Tekening van groep 3' }).getByRole('button', { name: 'Verberg', exact: true }).click();
    await screen.page.getByRole('img', { name: 'Tekening van groep 3' }).waitFor({ state: 'detached' });

    // The Word harvest, kept beside the screenshots to look at (test-results/screenshots/photo-harvest.docx).
    const docx = await fetch(`${oogst.url}/api/sessions/${s.session.id}/harvest.docx`, { headers: { authorization: `Bearer ${s.arena.key}` } });
    expect(docx.status).toBe(200);
    writeFileSync(`${SHOTS}/photo-harvest.docx`, Buffer.from(await docx.arrayBuffer()));

    expect(found).toEqual([]);
    expect(watcher.problems.filter((p) => !/ERR_FAILED|Failed to load resource/.test(p))).toEqual([]);
  });
});
