/**
 * How the Word harvest lays out what Word cannot measure for us: table columns as
 * wide as their content asks, on an A4 page with 2.5 cm margins. Left to itself,
 * Word (and LibreOffice) give every column the same width, which breaks a long
 * Dutch word in a narrow column mid-word ("Aanjaagmec|hanismen").
 */

/** A4 (21 cm) less two margins of 2.5 cm (1417 twips, a twip being 1/20 pt). */
export const PAGE_WIDTH = 11906;
export const MARGIN = 1417;
export const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/**
 * A character of 11 pt text in twips, wide enough for bold header text in the wider
 * font LibreOffice falls back to where Calibri is missing (DejaVu Sans).
 */
const CHAR = 150;
/** A cell's left and right padding together, with a little air. */
const PAD = 300;
/** A word longer than this (a pasted link) may wrap anywhere rather than widen its column further. */
const LONGEST_WORD = 28;
/** A column wants no more than this many characters a line. */
const LONGEST_LINE = 60;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Each column's width in twips, summing to `total`: first every column gets room for
 * its longest word, then what is left goes to the columns with the most text.
 */
export function columnWidths(head: readonly string[], rows: readonly (readonly string[])[], total = TEXT_WIDTH): number[] {
  const columns = head.map((h, i) => [h, ...rows.map((r) => r[i] ?? '')]);
  const longest = (texts: string[], split: RegExp) => Math.max(1, ...texts.flatMap((t) => t.split(split).map((w) => w.length)));
  const min = columns.map((c) => Math.min(LONGEST_WORD, longest(c, /\s+/)) * CHAR + PAD);
  const want = columns.map((c, i) => Math.max(min[i]!, Math.min(LONGEST_LINE, longest(c, /\n/)) * CHAR + PAD));
  const [minSum, wantSum] = [sum(min), sum(want)];
  let widths: number[];
  if (minSum >= total) widths = min.map((m) => (m * total) / minSum);
  else if (wantSum <= total) widths = want.map((w) => (w * total) / wantSum);
  else widths = min.map((m, i) => m + ((want[i]! - m) * (total - minSum)) / (wantSum - minSum));
  const rounded = widths.map(Math.floor);
  rounded[rounded.length - 1]! += total - sum(rounded);
  return rounded;
}
