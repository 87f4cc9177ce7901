/** The harvest's renderers on their own: what a spreadsheet, a browser and Markdown make of hostile participant text. */
import { describe, expect, it } from 'vitest';
import type { HarvestDocument } from '../../server/harvest/document.js';
import { csvCell, renderCsv } from '../../server/harvest/render-csv.js';
import { HTML_STYLE_HASH, renderHtml } from '../../server/harvest/render-html.js';
import { renderDocx } from '../../server/harvest/render-docx.js';
import { blocksMarkdown } from '../../server/harvest/render-markdown.js';
import { jpegHeader } from '../helpers/images.js';

const doc = (text: string): HarvestDocument => ({
  title: 'Sessie <b>',
  subtitle: 'Oogst van de bijeenkomst',
  facts: [['Arena', 'A & B']],
  parts: [{ facts: [], agenda: ['Muur'], sections: [{ title: 'Muur', blocks: [{ type: 'list', items: [{ text: [text] }] }, { type: 'chart', title: 'Stemmen', bars: [{ label: text, value: 2 }] }] }] }],
  rows: [{ session: 'S', date: '2026-11-21T10:00:00.000Z', step: 'Muur', kind: 'wall', text }],
});

describe('the harvest renderers', () => {
  it('CSV: defuses every formula start, quotes what needs it, keeps numbers as numbers', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`)).toMatch(/^"?'/);
    expect(csvCell('gewoon')).toBe('gewoon');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('zei "nee"')).toBe('"zei ""nee"""');
    expect(csvCell('twee\nregels')).toBe('"twee\nregels"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(undefined)).toBe('');
    const file = renderCsv(doc('=SUM(A1)').rows);
    expect(file.startsWith('\uFEFFSessie;')).toBe(true);
    expect(file).toContain(";'=SUM(A1);");
    expect(file.endsWith('\r\n')).toBe(true);
  });

  it('HTML: participant text stays text, in the page and in the SVG; the style is the hashed one', () => {
    const html = renderHtml(doc('<script>alert(1)</script> & <img src=x onerror=y>'));
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#60;img src=x onerror=y&#62;');
    expect(html).toContain('<title>Oogst van de bijeenkomst: Sessie &#60;b&#62;</title>');
    expect(html).toContain(`style-src ${HTML_STYLE_HASH}`);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('Markdown: a note cannot become a heading, a link or a table cell', () => {
    const md = blocksMarkdown([
      { type: 'list', items: [{ text: ['# kop [link](http://x) | cel'] }] },
      { type: 'table', head: ['Tekst'], rows: [['a | b']] },
    ]);
    expect(md).toContain('- \\# kop \\[link\\](http://x) \\| cel');
    expect(md).toContain('| a \\| b |');
  });

  it('an image: inline in the page with its caption as text, embedded in Word, its caption in Markdown; a missing file leaves the caption', async () => {
    const jpeg = jpegHeader(1600, 1200);
    const blocks = [
      { type: 'image' as const, file: 'f1', width: 1600, height: 1200, caption: '<img src=x onerror=y> flap' },
      { type: 'image' as const, file: 'weg', width: 10, height: 10, caption: 'Verdwenen' },
    ];
    const withImages: HarvestDocument = { ...doc('x'), parts: [{ facts: [], sections: [{ title: 'Verbeelden', blocks }] }], files: new Map([['f1', { type: 'image/jpeg', data: jpeg }]]) };
    const html = renderHtml(withImages);
    expect(html).toContain(`<img src="data:image/jpeg;base64,${jpeg.toString('base64')}" width="1600" height="1200" alt="&#60;img src=x onerror=y&#62; flap">`);
    expect(html).toContain('<figcaption>&#60;img src=x onerror=y&#62; flap</figcaption>');
    expect(html).toContain('Foto niet meegeleverd.');
    expect(blocksMarkdown(blocks)).toContain('- \\<img src=x onerror=y\\> flap _(foto in de Word- en printversie van de oogst)_');
    const docx = await renderDocx(withImages);
    expect(docx.includes(Buffer.from('word/media/'))).toBe(true);
    expect((await renderDocx({ ...withImages, files: new Map() })).includes(Buffer.from('word/media/'))).toBe(false);
  });
});
