/**
 * Page objects for running any shipped script in the browser, on top of pages.ts:
 * what a phone does to take part in a step of each kind, what the facilitator does
 * to finish it, and the screen's own controls. Selectors live here only.
 */
import type { Page } from 'playwright-core';
import type { StepDef } from '../../core/state.js';
import { ConsolePage, PhonePage, ScreenPage } from './pages.js';

/** Something to say for phone `n` (0, 1, 2…) in a step: different per phone, so the screen has several. */
const SAYS = [
  'Dat mantelzorgers weten waar ze terechtkunnen',
  'Een buurtteam dat de mensen bij naam kent',
  'Minder formulieren, meer koffie aan tafel',
  'Jongeren die zelf meedenken over de aanpak',
];
const WORDS = ['samen', 'vertrouwen', 'ruimte', 'samen'];

/** A flip-over drawn on a canvas in the browser, as a camera's JPEG: 3000×2000 with colour, circles and a headline. */
export async function drawnJpeg(page: Page, hue: number): Promise<Buffer> {
  const base64 = await page.evaluate((hue) => {
    const c = document.createElement('canvas');
    c.width = 3000;
    c.height = 2000;
    const g = c.getContext('2d')!;
    g.fillStyle = '#fbfbf7';
    g.fillRect(0, 0, 3000, 2000);
    g.lineWidth = 40;
    for (let i = 0; i < 6; i++) {
      g.strokeStyle = `hsl(${hue + i * 40}, 70%, 40%)`;
      g.beginPath();
      g.arc(500 + i * 400, 1000 + (i % 2) * 300, 250, 0, Math.PI * 2);
      g.stroke();
    }
    g.fillStyle = `hsl(${hue}, 60%, 25%)`;
    g.font = 'bold 220px sans-serif';
    g.fillText('Samen sterk in 2031', 200, 400);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  }, hue);
  return Buffer.from(base64, 'base64');
}

export class StepPhone {
  constructor(
    readonly phone: PhonePage,
    readonly n: number,
  ) {}
  get page(): Page {
    return this.phone.page;
  }

  /** Waits until the phone shows the step, by its title. */
  async sees(step: StepDef) {
    await this.page.getByRole('heading', { name: step.title, exact: true }).first().waitFor();
  }

  /** Takes part in the step as a person would; returns false for a step with nothing to do (a slide). */
  async contribute(step: StepDef): Promise<boolean> {
    const say = SAYS[this.n % SAYS.length]!;
    switch (step.kind) {
      case 'open':
        return this.answerAll(say);
      case 'wall': {
        const columns = step.columns as { title: string }[];
        const column = columns[this.n % columns.length]!.title;
        await this.phone.postNote(column, say);
        return true;
      }
      case 'poll': {
        const options = this.page.locator('.options button');
        await options.first().waitFor();
        await options.nth(this.n % (await options.count())).click();
        await this.page.getByRole('button', { name: 'Stem', exact: true }).click();
        await this.page.getByText('opgeslagen').first().waitFor();
        return true;
      }
      case 'wordcloud':
        await this.page.getByPlaceholder('Typ een woord').fill(WORDS[this.n % WORDS.length]!);
        await this.page.getByRole('button', { name: 'Voeg toe' }).click();
        await this.page.getByText('opgeslagen').first().waitFor();
        return true;
      case 'questions': {
        const prefix = typeof step.prefix === 'string' ? step.prefix : 'Hoe kunnen we';
        await this.page.getByRole('textbox').first().fill(`${prefix} ${say.toLowerCase()}?`);
        await this.page.getByRole('button', { name: 'Plaats vraag' }).click();
        await this.page.getByText('opgeslagen').first().waitFor();
        return true;
      }
      case 'vote': {
        const add = this.page.getByRole('button', { name: 'Stip erbij' });
        await add.first().waitFor();
        await add.nth(this.n % (await add.count())).click();
        await this.page.getByText('opgeslagen').first().waitFor();
        return true;
      }
      case 'action': {
        // Each phone proposes one action; an update step in a first meeting has no running actions.
        const what = this.page.getByLabel('Wat gaan we doen?');
        if (step.mode === 'update' || step.by === 'facilitator') return false;
        await what.fill(say);
        await this.page.getByLabel('Wat merkt de doelgroep ervan?').fill('Ze hoeven hun verhaal minder vaak te vertellen');
        await this.page.getByRole('button', { name: 'Actie voorstellen' }).click();
        // Stored: among the phone's own proposals, no longer waiting for the server.
        await this.page.locator('li.card:not(:has(.item-status))', { hasText: say }).first().waitFor();
        return true;
      }
      case 'checklist': {
        // The first three items, each phone its own answers; the first with a comment.
        const items = this.page.locator('.checklist fieldset');
        await items.first().waitFor();
        for (let i = 0; i < 3; i++) {
          const points = items.nth(i).locator('.scale button');
          await points.nth((this.n + i) % (await points.count())).click();
          await items.nth(i).getByText('opgeslagen').waitFor();
        }
        await items.first().getByRole('button', { name: 'Toelichting toevoegen' }).click();
        await items.first().getByLabel('Toelichting').fill(say);
        await items.first().getByRole('button', { name: 'Bewaar toelichting' }).click();
        await items.first().getByText(say).waitFor();
        return true;
      }
      case 'smallwin': {
        const title = this.page.getByLabel('Naam van de small win');
        if (!(await title.count())) return false; // the facilitator registers them in this step
        await title.fill(`Koffie-uur ${this.n + 1}`);
        await this.page.getByLabel('Wat is het concrete resultaat?').fill(say);
        await this.page.getByRole('button', { name: 'Small win opslaan' }).click();
        await this.page.getByText('opgeslagen').first().waitFor();
        return true;
      }
      case 'qna': {
        // Each phone asks a question, then supports the first question of another phone it sees.
        await this.page.getByRole('textbox', { name: 'Jouw vraag aan de spreker…' }).fill(`${say}?`);
        await this.page.getByRole('button', { name: 'Stel vraag' }).click();
        await this.page.getByText(`${say}?`).waitFor();
        const support = this.page.getByRole('button', { name: /Steun$/, pressed: false });
        if (await support.count()) {
          await support.first().click();
          await this.page.getByRole('button', { name: /Steun$/, pressed: true }).first().waitFor();
        }
        return true;
      }
      case 'interview': {
        // In a pair or a trio one phone asks; the one it interviews shares afterwards (shareIfAsked).
        await this.page.getByText(/interviewt|luistert/).first().waitFor();
        if (!(await this.page.getByText(/^Jij interviewt/).count())) return false;
        await this.page.getByLabel('Het verhaal').fill(`Het verhaal: ${say}`);
        await this.page.getByLabel('Krachten en talenten').fill('Durven vragen om hulp');
        await this.page.getByLabel('Wat het mogelijk maakte').fill('Een mentor die de tijd nam');
        await this.page.getByRole('button', { name: 'Opslaan' }).click();
        await this.page.getByText('opgeslagen').first().waitFor();
        return true;
      }
      case 'groups': {
        // Each phone notes something for its group; the first takes on reporting and writes the summary.
        await this.page.getByText(/^Groep \d+$/).waitFor();
        await this.page.getByPlaceholder('Wat valt jullie op?').fill(say);
        await this.page.getByRole('button', { name: 'Voeg toe' }).click();
        await this.page.locator('.notes').getByText(say).waitFor();
        if (this.n === 0) {
          await this.page.getByRole('button', { name: 'Ik ben de rapporteur' }).click();
          await this.page.getByLabel(/Als rapporteur schrijf jij/).fill(`Wat wij meenemen: ${say.toLowerCase()}`);
          await this.page.getByRole('button', { name: 'Bewaar samenvatting' }).click();
          await this.page.getByRole('button', { name: 'Bewaar samenvatting', disabled: true }).waitFor();
        }
        return true;
      }
      case 'photo': {
        await this.page.locator('input[type=file]').setInputFiles({ name: 'tekening.jpg', mimeType: 'image/jpeg', buffer: await drawnJpeg(this.page, 40 + this.n * 90) });
        await this.page.locator('textarea').fill(say);
        await this.page.getByRole('button', { name: 'Verstuur foto' }).click();
        await this.page.getByText('Wacht op goedkeuring').first().waitFor();
        return true;
      }
      case 'recap':
        // The room reads what the facilitator puts on the screen; a phone types nothing.
        return false;
      default:
        return false;
    }
  }

  /** The one interviewed shares the strengths from the notes about their story, when there are notes. */
  async shareIfAsked() {
    const card = this.page.getByRole('article', { name: 'Aantekeningen over jouw verhaal' });
    if (!(await card.count())) return;
    await card.getByRole('checkbox', { name: 'Krachten en talenten' }).check();
    await card.getByRole('button', { name: 'Deel op de muur' }).click();
    await card.getByText(/^Op de muur:/).waitFor();
  }

  private async answerAll(say: string): Promise<boolean> {
    const boxes = this.page.locator('textarea');
    await boxes.first().waitFor();
    for (let i = 0; (await boxes.count()) > 0; i++) {
      await boxes.first().fill(`${say} (${i + 1})`);
      await this.page.getByRole('button', { name: 'Opslaan', exact: true }).first().click();
      await this.page.getByText(`${say} (${i + 1})`).waitFor();
    }
    return true;
  }
}

/** The facilitator's part in steps of every kind, beyond moving on. */
export class StepConsole {
  constructor(readonly console: ConsolePage) {}
  get page(): Page {
    return this.console.page;
  }
  async sees(step: StepDef) {
    await this.page.getByRole('heading', { level: 2, name: step.title, exact: true }).waitFor();
  }
  /** Shows the results (or, for ontwerpvragen, puts the list on the phones) when the step has something to show. */
  async revealIfOffered() {
    for (const name of ['Toon resultaten', 'Zet de lijst op de telefoons']) {
      const button = this.page.getByRole('button', { name, exact: true });
      if (await button.count()) {
        await button.first().click();
        await button.first().waitFor({ state: 'detached' }).catch(() => undefined);
      }
    }
  }
  /** Puts every photo that waits for approval on the screen. */
  async approvePhotos() {
    const approve = this.page.getByRole('button', { name: 'Toon op scherm', exact: true });
    for (let n = await approve.count(); n > 0; n = await approve.count()) {
      await approve.first().click();
      await approve.nth(n - 1).waitFor({ state: 'detached' });
    }
  }
  async registerSmallWin(title: string) {
    await this.page.getByRole('button', { name: 'Small win toevoegen' }).click();
    await this.page.getByLabel('Naam van de small win').fill(title);
    await this.page.getByRole('button', { name: 'Small win opslaan' }).click();
    await this.page.getByText(title).first().waitFor();
  }
  async makePairs() {
    await this.page.getByRole('button', { name: 'Maak paren' }).click();
    await this.page.getByText(/Ronde 1 · gesprek 1/).waitFor();
  }
  async makeGroups() {
    await this.page.getByRole('button', { name: 'Maak groepjes' }).click();
    await this.page.getByRole('heading', { name: /^Groep 1/ }).waitFor();
  }
  async toggleJoinSlide(show: boolean) {
    await this.page.getByRole('button', { name: show ? 'Toon meedoen-dia' : 'Verberg meedoen-dia' }).click();
    await this.page.getByRole('button', { name: show ? 'Verberg meedoen-dia' : 'Toon meedoen-dia' }).waitFor();
  }
}

/** The screen's own controls and what it promises the room. */
export class RoomScreen {
  constructor(readonly screen: ScreenPage) {}
  get page(): Page {
    return this.screen.page;
  }
  async sees(step: StepDef) {
    await this.page.getByRole('heading', { level: 1, name: step.title, exact: true }).waitFor();
  }
  /** How far the page scrolls, both ways: 0 when everything fits. */
  overflow(): Promise<number> {
    return this.page.evaluate(() =>
      Math.max(document.documentElement.scrollHeight - window.innerHeight, document.documentElement.scrollWidth - window.innerWidth, 0),
    );
  }
  /** The join code as the corner badge or the join panel shows it. */
  async joinCode(): Promise<string> {
    return (await this.page.locator('.code').first().textContent())!.trim();
  }
  async participantCount(n: number) {
    await this.page.getByText(new RegExp(`^${n} deelnemers?$`)).first().waitFor();
  }
  async showsJoinSlide() {
    await this.page.locator('.join-slide').waitFor();
  }
  async toggleDark() {
    await this.page.getByRole('button', { name: /Donker thema|Dark theme/ }).click();
  }
  theme(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.theme);
  }
}
