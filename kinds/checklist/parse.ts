/**
 * The arena's own wat-werkt checklist, uploaded on the arena page as YAML or CSV
 * and turned into the items a checklist step takes (`items: arena`). Server only:
 * the arena page sends the text, and shows what the server kept.
 *
 * YAML: a list of items (`{ id?, text, explanation?, source? }`, or just the text),
 * or a mapping with such a list under `items`. CSV: a header row naming the columns
 * (`id`, `text`, `explanation`, `source`, or in Dutch `tekst`, `toelichting`,
 * `bron`), separated by commas or semicolons, quoted fields as spreadsheets write
 * them. Every problem is refused in Dutch, with the line it is on.
 */
import { isMap, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import { RESERVED_IDS } from '../ids.js';
import { ITEM_LIMITS, MAX_ITEMS, type ArenaList, type ChecklistItem } from './schema.js';

/** The most characters an upload holds: 60 items with long explanations and links fit easily. */
export const MAX_LIST_CHARS = 100_000;

type Parsed = { value: ArenaList } | { error: string };
/** One item as read, before it is checked: its fields and the line it starts on. */
interface Raw {
  line: number;
  fields: Record<string, unknown>;
}

const FIELDS: Record<string, keyof ChecklistItem> = {
  id: 'id',
  text: 'text',
  tekst: 'text',
  explanation: 'explanation',
  toelichting: 'explanation',
  source: 'source',
  bron: 'source',
};
const known = (name: string) => Object.keys(FIELDS).includes(name);
const FIELD_LIST = 'id, text, explanation, source (of: tekst, toelichting, bron)';
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A source link a browser can open safely: https, a host name with a dot, no user or password. */
export function badSource(source: string): boolean {
  let url: URL | undefined;
  try {
    url = new URL(source);
  } catch {
    url = undefined;
  }
  return url?.protocol !== 'https:' || !url.hostname.includes('.') || !!url.username || !!url.password || /[\s<>"]/.test(source);
}

/** The uploaded text as the arena's checklist, or what is wrong with it. */
export function parseChecklist(text: string): Parsed {
  const clean = text.replace(/^\uFEFF/, '');
  if (clean.length > MAX_LIST_CHARS) return { error: `De lijst is te lang: hooguit ${MAX_LIST_CHARS} tekens.` };
  const rows = looksLikeCsv(clean) ? csvItems(clean) : yamlItems(clean);
  return 'error' in rows ? rows : checkedItems(rows);
}

/** CSV when the first filled line is a header with a comma or semicolon that names the text column. */
function looksLikeCsv(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return /[,;]/.test(first) && first.split(/[,;]/).some((cell) => ['text', 'tekst'].includes(cell.trim().replace(/^"|"$/g, '').toLowerCase()));
}

/** RFC 4180 records, each with the line it starts on; quotes may hold separators, quotes ("") and line breaks. */
export function csvRecords(text: string, separator: string): { line: number; cells: string[] }[] | { error: string } {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      records.push({ line: start, cells: [...cells, cell] });
      cells = [];
      cell = '';
      start = ++line;
    } else cell += c;
  }
  if (quoted) return { error: `Regel ${start}: een veld begint met een aanhalingsteken (") dat nergens wordt gesloten.` };
  records.push({ line: start, cells: [...cells, cell] });
  return records.filter((r) => r.cells.some((c) => c.trim()));
}

function csvItems(text: string): Raw[] | { error: string } {
  const header = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const separator = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = csvRecords(text, separator);
  if ('error' in records) return records;
  const [head, ...rows] = records;
  const columns = head!.cells.map((c) => c.trim().toLowerCase());
  const unknown = columns.find((c) => !known(c));
  if (unknown !== undefined) return { error: `Regel ${head!.line}: onbekende kolom "${unknown.slice(0, 40)}". De kolommen zijn: ${FIELD_LIST}.` };
  const twice = columns.find((c, i) => columns.findIndex((d) => FIELDS[d] === FIELDS[c]) !== i);
  if (twice !== undefined) return { error: `Regel ${head!.line}: de kolom "${twice}" staat er twee keer.` };
  const raws: Raw[] = [];
  for (const { line, cells } of rows) {
    if (cells.length > columns.length) return { error: `Regel ${line}: meer velden (${cells.length}) dan kolommen in de kopregel (${columns.length}). Zet een tekst met een scheidingsteken tussen aanhalingstekens.` };
    raws.push({ line, fields: Object.fromEntries(columns.map((c, i) => [FIELDS[c]!, cells[i] ?? ''])) });
  }
  return raws;
}

function yamlItems(text: string): Raw[] | { error: string } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return { error: `Regel ${e.linePos?.[0]?.line ?? 1}: dit is geen geldige YAML of CSV (${e.message.split('\n')[0]!.slice(0, 120)}).` };
  }
  const list = isMap(doc.contents) ? doc.contents.get('items', true) : doc.contents;
  if (!isSeq(list)) return { error: 'Verwacht een lijst van items (of "items:" met een lijst eronder), of een CSV met een kopregel id,text,explanation,source.' };
  const raws: Raw[] = [];
  for (const node of list.items) {
    const line = isNode(node) && node.range ? counter.linePos(node.range[0]).line : 1;
    let value: unknown;
    try {
      value = isNode(node) ? node.toJS(doc, { maxAliasCount: 0 }) : node;
    } catch {
      return { error: `Regel ${line}: verwijzingen in YAML (& en *) kan een checklist niet gebruiken; schrijf de tekst voluit.` };
    }
    if (typeof value === 'string') raws.push({ line, fields: { text: value } });
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const fields: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        if (!known(key)) return { error: `Regel ${line}: onbekend veld "${key.slice(0, 40)}". De velden zijn: ${FIELD_LIST}.` };
        fields[FIELDS[key]!] = v;
      }
      raws.push({ line, fields });
    } else return { error: `Regel ${line}: een item is een tekst, of velden als text: en explanation:.` };
  }
  return raws;
}

/** A readable id from the text: "Samen met de doelgroep" → "samen-met-de-doelgroep". */
function idFrom(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 36)
    .replace(/-+$/, '');
  return !slug ? 'element' : (RESERVED_IDS as readonly string[]).includes(slug) ? `${slug}-1` : slug;
}

const textOf = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).replace(/\s+/g, ' ').trim() : undefined);

function checkedItems(raws: Raw[]): Parsed {
  if (!raws.length) return { error: 'De lijst is leeg: zet er ten minste één werkzaam element in.' };
  if (raws.length > MAX_ITEMS) return { error: `De lijst heeft ${raws.length} items; een checklist heeft er hooguit ${MAX_ITEMS}.` };
  const items: ChecklistItem[] = [];
  const given = new Map<string, number>();
  for (const { line, fields } of raws) {
    const [id, text, explanation, source] = (['id', 'text', 'explanation', 'source'] as const).map((f) => textOf(fields[f]));
    if (!text) return { error: `Regel ${line}: dit item heeft geen tekst (kolom of veld "text").` };
    if (text.length > ITEM_LIMITS.text) return { error: `Regel ${line}: de tekst is ${text.length} tekens; hooguit ${ITEM_LIMITS.text}.` };
    if (explanation && explanation.length > ITEM_LIMITS.explanation) return { error: `Regel ${line}: de toelichting is ${explanation.length} tekens; hooguit ${ITEM_LIMITS.explanation}.` };
    if (source && (source.length > ITEM_LIMITS.source || badSource(source))) return { error: `Regel ${line}: de bron moet een webadres zijn dat begint met https://, bijvoorbeeld https://www.movisie.nl/…` };
    if (id && (!ID.test(id) || (RESERVED_IDS as readonly string[]).includes(id)))
      return { error: `Regel ${line}: het id "${id.slice(0, 40)}" mag alleen kleine letters, cijfers en streepjes hebben (hooguit 40 tekens), of laat het leeg.` };
    if (id && given.has(id)) return { error: `Regel ${line}: het id "${id}" staat ook op regel ${given.get(id)}; elk item heeft een eigen id.` };
    if (id) given.set(id, line);
    items.push({ id: id ?? '', text, ...(explanation ? { explanation } : {}), ...(source ? { source } : {}) });
  }
  // Items without an id get one from their text, unique beside the ids given.
  const taken = new Set(given.keys());
  for (const item of items) {
    if (item.id) continue;
    const base = idFrom(item.text);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    item.id = id;
  }
  return { value: { items } };
}
