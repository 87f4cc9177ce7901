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
/** Tables are set in 10 pt (half-points, as Word counts), as the printable page sets them. */
export const TABLE_SIZE = 20;
/**
 * An average character of 10 pt text in twips, regular and bold (the header row), wide
 * enough for the font LibreOffice falls back to where Calibri is missing (DejaVu Sans,
 * a good deal wider): a column sized for it fits its longest word in either.
 */
const CHAR = 120;
const BOLD = 140;
/** A cell's left and right margins together (108 twips each), with a little air. */
const PAD = 240;
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
  const longest = (texts: readonly string[], split: RegExp, cap: number) => Math.min(cap, Math.max(0, ...texts.flatMap((t) => t.split(split).map((w) => w.length))));
  /** The room a column's header (bold) and cells need for their longest piece. */
  const need = (i: number, split: RegExp, cap: number) =>
    Math.max(longest([head[i]!], split, cap) * BOLD, longest(rows.map((r) => r[i] ?? ''), split, cap) * CHAR) + PAD;
  const min = head.map((_, i) => need(i, /\s+/, LONGEST_WORD));
  const want = head.map((_, i) => Math.max(min[i]!, need(i, /\n/, LONGEST_LINE)));
  const [minSum, wantSum] = [sum(min), sum(want)];
  let widths: number[];
  if (minSum >= total) widths = min.map((m) => (m * total) / minSum);
  else if (wantSum <= total) widths = want.map((w) => (w * total) / wantSum);
  else widths = min.map((m, i) => m + ((want[i]! - m) * (total - minSum)) / (wantSum - minSum));
  const rounded = widths.map(Math.floor);
  rounded[rounded.length - 1]! += total - sum(rounded);
  return rounded;
}
