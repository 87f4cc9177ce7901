/**
 * Page objects for a waarderend interview, on top of pages.ts: what a facilitator
 * and a phone do in an interview round, in their words.
 */
import type { Locator, Page } from 'playwright-core';
import type { ConsolePage, PhonePage } from './pages.js';

export interface InterviewNotes {
  story: string;
  strengths: string;
  conditions: string;
}

const LABELS: Record<keyof InterviewNotes, string> = {
  story: 'Het verhaal',
  strengths: 'Krachten en talenten',
  conditions: 'Wat het mogelijk maakte',
};

export class InterviewPhone {
  constructor(readonly phone: PhonePage) {}
  get page(): Page {
    return this.phone.page;
  }
  async pseudonym(): Promise<string> {
    return (await this.page.locator('.you strong').textContent())!.trim();
  }
  async seesPartner(name: string) {
    await this.page.getByText(`Je partner: ${name}`).waitFor();
  }
  async asks(): Promise<boolean> {
    await this.page.getByText(/^(Jij interviewt|.+ interviewt jou)/).waitFor();
    return (await this.page.getByText(/^Jij interviewt/).count()) > 0;
  }
  /** This phone's role in its conversation, once it shows one. */
  async role(): Promise<'asks' | 'tells' | 'listens'> {
    await this.page.getByText(/^(Jij interviewt .+|.+ interviewt jou|.+ interviewt .+\. Jij luistert mee\.)$/).waitFor();
    if (await this.page.getByText(/^Jij interviewt/).count()) return 'asks';
    return (await this.page.getByText(/ interviewt jou$/).count()) ? 'tells' : 'listens';
  }
  async seesRole(text: string) {
    await this.page.getByText(text, { exact: true }).waitFor();
  }
  async writeNotes(notes: InterviewNotes) {
    for (const field of Object.keys(LABELS) as (keyof InterviewNotes)[]) await this.page.getByLabel(LABELS[field]).fill(notes[field]);
    await this.page.getByRole('button', { name: 'Opslaan' }).click();
    await this.latestNotes().getByText('opgeslagen').waitFor();
  }
  /** The newest card of notes this phone holds. */
  latestNotes(): Locator {
    return this.page.getByRole('article').first();
  }
  /** The card of notes about this person's story. */
  ownNotes(): Locator {
    return this.page.getByRole('article', { name: 'Aantekeningen over jouw verhaal' });
  }
  /** Which fields of the notes about this person are ticked to share. */
  async ticked(): Promise<(keyof InterviewNotes)[]> {
    const fields = Object.keys(LABELS) as (keyof InterviewNotes)[];
    const checked = await Promise.all(fields.map((field) => this.ownNotes().getByRole('checkbox', { name: LABELS[field] }).isChecked()));
    return fields.filter((_, i) => checked[i]);
  }
  /** Shares the notes about this person's story, only the given fields. */
  async share(fields: (keyof InterviewNotes)[]) {
    const card = this.ownNotes();
    for (const field of Object.keys(LABELS) as (keyof InterviewNotes)[])
      await card.getByRole('checkbox', { name: LABELS[field] }).setChecked(fields.includes(field));
    await card.getByRole('button', { name: 'Deel op de muur' }).click();
    await card.getByText(/^Op de muur:/).waitFor();
  }
}

export class InterviewConsole {
  constructor(readonly console: ConsolePage) {}
  get page(): Page {
    return this.console.page;
  }
  async makePairs() {
    await this.page.getByRole('button', { name: 'Maak paren' }).click();
    await this.page.getByText(/Ronde 1 · gesprek 1/).waitFor();
  }
  async swap() {
    await this.page.getByRole('button', { name: /^Wissel van rol/ }).click();
  }
  async startTimer() {
    await this.page.getByRole('button', { name: /Start timer/ }).click();
  }
}
