/**
 * The projector's sizes and what "whole and readable" means there, for the browser
 * tests that look at actions and the recap on the screen (action, recap and traject tests).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RecapContext } from '../../kinds/recap/model.js';
import { settled, shot } from './pages.js';

export const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];
/** Readable from the back: 16 px at 1920×1080, in proportion below (docs/ARCHITECTURE.md, "The wall at room scale"). */
export const readable = (height: number) => (16 * height) / 1080;

/** What the projected recap part shows: lines whole or not, and how small its text got. */
function recapFigures() {
  const stage = document.querySelector<HTMLElement>('main.stage')!.getBoundingClientRect();
  const items = [...document.querySelectorAll<HTMLElement>('.recap-part .item')];
  const cut = items
    .filter((r) => {
      const rect = r.getBoundingClientRect();
      return r.hidden || rect.bottom > stage.bottom + 1 || rect.right > stage.right + 1 || rect.bottom > window.innerHeight;
    })
    .map((r) => r.textContent);
  const sizes = items.flatMap((r) => [...r.querySelectorAll('span')].map((c) => parseFloat(getComputedStyle(c).fontSize)));
  return {
    items: items.length,
    cut,
    smallest: Math.min(...sizes),
    pageOverflow: Math.max(document.documentElement.scrollHeight - window.innerHeight, document.documentElement.scrollWidth - window.innerWidth, 0),
  };
}

/**
 * Shows a recap part on the projector (the console already asked for it) at both sizes,
 * once it stands still: every line whole, readable from the back, nothing to scroll; a
 * screenshot `<name>-<part>-<width>` of each, scanned with `scan` (AAA contrast).
 */
export async function projectedRecapPart(page: Page, part: RecapContext['parts'][number], name: string, scan: (view: string, page: Page, aaa: boolean) => Promise<void>) {
  await page.getByRole('heading', { name: part.title }).waitFor();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForFunction((n) => document.querySelectorAll('.recap-part .item').length === n, part.items.length);
    // The part fades in, and the fit follows the new size a frame or two later: measure and look at it once it stands still.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    const f = await settled(page, recapFigures);
    await shot(page, `${name}-${part.id}-${size.width}`);
    expect(f.cut, `${part.id} at ${size.width}: lines cut off`).toEqual([]);
    expect(f.smallest, `${part.id} at ${size.width}: smallest text`).toBeGreaterThanOrEqual(readable(size.height));
    expect(f.pageOverflow, `${part.id} at ${size.width}: the page scrolls`).toBe(0);
    await scan(`${name} ${part.id} ${size.width}`, page, true);
  }
  await page.setViewportSize(SIZES[0]!);
}
