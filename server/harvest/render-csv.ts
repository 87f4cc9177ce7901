/**
 * The harvest as a spreadsheet: one row per contribution. UTF-8 with a byte
 * order mark, so Excel reads ë and é correctly; separated by semicolons, which
 * Excel with Dutch settings splits into columns on opening (LibreOffice asks).
 */
import { kindLabel } from '../../kinds/strings.js';
import { TIME_ZONE, type CsvRow } from './document.js';
import { SYNTHESIS_KIND, SYNTHESIS_TITLE } from './synthesis-doc.js';

export const CSV_SEPARATOR = ';';
const HEAD = ['Sessie', 'Datum', 'Stap', 'Werkvorm', 'Kolom of vraag', 'Cluster', 'Tekst', 'Stemmen', 'Tijd', 'Uitkomst'];

/**
 * One cell. A cell a spreadsheet would read as a formula (starting with = + - @,
 * or a tab or carriage return that some strip first) gets a leading quote, so
 * participant text can never run as a formula. Quotes are doubled and the cell
 * quoted when it holds the separator, a quote or a line break.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;,"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** "2026-11-21 23:40": the time as the room lived it (the other formats' clock), in a form spreadsheets sort and read as a date. */
const local = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
export const localTime = (iso: string | undefined) => (iso ? local.format(new Date(iso)) : undefined);
export const localDay = (iso: string) => localTime(iso)!.slice(0, 10);

export function renderCsv(rows: readonly CsvRow[]): string {
  const lines = [HEAD.join(CSV_SEPARATOR)];
  for (const r of rows)
    lines.push(
      [r.session, localDay(r.date), r.step, r.kind === SYNTHESIS_KIND ? SYNTHESIS_TITLE : kindLabel(r.kind), r.group, r.cluster, r.text, r.votes, localTime(r.at), r.outcome].map(csvCell).join(CSV_SEPARATOR),
    );
  return csvFile(lines);
}

/** Lines as a file: CRLF as RFC 4180 says; the BOM tells Excel the file is UTF-8. */
export const csvFile = (lines: readonly string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;
