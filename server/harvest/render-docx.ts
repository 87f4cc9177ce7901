/**
 * The harvest as a Word document (made with the `docx` package; LibreOffice and
 * Word both open it), laid out as a verslag: the first page says it all at a
 * glance, then the agenda and each step with its outputs. Lists are Word's own
 * (numbered lists restart at 1 and a number of two digits keeps its space),
 * headings are styled in order and stay with what follows, every page carries
 * the arena, session and date with its page number, and table columns are as
 * wide as their content asks (docx-layout.ts). A chart's bar is one green pixel
 * stretched to its length, so it needs no image rendering and stays crisp.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { cleanStrings } from '../../core/text.js';
import type { HarvestBlock, Inline, ListItem } from '../../kinds/definition.js';
import { shorten } from './chart.js';
import type { DocPart, DocSection, Glance, HarvestDocument, HarvestFiles } from './document.js';
import { columnWidths, MARGIN, TABLE_SIZE, TEXT_WIDTH } from './docx-layout.js';

const GREEN_PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPQz/cHAAG+AO66tJaoAAAAAElFTkSuQmCC', 'base64');
const GREEN = '2F6F4F';
const GREY = '5A5A58';
/** Width of the longest bar, in pixels (96 per inch). */
const BAR_MAX = 260;
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
type Level = 0 | 1 | 2 | 3;

/** Text with the line breaks a participant typed kept as Word line breaks. */
const lines = (text: string, style: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}): TextRun[] =>
  text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, ...style, ...(i ? { break: 1 } : {}) }));

const runs = (text: readonly Inline[]): ParagraphChild[] =>
  text.flatMap((r) => {
    if (typeof r === 'string') return lines(r);
    if ('break' in r) return [new TextRun({ text: '', break: 1 })];
    return lines(r.text, { bold: r.strong, italics: r.note, color: r.note ? GREY : undefined });
  });

const cell = (text: string, width: number, opts: { bold?: boolean; right?: boolean; shade?: boolean } = {}) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: lines(text, { bold: opts.bold, size: TABLE_SIZE }) })],
    ...(opts.shade ? { shading: { fill: 'EEF3F0' } } : {}),
  });

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function chart(b: Extract<HarvestBlock, { type: 'chart' }>): (Paragraph | Table)[] {
  if (!b.bars.length) return [];
  const max = Math.max(1, ...b.bars.map((x) => x.value));
  const [label, bar] = [Math.round(TEXT_WIDTH * 0.45), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.45)];
  const rows = b.bars.map(
    (x) =>
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: label, type: WidthType.DXA }, children: [new Paragraph(shorten(x.label, 60))] }),
          new TableCell({
            width: { size: bar, type: WidthType.DXA },
            children: [
              new Paragraph({
                children: [
                  new ImageRun({ type: 'png', data: GREEN_PIXEL, transformation: { width: Math.max(1, Math.round((x.value / max) * BAR_MAX)), height: 12 } }),
                  new TextRun(`  ${x.value}`),
                ],
              }),
            ],
          }),
        ],
      }),
  );
  return [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: b.title, italics: true })] }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [label, bar], layout: TableLayoutType.FIXED, borders: NO_BORDERS, rows }),
    new Paragraph(''),
  ];
}

function table(b: Extract<HarvestBlock, { type: 'table' }>): (Paragraph | Table)[] {
  const widths = columnWidths(b.head, b.rows);
  const right = (i: number) => b.right?.includes(i);
  return [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: b.head.map((h, i) => cell(h, widths[i]!, { bold: true, shade: true, right: right(i) })) }),
        ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, widths[i]!, { right: right(i) })) })),
      ],
    }),
    new Paragraph(''),
  ];
}

/** Numbered lists restart at 1: each is its own instance of the one numbering. */
class Lists {
  private ordered = 0;

  list(b: Extract<HarvestBlock, { type: 'list' }>): Paragraph[] {
    const instance = b.ordered ? ++this.ordered : 0;
    const checks = b.items.some((i) => i.checked !== undefined);
    return b.items.flatMap((item) => {
      const sub = item.sub ?? [];
      // An item stays on the page with its own sub-items (a story with its strengths), not with the next item.
      const head: IParagraphOptions = checks
        ? { indent: { left: 425, hanging: 425 }, children: [new TextRun(`${item.checked ? '☑' : '☐'}\t`), ...runs(item.text)] }
        : { numbering: { reference: b.ordered ? 'ordered' : 'bullets', level: 0, instance }, children: runs(item.text) };
      return [
        // Set only where true: an arena's harvest has thousands of items, and every attribute is XML to pack.
        new Paragraph(sub.length ? { ...head, keepNext: true } : head),
        ...sub.map((s, i) => new Paragraph({ numbering: { reference: 'bullets', level: 1 }, ...(i < sub.length - 1 ? { keepNext: true } : {}), children: runs(s) })),
      ];
    });
  }
}

/** A paragraph this short right under a heading ("2 small wins om te vieren!") goes with it to the next page rather than stay behind. */
const SHORT = 120;
const plain = (text: readonly Inline[]) => text.map((r) => (typeof r === 'string' ? r : 'text' in r ? r.text : '\n')).join('');

/** Word takes JPEG and PNG; the longest a photo may be on the page, in pixels (96 per inch): A4's text width, two thirds of its height. */
const DOCX_IMAGE = { jpeg: 'jpg', png: 'png' } as const;
const IMAGE_MAX = { width: Math.floor(TEXT_WIDTH / 15), height: 620 };

/** A photo scaled to fit the page, its caption under it in italics; the caption alone (with a note) when Word cannot show it. */
function image(b: Extract<HarvestBlock, { type: 'image' }>, files: HarvestFiles | undefined): Paragraph[] {
  const file = files?.get(b.file);
  const type = file && (file.type === 'image/jpeg' ? DOCX_IMAGE.jpeg : file.type === 'image/png' ? DOCX_IMAGE.png : undefined);
  const scale = Math.min(1, IMAGE_MAX.width / b.width, IMAGE_MAX.height / b.height);
  const caption = new Paragraph({ spacing: { after: 240 }, children: lines(b.caption ?? '', { italics: true, color: GREY }) });
  if (!file || !type) return [new Paragraph({ keepNext: true, children: lines('Foto niet in dit document.', { italics: true, color: GREY }) }), caption];
  const size = { width: Math.max(1, Math.round(b.width * scale)), height: Math.max(1, Math.round(b.height * scale)) };
  return [new Paragraph({ keepNext: true, children: [new ImageRun({ type, data: Buffer.from(file.data), transformation: size, altText: { name: 'Foto', description: b.caption ?? 'Foto', title: b.caption ?? 'Foto' } })] }), caption];
}

function block(b: HarvestBlock, level: Level, lists: Lists, next?: HarvestBlock, first = false, files?: HarvestFiles): (Paragraph | Table)[] {
  switch (b.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[Math.min(3, level + 1)], children: lines(b.text) })];
    case 'paragraph': {
      // A paragraph that introduces a list or table (a cluster's name, "Kenmerken:") stays on its page with it.
      const lead = next?.type === 'list' || next?.type === 'table' || (first && plain(b.text).length < SHORT);
      return [new Paragraph({ ...(lead ? { keepNext: true } : {}), children: runs(b.text) })];
    }
    case 'list':
      return lists.list(b);
    case 'table':
      return table(b);
    case 'chart':
      return chart(b);
    case 'image':
      return image(b, files);
  }
}

const facts = (list: readonly [string, string][]) =>
  list.map(([k, v]) => new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), ...lines(v)] }));

function section(s: DocSection, level: Level, lists: Lists, files?: HarvestFiles): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [new Paragraph({ heading: HEADINGS[level], children: lines(`${s.number ? `${s.number}. ` : ''}${s.title}`) })];
  if (s.prompt) out.push(new Paragraph({ keepNext: true, children: lines(s.prompt, { italics: true }) }));
  s.blocks.forEach((b, i) => out.push(...block(b, level, lists, s.blocks[i + 1], i === 0 || s.blocks[i - 1]!.type === 'heading', files)));
  return out;
}

function part(p: DocPart, first: boolean, lists: Lists, files?: HarvestFiles): (Paragraph | Table)[] {
  const level: Level = p.title ? 1 : 0;
  const out: (Paragraph | Table)[] = [];
  if (p.title) out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: !first, children: lines(p.title) }));
  out.push(...facts(p.facts));
  if (p.agenda) {
    out.push(new Paragraph({ heading: HEADINGS[level], pageBreakBefore: first && !p.title, children: [new TextRun('Agenda')] }));
    out.push(...lists.list({ type: 'list', ordered: true, items: p.agenda.map((s): ListItem => ({ text: [s] })) }));
  }
  for (const s of p.sections) out.push(...section(s, level, lists, files));
  return out;
}

function glance(g: Glance, lists: Lists): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('In één oogopslag')] }), ...facts(g.facts)];
  for (const s of g.sections) out.push(...section(s, 1, lists));
  return out;
}

const heading = (size: number, color = GREEN) => ({
  run: { size, bold: true, color, font: 'Calibri' },
  paragraph: { keepNext: true, keepLines: true, spacing: { before: size * 10, after: 80 } },
});

/** Word's own lists: bullets (a dash one level down) and numbers; the hanging indent fits "10." with its space. */
const NUMBERING = {
  config: [
    {
      reference: 'bullets',
      levels: [
        { level: 0, format: LevelFormat.BULLET, text: '•', style: { paragraph: { indent: { left: 425, hanging: 425 } } } },
        { level: 1, format: LevelFormat.BULLET, text: '–', style: { paragraph: { indent: { left: 850, hanging: 425 } } } },
      ],
    },
    { reference: 'ordered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', style: { paragraph: { indent: { left: 425, hanging: 425 } } } }] },
  ],
};

export async function renderDocx(input: HarvestDocument): Promise<Buffer> {
  // A document is built clean; cleaned once more here, because one control character
  // left in the XML makes a file that Word and LibreOffice refuse to open.
  const doc = cleanStrings(input);
  const lists = new Lists();
  const firstPage = [
    new Paragraph({ spacing: { before: 600 }, children: [new TextRun({ text: doc.subtitle.toUpperCase(), color: GREEN, size: 22 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: lines(doc.title) }),
    ...facts(doc.facts),
    ...(doc.glance ? glance(doc.glance, lists) : []),
  ];
  const body = doc.parts.flatMap((p, i) => part(p, i === 0, lists, input.files));
  // The running line heads every page; the page number is at its foot, where a reader looks for it.
  const header = new Header({ children: [new Paragraph({ style: 'Running', children: [new TextRun(doc.running ?? `${doc.subtitle}: ${doc.title}`)] })] });
  const footer = new Footer({
    children: [
      // Sized by the paragraph's style: LibreOffice draws a page-number field in the paragraph's size, not the run's.
      new Paragraph({ style: 'Running', alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES] })] }),
    ],
  });
  const document = new Document({
    creator: 'Oogst',
    title: `${doc.subtitle}: ${doc.title}`,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22 }, paragraph: { spacing: { after: 80 } } },
        title: { run: { size: 48, bold: true, font: 'Calibri' }, paragraph: { spacing: { after: 240 } } },
        heading1: heading(32),
        heading2: heading(26),
        heading3: heading(23, '1D1D1B'),
        heading4: heading(22, '1D1D1B'),
      },
      paragraphStyles: [{ id: 'Running', name: 'Running line', basedOn: 'Normal', run: { size: 17, color: GREY }, paragraph: { spacing: { after: 0 } } }],
    },
    numbering: NUMBERING,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 } } },
        headers: { default: header },
        footers: { default: footer },
        children: [...firstPage, ...body],
      },
    ],
  });
  return Packer.toBuffer(document);
}
