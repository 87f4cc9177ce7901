/**
 * The harvest as a verslag, renderer by renderer: the first page at a glance, Word's own
 * lists, heading sizes in order and kept with what follows, page numbers and a running
 * line, columns as wide as their words, typed line breaks kept in every format, headings
 * in sequence, no steps or questions without content, and a CSV in local time.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../core/state.js';
import { columnWidths } from '../../server/harvest/docx-layout.js';
import { sessionDocument, type HarvestDocument } from '../../server/harvest/document.js';
import { renderCsv } from '../../server/harvest/render-csv.js';
import { renderDocx } from '../../server/harvest/render-docx.js';
import { renderHtml } from '../../server/harvest/render-html.js';
import { renderMarkdown } from '../../server/harvest/render-markdown.js';
import { verslagMeeting } from '../helpers/verslag-meeting.js';

const AMBITION = 'Elke jonge mantelzorger heeft iemand die omkijkt.';
let meeting: SessionState | undefined;
const doc = async (): Promise<HarvestDocument> => sessionDocument((meeting ??= await verslagMeeting()), Date.UTC(2026, 10, 21, 22, 30), { ambition: AMBITION });

async function wordXml(d: HarvestDocument) {
  const zip = await JSZip.loadAsync(await renderDocx(d));
  const read = (name: string) => zip.file(name)!.async('string');
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), header: await read('word/header1.xml'), footer: await read('word/footer1.xml') };
}

describe('the harvest as a verslag', () => {
  it('opens with the meeting at a glance: ambition, clusters with counts, the chosen questions, the new small wins', async () => {
    const d = await doc();
    expect(d.glance!.facts).toEqual([['Ambitie', AMBITION]]);
    const md = renderMarkdown(d);
    const glance = md.slice(md.indexOf('## In één oogopslag'), md.indexOf('## Agenda'));
    expect(glance).toContain('- **Klaagmuur** (8 briefjes): Wachtlijsten (3), Regels en formulieren (2), 3 los');
    expect(glance).toContain('1. Hoe kunnen we mantelzorgers eerder bereiken? _(6 stippen)_');
    expect(glance).toContain('- **Koffie-uur voor mantelzorgers**: Elke dinsdag koffie in de buurtkamer');
    expect(glance).toContain('4 interviews in 4 gesprekken; 4 verhalen gedeeld.');
    expect(renderHtml(d)).toMatch(/<section class="glance"><h2>In één oogopslag<\/h2>/);
  });

  it('leaves out a step with nothing to report and an unanswered question, keeping the agenda numbers', async () => {
    const d = await doc();
    const titles = d.parts[0]!.sections.map((s) => `${s.number}. ${s.title}`);
    expect(titles).not.toContain('1. Welkom');
    expect(titles[0]).toBe('2. Klaag- en jubelmuur');
    expect(titles.at(-1)).toBe('7. Terugblik');
    const md = renderMarkdown(d);
    expect(md).not.toContain('Geen antwoorden.');
    expect(md).toContain('_Zonder antwoord: Wat ga je morgen anders doen?_');
  });

  it('Markdown: headings go down one level at a time, and typed line breaks stay', async () => {
    const md = renderMarkdown(await doc());
    const levels = [...md.matchAll(/^(#+) /gm)].map((m) => m[1]!.length);
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0), `heading ${i}`).toBeLessThanOrEqual(1));
    expect(md).toContain('- De huisarts belde zelf terug,  \n  binnen een uur');
    expect(md).toContain('> Wat gaat er niet goed,  \n> en wat gaat al wél goed?');
  });

  it('HTML: typed line breaks stay, headings in sequence', async () => {
    const html = renderHtml(await doc());
    expect(html).toContain('<li>De huisarts belde zelf terug,<br>binnen een uur</li>');
    expect(html).toContain('<h2>2. Klaag- en jubelmuur</h2>');
    expect(html).toContain('<h3>Klaagmuur (8)</h3>');
    expect(html).not.toContain('<h4>Klaagmuur');
  });

  it("Word: real lists, headings sized in order and kept with what follows, page numbers, the running line", async () => {
    const { document, styles, header, footer } = await wordXml(await doc());
    // Word numbers the lists; no typed marker runs into the text.
    expect(document).toContain('<w:numPr>');
    expect(document).not.toMatch(/<w:t[^>]*>(\d+\.|•)\t/);
    const size = (id: string) => Number(new RegExp(`w:styleId="${id}".*?<w:sz w:val="(\\d+)"/>`, 's').exec(styles)![1]);
    expect(size('Heading1')).toBeGreaterThan(size('Heading2'));
    expect(size('Heading2')).toBeGreaterThan(size('Heading3'));
    expect(size('Heading3')).toBeGreaterThanOrEqual(size('Heading4'));
    for (const h of ['Heading1', 'Heading2', 'Heading3', 'Heading4']) expect(new RegExp(`w:styleId="${h}".*?<w:keepNext/>.*?</w:style>`, 's').test(styles), h).toBe(true);
    expect(footer).toMatch(/PAGE.*NUMPAGES/s);
    expect(header).toContain('Jonge mantelzorgers Leiden · Bijeenkomst 3: mantelzorg in de wijk · 21 november 2026');
    // The line break the participant typed is a Word line break.
    expect(document).toMatch(/De huisarts belde zelf terug,<\/w:t><\/w:r><w:r><w:br\/><w:t[^>]*>binnen een uur/);
  });

  it('Word: a cluster name stays on the page with its notes, an interview story with its strengths', async () => {
    const { document } = await wordXml(await doc());
    const paragraphOf = (text: string) => document.slice(document.lastIndexOf('<w:p>', document.indexOf(`>${text}<`)), document.indexOf(`>${text}<`));
    expect(paragraphOf('Wachtlijsten')).toContain('<w:keepNext/>');
    expect(paragraphOf('Verhaal 1: toen mijn vader viel, regelde de buurvrouw de boodschappen.')).toContain('<w:keepNext/>');
  });

  it('Word: a column is never narrower than its longest word', () => {
    const head = ['Small win', 'Fase', 'Aanjaagmechanismen', 'Route', 'Bijeenkomst'];
    const widths = columnWidths(head, [['Koffie-uur: elke dinsdag koffie in de buurtkamer, voor iedereen die wil', 'Reflectie en borging', 'Energizing, Olievlek', 'Verspreiden', 'Bijeenkomst 1']]);
    expect(widths.reduce((a, b) => a + b)).toBe(11906 - 2 * 1417);
    // "Aanjaagmechanismen" (18 characters) gets more than an even fifth, and more than "Fase".
    expect(widths[2]).toBeGreaterThan(18 * 126);
    expect(widths[0]).toBeGreaterThan(widths[1]!);
  });

  it('CSV: local time as the other formats show it, Dutch exercise names, a merged question’s target in its own column', async () => {
    const d = await doc();
    const csv = renderCsv([
      ...d.rows.slice(0, 1),
      { session: 'S', date: '2026-11-21T23:30:00.000Z', step: 'Vragen', kind: 'questions', text: 'Hoe kunnen we sneller?', outcome: 'samengevoegd met: Hoe kunnen we wachtlijsten korter maken?', at: '2026-11-21T23:30:00.000Z' },
    ]);
    const [, first, merged] = csv.split('\r\n');
    expect(first).toMatch(/^Bijeenkomst 3: mantelzorg in de wijk;2026-11-21;Klaag- en jubelmuur;Muur;Klaagmuur;Wachtlijsten;/);
    expect(merged).toBe('S;2026-11-22;Vragen;Ontwerpvragen;;;Hoe kunnen we sneller?;;2026-11-22 00:30;samengevoegd met: Hoe kunnen we wachtlijsten korter maken?');
    expect(renderCsv(d.rows)).not.toMatch(/;(wall|open|questions|vote|interview|smallwin);/);
  });
});
