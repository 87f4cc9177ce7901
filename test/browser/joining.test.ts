/**
 * A phone among many joining through one network (a venue's router): past the
 * address's burst the server answers 429 with Retry-After, and the phone waits
 * its turn, says so, and joins, instead of giving up.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startOogst, startSession, type Running } from '../helpers/oogst.js';
import { launch } from './pages.js';

describe('a phone joining when many others on its network just did', () => {
  let oogst: Running;
  let browser: Browser;
  beforeAll(async () => {
    // One new participant at once, then one every two seconds: the room before this phone took the burst.
    oogst = await startOogst({ env: { OOGST_JOIN_BURST: '1', OOGST_JOINS_PER_SECOND: '0.5' } });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await oogst?.stop();
  });

  it('waits its turn and joins', async () => {
    const s = await startSession(oogst.url);
    expect((await api(oogst.url, 'POST', '/api/join', { code: s.session.code })).status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    const joins: number[] = [];
    page.on('response', (r) => r.url().endsWith('/api/join') && joins.push(r.status()));
    await page.goto(`${oogst.url}/j/${s.session.code}`);
    await page.getByText('Er komen veel mensen tegelijk binnen').waitFor();
    await page.getByText('Je doet mee als').waitFor({ timeout: 20_000 });
    expect(joins[0]).toBe(429);
    expect(joins.at(-1)).toBe(200);
    await context.close();
  });
});
