/**
 * A horizontal bar chart as SVG, drawn on the server for the printable harvest:
 * one bar per item, the label above it and the figure behind it. Honest and
 * plain: bars start at zero and share one scale. Text is escaped for XML.
 */
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const WIDTH = 640;
const ROW = 38;
const LABEL_CHARS = 80;

export const shorten = (s: string, n = LABEL_CHARS) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

export function barChartSvg(title: string, bars: readonly { label: string; value: number }[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const barSpace = WIDTH - 60;
  const height = bars.length * ROW + 8;
  const rows = bars.map((b, i) => {
    const y = i * ROW;
    const w = Math.round((b.value / max) * barSpace);
    return (
      `<text x="0" y="${y + 13}" font-size="12" fill="#222">${xml(shorten(b.label))}</text>` +
      `<rect x="0" y="${y + 18}" width="${Math.max(w, 1)}" height="14" fill="#2f6f4f"/>` +
      `<text x="${w + 6}" y="${y + 30}" font-size="12" fill="#222">${b.value}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="sans-serif">` +
    `<title>${xml(title)}</title>${rows.join('')}</svg>`
  );
}
