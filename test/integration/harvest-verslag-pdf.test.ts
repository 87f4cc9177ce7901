/**
 * The Word harvest of a realistic meeting as LibreOffice prints it: converted to PDF and
 * read back with pdftotext, every page has its number, numbered lists run "1." to "10."
 * and beyond with a space before the text, and no heading (nor a cluster's name) ends a
 * page: each stays with what follows. Pages kept in test-results/verslag/ to look at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionDocument } from '../../server/harvest/document.js';
import { renderDocx } from '../../server/harvest/render-docx.js';
import { runTool } from '../helpers/tools.js';
import { verslagMeeting } from '../helpers/verslag-meeting.js';

const OUT = join(process.cwd(), 'test-results', 'verslag');
const hasTools = spawnSync('soffice', ['--version']).status === 0 && spawnSync('pdftotext', ['-v']).status === 0;
if (!hasTools && process.env.OOGST_REQUIRE_LIBREOFFICE) throw new Error('OOGST_REQUIRE_LIBREOFFICE is set but soffice or pdftotext is missing.');

describe.skipIf(!hasTools)('the Word harvest as a printed verslag', () => {
  it('numbers its pages and lists, and keeps every heading with its content', async () => {
    const doc = sessionDocument(await verslagMeeting(), Date.UTC(2026, 10, 21, 13), { ambition: 'Elke jonge mantelzorger heeft iemand die omkijkt.' });
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'verslag.docx');
    writeFileSync(file, await renderDocx(doc));
    const profile = mkdtempSync(join(tmpdir(), 'oogst-lo-'));
    try {
      await runTool('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', OUT, file]);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    await runTool('pdftotext', ['-layout', join(OUT, 'verslag.pdf'), join(OUT, 'verslag.txt')]);
    const pages = readFileSync(join(OUT, 'verslag.txt'), 'utf8').split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);

    // Every page: "Pagina n van N" at its foot, and the running line at its head.
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`Pagina ${i + 1} van ${pages.length}`));
      expect(page, `page ${i + 1}`).toContain('Jonge mantelzorgers Leiden · Bijeenkomst 3: mantelzorg in de wijk');
    });

    // The twelve ontwerpvragen: each number once, followed by a space and the question.
    const text = pages.join('\n');
    for (let n = 1; n <= 12; n++) expect(text, `question ${n}`).toMatch(new RegExp(`^\\s*${n}\\.\\s+Hoe kunnen we`, 'm'));
    expect(text).not.toMatch(/\d\.Hoe/);

    // What leads into content (headings, a cluster's name, "Kenmerken:", a short line under a heading) is never a page's last line.
    const leads = doc.parts[0]!.sections.flatMap((s) => [
      `${s.number}. ${s.title}`,
      ...s.blocks.flatMap((b, i) => {
        if (b.type === 'heading') return [b.text];
        if (b.type !== 'paragraph') return [];
        const text = b.text.map((r) => (typeof r === 'string' ? r : 'text' in r ? r.text : ' ')).join('');
        const [before, next] = [s.blocks[i - 1], s.blocks[i + 1]];
        const introduces = next?.type === 'list' || next?.type === 'table';
        const underHeading = (!before || before.type === 'heading') && text.length < 120;
        return introduces || underHeading ? [text] : [];
      }),
    ]);
    expect(leads).toContain('Wachtlijsten (3)');
    expect(leads).toContain('2 small wins om te vieren!');
    pages.forEach((page, i) => {
      const lines = page.split('\n').map((l) => l.trim()).filter((l) => l && !/^Pagina \d+ van \d+$/.test(l));
      const last = lines.at(-1)!;
      expect(leads, `page ${i + 1} ends with "${last}"`).not.toContain(last);
    });
    await runTool('pdftoppm', ['-png', '-r', '50', join(OUT, 'verslag.pdf'), join(OUT, 'page')]);
  }, 120_000);
});
