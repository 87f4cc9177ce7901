/**
 * The printable harvest with a word that never ends (3,000 letters without a
 * space, as a paste can bring) in every place a document has text: the page
 * stays as wide as the window (1280 px), in every block and in tables too.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HarvestDocument } from '../../server/harvest/document.js';
import { renderHtml } from '../../server/harvest/render-html.js';
import { launch, shot, Watcher } from './pages.js';

const WORD = 'Mantelzorg'.repeat(300);

const doc: HarvestDocument = {
  title: WORD,
  subtitle: 'Oogst van de arena',
  facts: [['Ambitie', WORD]],
  parts: [
    {
      title: WORD,
      facts: [['Werkvorm', WORD]],
      agenda: [WORD],
      sections: [
        {
          title: WORD,
          kind: 'wall',
          prompt: WORD,
          blocks: [
            { type: 'heading', text: WORD },
            { type: 'paragraph', text: [WORD, { text: WORD, strong: true }, { text: WORD, note: true }] },
            { type: 'list', items: [{ text: [WORD], checked: true, sub: [[WORD]] }] },
            { type: 'table', head: ['Plaats', WORD, 'Stippen'], right: [2], rows: [['1', WORD, '3'], [WORD, WORD, WORD]] },
            { type: 'chart', title: WORD, bars: [{ label: WORD, value: 3 }] },
          ],
        },
      ],
    },
  ],
  rows: [],
};

describe('the printable harvest', () => {
  let browser: Browser;
  const watcher = new Watcher();
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser?.close());

  it('wraps a 3,000-character word instead of growing wider than the window', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = watcher.watch(await context.newPage(), 'print-long-word');
    await page.setContent(renderHtml(doc));
    // The inline stylesheet applied (allowed by its hash): the title bar has its green rule.
    expect(await page.locator('header.title').evaluate((el) => getComputedStyle(el).borderBottomStyle)).toBe('solid');
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth, window: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    expect(widths.body).toBeLessThanOrEqual(widths.window);
    await shot(page, 'harvest-print-long-word-1280');
    expect(watcher.problems).toEqual([]);
    await context.close();
  });
});
