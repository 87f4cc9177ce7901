/**
 * The harvest as a Word document (made with the `docx` package; LibreOffice and
 * Word both open it): a title page, the agenda, each step with its outputs as
 * headings, lists and tables, and charts as bars. A bar is one green pixel
 * stretched to its length, so the chart needs no image rendering and stays
 * crisp; label and figure sit beside it in a table row, readable in any viewer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { cleanStrings } from '../../core/text.js';
import type { HarvestBlock, Inline } from '../../kinds/definition.js';
import { shorten } from './chart.js';
import type { DocPart, HarvestDocument } from './document.js';

const GREEN_PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPQz/cHAAG+AO66tJaoAAAAAElFTkSuQmCC', 'base64');
const HANGING = { left: 360, hanging: 360 };
/** Width of the longest bar, in pixels (96 per inch). */
const BAR_MAX = 260;

const runs = (text: readonly Inline[]): ParagraphChild[] =>
  text.map((r) => {
    if (typeof r === 'string') return new TextRun(r);
    if ('break' in r) return new TextRun({ text: '', break: 1 });
    return new TextRun({ text: r.text, bold: r.strong, italics: r.note, color: r.note ? '5A5A58' : undefined });
  });

const cell = (text: string, opts: { bold?: boolean; right?: boolean; shade?: boolean } = {}) =>
  new TableCell({
    children: [new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: opts.bold })] })],
    ...(opts.shade ? { shading: { fill: 'EEF3F0' } } : {}),
  });

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function chart(b: Extract<HarvestBlock, { type: 'chart' }>): (Paragraph | Table)[] {
  if (!b.bars.length) return [];
  const max = Math.max(1, ...b.bars.map((x) => x.value));
  const rows = b.bars.map(
    (bar) =>
      new TableRow({
        children: [
          new TableCell({ width: { size: 45, type: WidthType.PERCENTAGE }, children: [new Paragraph(shorten(bar.label, 60))] }),
          new TableCell({
            width: { size: 55, type: WidthType.PERCENTAGE },
            children: [
              new Paragraph({
                children: [
                  new ImageRun({ type: 'png', data: GREEN_PIXEL, transformation: { width: Math.max(1, Math.round((bar.value / max) * BAR_MAX)), height: 12 } }),
                  new TextRun(`  ${bar.value}`),
                ],
              }),
            ],
          }),
        ],
      }),
  );
  return [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: b.title, italics: true })] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows }),
    new Paragraph(''),
  ];
}

function block(b: HarvestBlock): (Paragraph | Table)[] {
  switch (b.type) {
    case 'heading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_4, keepNext: true, children: [new TextRun(b.text)] })];
    case 'paragraph':
      return [new Paragraph({ children: runs(b.text) })];
    case 'list':
      // The marker is text before a hanging indent, not Word numbering: it looks the same,
      // and packs in half the time, which counts for an arena with thousands of notes.
      return b.items.flatMap((item, i) => [
        new Paragraph({
          indent: HANGING,
          children: [
            new TextRun(`${b.ordered ? `${i + 1}.` : '•'}\t${item.checked === undefined ? '' : item.checked ? '☑ ' : '☐ '}`),
            ...runs(item.text),
          ],
        }),
        ...(item.sub ?? []).map((sub) => new Paragraph({ indent: { left: 720, hanging: 360 }, children: [new TextRun('–\t'), ...runs(sub)] })),
      ]);
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.head.map((h, i) => cell(h, { bold: true, shade: true, right: b.right?.includes(i) })) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, { right: b.right?.includes(i) })) })),
          ],
        }),
        new Paragraph(''),
      ];
    case 'chart':
      return chart(b);
  }
}

const facts = (list: readonly [string, string][]) =>
  list.map(([k, v]) => new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] }));

function part(p: DocPart, first: boolean): (Paragraph | Table)[] {
  const [h1, h2] = p.title ? [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] : [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2];
  const out: (Paragraph | Table)[] = [];
  if (p.title) out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: !first, children: [new TextRun(p.title)] }));
  out.push(...facts(p.facts));
  if (p.agenda) {
    out.push(new Paragraph({ heading: h1, children: [new TextRun('Agenda')] }));
    p.agenda.forEach((s, i) => out.push(new Paragraph({ indent: HANGING, children: [new TextRun(`${i + 1}.\t${s}`)] })));
  }
  p.sections.forEach((s, i) => {
    out.push(new Paragraph({ heading: p.title ? h2 : h1, keepNext: true, children: [new TextRun(`${p.agenda ? `${i + 1}. ` : ''}${s.title}`)] }));
    if (s.prompt) out.push(new Paragraph({ children: [new TextRun({ text: s.prompt, italics: true })] }));
    out.push(...s.blocks.flatMap(block));
  });
  return out;
}

export async function renderDocx(input: HarvestDocument): Promise<Buffer> {
  // A document is built clean; cleaned once more here, because one control character
  // left in the XML makes a file that Word and LibreOffice refuse to open.
  const doc = cleanStrings(input);
  const titlePage = [
    new Paragraph({ spacing: { before: 2400 }, children: [new TextRun({ text: doc.subtitle.toUpperCase(), color: '2F6F4F', size: 22 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    ...facts(doc.facts),
  ];
  const body = doc.parts.flatMap((p, i) => part(p, i === 0));
  body.unshift(new Paragraph({ pageBreakBefore: true, children: [] }));
  const document = new Document({
    creator: 'Oogst',
    title: `${doc.subtitle}: ${doc.title}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: [...titlePage, ...body] }],
  });
  return Packer.toBuffer(document);
}
