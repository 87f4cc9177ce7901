/**
 * The harvest as a printable page (A4): the facilitator opens it and saves it as
 * PDF from the browser. One self-contained file, so it also works when opened
 * from disk: its one stylesheet is inline and allowed by hash in the page's
 * Content-Security-Policy (sent as a header and repeated in a meta tag); there
 * is no script. Charts are inline SVG drawn on the server. A word longer than
 * a line (a pasted link, a key held down) wraps anywhere, in tables too, so the
 * page never grows wider than the paper or the window.
 */
import { createHash } from 'node:crypto';
import type { HarvestBlock, Inline } from '../../kinds/definition.js';
import { barChartSvg } from './chart.js';
import type { DocPart, DocSection, Glance, HarvestDocument, HarvestFiles } from './document.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Participant text with the line breaks they typed kept. */
const escLines = (s: string) => esc(s).replace(/\r?\n/g, '<br>');

const CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
:root { color: #1d1d1b; font: 11pt/1.45 "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
body { max-width: 178mm; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
header.title { border-bottom: 3px solid #2f6f4f; margin-bottom: 1.5rem; padding-bottom: .5rem; }
header.title p.kind { color: #2f6f4f; text-transform: uppercase; letter-spacing: .08em; font-size: 9pt; margin: 0; }
h1 { font-size: 22pt; margin: .2rem 0 .6rem; }
h2 { font-size: 16pt; margin: 2rem 0 .6rem; color: #2f6f4f; }
h3 { font-size: 13pt; margin: 1.4rem 0 .4rem; }
h4 { font-size: 11pt; margin: 1rem 0 .3rem; }
h5 { font-size: 10.5pt; margin: .8rem 0 .2rem; }
h2, h3, h4, h5 { break-after: avoid; }
section.glance { border: 1px solid #c9d8cf; background: #f6f9f7; padding: .2rem 1rem .6rem; margin-bottom: 1.5rem; break-after: page; }
section.glance h2 { margin-top: .8rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
blockquote { margin: .3rem 0 .8rem; padding-left: .8rem; border-left: 3px solid #c9d8cf; color: #4a4a48; }
.note { color: #5a5a58; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: 10pt; }
th, td { border: 1px solid #c9c9c5; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef3f0; }
td.num, th.num { text-align: right; }
tr, li, figure { break-inside: avoid; }
ul.checks { list-style: none; padding-left: .4rem; }
figure { margin: .4rem 0 1rem; }
figure svg, figure img { max-width: 100%; height: auto; }
figure img { display: block; max-height: 200mm; width: auto; border: 1px solid #c9c9c5; }
figure.picture figcaption { margin: .3rem 0 0; }
figcaption { font-style: italic; color: #4a4a48; margin-bottom: .3rem; }
section.part + section.part { break-before: page; }
footer { margin-top: 2rem; border-top: 1px solid #c9c9c5; color: #5a5a58; font-size: 9pt; }
@media print { body { margin: 0; padding: 0; max-width: none; } }
`;

/** The stylesheet's hash, for the Content-Security-Policy of the page. */
export const HTML_STYLE_HASH = `'sha256-${createHash('sha256').update(CSS).digest('base64')}'`;
export const HTML_CSP = `default-src 'none'; style-src ${HTML_STYLE_HASH}; img-src data:; base-uri 'none'; form-action 'none'`;

function inline(runs: readonly Inline[]): string {
  return runs
    .map((r) => {
      if (typeof r === 'string') return escLines(r);
      if ('break' in r) return '<br>';
      return r.strong ? `<strong>${escLines(r.text)}</strong>` : `<span class="note">${escLines(r.text)}</span>`;
    })
    .join('');
}

type Level = 2 | 3 | 4;

/** An image, its bytes inline (the page stands alone), with its caption under it; the caption alone when its file is missing. */
function image(b: Extract<HarvestBlock, { type: 'image' }>, files: HarvestFiles | undefined): string {
  const file = files?.get(b.file);
  const caption = b.caption ? `<figcaption>${escLines(b.caption)}</figcaption>` : '';
  if (!file) return `<figure class="picture"><p class="note">Foto niet meegeleverd.</p>${caption}</figure>`;
  const src = `data:${file.type};base64,${Buffer.from(file.data).toString('base64')}`;
  return `<figure class="picture"><img src="${src}" width="${b.width}" height="${b.height}" alt="${esc(b.caption ?? 'Foto')}">${caption}</figure>`;
}

/** `level`: the step's heading; its own sub-headings are one below. */
function block(b: HarvestBlock, level: Level, files?: HarvestFiles): string {
  switch (b.type) {
    case 'heading':
      return `<h${level + 1}>${esc(b.text)}</h${level + 1}>`;
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const checks = b.items.some((i) => i.checked !== undefined);
      const items = b.items.map((i) => {
        const box = i.checked === undefined ? '' : i.checked ? '☑ ' : '☐ ';
        const sub = i.sub?.length ? `<ul>${i.sub.map((s) => `<li>${inline(s)}</li>`).join('')}</ul>` : '';
        return `<li>${box}${inline(i.text)}${sub}</li>`;
      });
      return `<${tag}${checks ? ' class="checks"' : ''}>${items.join('')}</${tag}>`;
    }
    case 'table': {
      const cls = (i: number) => (b.right?.includes(i) ? ' class="num"' : '');
      const head = `<tr>${b.head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr>`;
      const rows = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escLines(c)}</td>`).join('')}</tr>`).join('');
      return `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`;
    }
    case 'chart':
      return b.bars.length ? `<figure><figcaption>${esc(b.title)}</figcaption>${barChartSvg(b.title, b.bars)}</figure>` : '';
    case 'image':
      return image(b, files);
  }
}

const facts = (list: readonly [string, string][]) =>
  list.length ? `<dl class="facts">${list.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>` : '';

function section(s: DocSection, level: Level, files?: HarvestFiles): string[] {
  const out = [`<h${level}>${s.number ? `${s.number}. ` : ''}${esc(s.title)}</h${level}>`];
  if (s.prompt) out.push(`<blockquote>${escLines(s.prompt)}</blockquote>`);
  out.push(...s.blocks.map((b) => block(b, level, files)));
  return out;
}

function part(p: DocPart, level: Level, files?: HarvestFiles): string {
  const out: string[] = [facts(p.facts)];
  if (p.agenda) out.push(`<h${level}>Agenda</h${level}><ol>${p.agenda.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>`);
  for (const s of p.sections) out.push(...section(s, level, files));
  return out.join('\n');
}

function glance(g: Glance): string {
  const out = ['<section class="glance"><h2>In één oogopslag</h2>', facts(g.facts)];
  for (const s of g.sections) out.push(...section(s, 3));
  return `${out.join('\n')}</section>`;
}

export function renderHtml(doc: HarvestDocument): string {
  const parts = doc.parts.map((p) =>
    p.title ? `<section class="part"><h2>${esc(p.title)}</h2>\n${part(p, 3, doc.files)}</section>` : `<section>${part(p, 2, doc.files)}</section>`,
  );
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<title>${esc(doc.subtitle)}: ${esc(doc.title)}</title>
<style>${CSS}</style></head>
<body><header class="title"><p class="kind">${esc(doc.subtitle)}</p><h1>${esc(doc.title)}</h1>${facts(doc.facts)}</header>
${doc.glance ? glance(doc.glance) : ''}
${parts.join('\n')}
<footer><p>${esc(doc.subtitle)}: ${esc(doc.title)}, gemaakt met Oogst.</p></footer>
</body></html>
`;
}
