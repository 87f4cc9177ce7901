/**
 * The harvest as Markdown: readable as plain text, and by any Markdown viewer.
 * Headings go down one level at a time (the title #, a step ##, its sub-headings ###),
 * and line breaks a participant typed stay line breaks.
 */
import type { HarvestBlock, Inline, ListItem } from '../../kinds/definition.js';
import type { DocPart, DocSection, Glance, HarvestDocument } from './document.js';

/** Participant text on one line (a heading, a table cell), with no character that would turn into markup. */
export function mdInline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** Participant text that may span lines: each typed line break a hard break, indented to stay inside its list item. */
const mdLines = (text: string, indent: string) =>
  text
    .split(/\s*\n\s*/)
    .map(mdInline)
    .join(`  \n${indent}`);

export function inlineMarkdown(runs: readonly Inline[], indent = ''): string {
  return runs
    .map((r) => {
      if (typeof r === 'string') return mdLines(r, indent);
      if ('break' in r) return `  \n${indent}`;
      if (r.strong) return `**${mdInline(r.text)}**`;
      return `_${mdInline(r.text)}_`;
    })
    .join('');
}

const listItem = (item: ListItem, marker: string) => {
  const indent = ' '.repeat(marker.length + 1);
  return [
    `${marker} ${item.checked === undefined ? '' : item.checked ? '[x] ' : '[ ] '}${inlineMarkdown(item.text, indent)}`,
    ...(item.sub ?? []).map((sub) => `${indent}- ${inlineMarkdown(sub, `${indent}  `)}`),
  ].join('\n');
};

function block(b: HarvestBlock, heading: string): string {
  switch (b.type) {
    case 'heading':
      return `${heading} ${mdInline(b.text)}`;
    case 'paragraph':
      return inlineMarkdown(b.text);
    case 'list':
      return b.items.map((item, i) => listItem(item, b.ordered ? `${i + 1}.` : '-')).join('\n');
    case 'table': {
      const align = b.head.map((_, i) => (b.right?.includes(i) ? '---:' : '---'));
      return [b.head, align, ...b.rows].map((row, i) => `| ${row.map((c) => (i === 1 ? c : mdInline(c))).join(' | ')} |`).join('\n');
    }
    case 'chart':
      // A table with the same figures always stands next to a chart; plain text needs no picture.
      return '';
    case 'image':
      // Plain text holds no picture: the caption, and where the photo is.
      return `- ${b.caption ? mdInline(b.caption) : 'Foto zonder onderschrift'} _(foto in de Word- en printversie van de oogst)_`;
  }
}

/** A step's blocks as Markdown; `heading` is the level of their own sub-headings. */
export const blocksMarkdown = (blocks: readonly HarvestBlock[], heading = '###') =>
  blocks
    .map((b) => block(b, heading))
    .filter(Boolean)
    .map((s) => `${s}\n`)
    .join('\n');

const factLines = (facts: readonly [string, string][]) => facts.map(([k, v], i) => `**${k}:** ${mdInline(v)}${i < facts.length - 1 ? '  ' : ''}`);

function section(s: DocSection, level: string): string[] {
  const out = [`${level} ${s.number ? `${s.number}. ` : ''}${mdInline(s.title)}`, ''];
  if (s.prompt) out.push(`> ${s.prompt.replace(/\n/g, '  \n> ')}`, '');
  const body = blocksMarkdown(s.blocks, `${level}#`);
  if (body) out.push(body.trimEnd(), '');
  return out;
}

function part(p: DocPart, level: string): string[] {
  const out: string[] = [];
  if (p.facts.length) out.push(...factLines(p.facts), '');
  if (p.agenda) out.push(`${level} Agenda`, '', ...p.agenda.map((s, i) => `${i + 1}. ${mdInline(s)}`), '');
  for (const s of p.sections) out.push(...section(s, level));
  return out;
}

function glance(g: Glance): string[] {
  const out = ['## In één oogopslag', '', ...(g.facts.length ? [...factLines(g.facts), ''] : [])];
  for (const s of g.sections) out.push(...section(s, '###'));
  return out;
}

export function renderMarkdown(doc: HarvestDocument): string {
  const out = [`# ${mdInline(doc.title)}`, '', ...factLines(doc.facts), ''];
  if (doc.glance) out.push(...glance(doc.glance));
  for (const p of doc.parts) {
    if (p.title) out.push(`## ${mdInline(p.title)}`, '', ...part(p, '###'));
    else out.push(...part(p, '##'));
  }
  out.push('---', '', `_${doc.subtitle}: ${mdInline(doc.title)}, gemaakt met Oogst._`, '');
  return out.join('\n');
}
