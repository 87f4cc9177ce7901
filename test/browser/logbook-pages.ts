/**
 * The arena's logbook in the browser tests (`logbook.test.ts`, `traject.test.ts`): the
 * Logboek section of the arena page as the facilitator uses it, and a member's phone on
 * the logbook page.
 */
import { expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Watcher } from './pages.js';

/** The arena page's Logboek section. */
export const logbookSection = (page: Page): Locator => page.locator('section', { has: page.getByRole('heading', { name: 'Logboek tussen de bijeenkomsten' }) });

/** Opens a logbook link from the section (with approval unless `approval` is false), waits for its QR code, and returns its code. */
export async function openLogbookLink(section: Locator, approval = true): Promise<string> {
  await section.getByLabel('Berichten eerst zelf goedkeuren').setChecked(approval);
  await section.getByRole('button', { name: 'Logboeklink openen' }).click();
  const qr = section.getByRole('img', { name: /QR-code naar het logboek met code/ });
  await qr.waitFor();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const code = (await section.locator('.code strong').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
  return code;
}

/** Approves an entry of the section waiting for approval, then highlights it for the next meeting. */
export async function approveAndHighlight(entry: Locator) {
  await entry.getByRole('button', { name: 'Goedkeuren' }).click();
  await entry.getByText('Wacht op goedkeuring').waitFor({ state: 'detached' });
  await entry.getByLabel('Uitlichten bij de volgende bijeenkomst').check();
  await entry.getByText('★ Uitgelicht').waitFor();
}

/** A member's phone (390×844) on the logbook page of `code`; `name` names it in the watcher's problems. */
export async function logbookPhone(browser: Browser, watcher: Watcher, url: string, code: string, name = 'phone'): Promise<{ context: BrowserContext; phone: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const phone = watcher.watch(await context.newPage(), name);
  await phone.goto(`${url}/l/${code}`);
  return { context, phone };
}
