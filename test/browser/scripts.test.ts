/** A facilitator copies the shipped script in the browser, adapts it, sees a mistake explained, and starts a session from the copy. */
import { describe, expect, it } from 'vitest';
import { HomePage, shot, Watcher, serverAndBrowser } from './pages.js';

describe('adapting a script', () => {
  const running = serverAndBrowser();
  const watcher = new Watcher();

  it('copies, explains a mistake by line, saves, and offers the copy for a session', async () => {
    const context = await running.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = watcher.watch(await context.newPage(), 'home');
    const home = new HomePage(page);
    await home.open(running.oogst.url);
    await home.createArena('Mantelzorg Leiden', '');
    await page.getByLabel('Kopieer een draaiboek…').selectOption({ label: 'Klaag- en jubelmuur' });
    const editor = page.getByRole('textbox', { name: /Draaiboek \(YAML\)/ });
    await expect.poll(() => editor.inputValue()).toContain('id: klaag-en-jubelmuur-eigen');

    const yaml = await editor.inputValue();
    await editor.fill(yaml.replace('title: Klaag- en jubelmuur\n', 'title: Klaagmuur Leiden\n').replace('maxNotes: 10', 'maxNotes: 0'));
    await page.getByRole('button', { name: 'Controleren en bewaren' }).click();
    const problem = page.getByRole('alert').getByText(/line \d+: must be at least 1/);
    await problem.waitFor();
    await shot(page, 'home-script-problem-1366');

    await editor.fill((await editor.inputValue()).replace('maxNotes: 0', 'maxNotes: 5'));
    await page.getByRole('button', { name: 'Controleren en bewaren' }).click();
    await page.getByText('Bewaard als "klaag-en-jubelmuur-eigen"').waitFor();
    await page.getByRole('radio', { name: /Klaagmuur Leiden/ }).waitFor();
    expect(await page.getByRole('radio', { name: /Klaagmuur Leiden/ }).isChecked()).toBe(true);
    await shot(page, 'home-script-saved-1366');
    const { code } = await home.startSession();
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    // The refused save is a 400 the browser logs; nothing else may go wrong.
    expect(watcher.problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});
