/** The harvest as Markdown: readable as plain text, and by any Markdown viewer. */
import type { HarvestBlock, Inline, ListItem } from '../../kinds/definition.js';
import type { DocPart, HarvestDocument } from './document.js';

/** Participant text inside Markdown: one line, and no character that would turn into markup. */
export function mdInline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function inlineMarkdown(runs: readonly Inline[]): string {
  return runs
    .map((r) => {
      if (typeof r === 'string') return mdInline(r);
      if ('break' in r) return '  \n';
      if (r.strong) return `**${mdInline(r.text)}**`;
      return `_${mdInline(r.text)}_`;
    })
    .join('');
}

const listItem = (item: ListItem, marker: string) =>
  [
    `${marker} ${item.checked === undefined ? '' : item.checked ? '[x] ' : '[ ] '}${inlineMarkdown(item.text)}`,
    ...(item.sub ?? []).map((sub) => `   - ${inlineMarkdown(sub)}`),
  ].join('\n');

function block(b: HarvestBlock): string {
  switch (b.type) {
    case 'heading':
      return `#### ${mdInline(b.text)}`;
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
  }
}

/** A step's blocks as Markdown. */
export const blocksMarkdown = (blocks: readonly HarvestBlock[]) =>
  blocks
    .map(block)
    .filter(Boolean)
    .map((s) => `${s}\n`)
    .join('\n');

const factLines = (facts: readonly [string, string][]) => facts.map(([k, v], i) => `**${k}:** ${mdInline(v)}${i < facts.length - 1 ? '  ' : ''}`);

function part(p: DocPart, level: string): string[] {
  const out: string[] = [];
  if (p.facts.length) out.push(...factLines(p.facts), '');
  if (p.agenda) out.push(`${level} Agenda`, '', ...p.agenda.map((s, i) => `${i + 1}. ${mdInline(s)}`), '');
  p.sections.forEach((section, i) => {
    out.push(`${level} ${p.agenda ? `${i + 1}. ` : ''}${mdInline(section.title)}`, '');
    if (section.prompt) out.push(`> ${section.prompt.replace(/\n/g, '\n> ')}`, '');
    const body = blocksMarkdown(section.blocks);
    if (body) out.push(body.trimEnd(), '');
  });
  return out;
}

export function renderMarkdown(doc: HarvestDocument): string {
  const out = [`# ${mdInline(doc.title)}`, '', ...factLines(doc.facts), ''];
  for (const p of doc.parts) {
    if (p.title) out.push(`## ${mdInline(p.title)}`, '', ...part(p, '###'));
    else out.push(...part(p, '##'));
  }
  out.push('---', '', `_${doc.subtitle}: ${mdInline(doc.title)}, gemaakt met Oogst._`, '');
  return out.join('\n');
}
