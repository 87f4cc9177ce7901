/**
 * Page objects for the facilitator's console beyond the walkthrough's: keyboard
 * shortcuts and their help, presenter notes, the participant list and the
 * moderation queue; and a phone whose contribution waits for approval.
 */
import type { Page } from 'playwright-core';
import { ConsolePage, PhonePage } from './pages.js';

export class FacilitatorConsole extends ConsolePage {
  /** A key pressed with nothing in particular focused, as a facilitator does between actions. */
  async press(key: string) {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press(key);
  }
  stepTitle() {
    return this.page.locator('.stage h2').first();
  }
  async onStep(title: string) {
    await this.page.locator('.stage h2', { hasText: title }).first().waitFor();
  }
  help() {
    return this.page.getByRole('dialog', { name: 'Sneltoetsen' });
  }
  notes() {
    return this.page.getByRole('complementary', { name: 'Notities voor de begeleider' });
  }
  participants() {
    return this.page.getByRole('region', { name: 'Deelnemers' });
  }
  moderationSwitch() {
    return this.page.getByRole('switch', { name: 'Bijdragen eerst goedkeuren' });
  }
  queued(text: string) {
    return this.page.locator('.queue li', { hasText: text });
  }
  async approve(text: string) {
    await this.queued(text).getByRole('button', { name: /^Goedkeuren/ }).click();
  }
  async reject(text: string) {
    await this.queued(text).getByRole('button', { name: /^Afwijzen/ }).click();
  }
  countdown() {
    return this.page.locator('.timer-controls [role="timer"]');
  }
  /** Seconds left on the console's countdown. */
  async secondsLeft(): Promise<number> {
    const text = (await this.countdown().textContent()) ?? '';
    const [, m, s] = /(\d+):(\d\d)/.exec(text) ?? [];
    return Number(m) * 60 + Number(s);
  }
}

export class ModeratedPhone {
  constructor(readonly phone: PhonePage) {}
  get page(): Page {
    return this.phone.page;
  }
  async pseudonym(): Promise<string> {
    return ((await this.page.locator('.you strong').textContent()) ?? '').trim();
  }
  /** Posts a note while moderation is on: it is stored, and waits for approval. */
  async postHeldNote(column: string, text: string) {
    await this.page.getByRole('button', { name: new RegExp(column) }).click();
    await this.page.getByRole('textbox').fill(text);
    await this.page.getByRole('button', { name: 'Plaats briefje' }).click();
    await this.status(text, 'wacht op goedkeuring').waitFor();
  }
  status(text: string, status: string) {
    return this.page.locator('li, article, .note', { hasText: text }).getByText(status).first();
  }
}
