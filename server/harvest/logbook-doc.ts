/**
 * The arena's logbook between meetings as the arena harvest shows it: after the kinds'
 * sections and before the monitoring, the entries the logbook shows (approved, not
 * hidden) by their day, each with what it is, its cycle tag and who wrote it where a
 * name was given; in the JSON as `logbook`, in the spreadsheet as rows of "Logboek".
 */
import type { LogbookEntry } from '../../core/logbook.js';
import type { HarvestBlock, Inline } from '../../kinds/definition.js';
import type { CsvRow, DocSection } from './document.js';

const WHAT: Readonly<Record<LogbookEntry['what'], string>> = {
  observatie: 'Observatie',
  geprobeerd: 'Iets geprobeerd',
  reflectie: 'Reflectie',
  weerstand: 'Weerstand',
};

const dayLabel = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });
const dayOf = (date: string) => dayLabel.format(new Date(`${date}T00:00:00Z`));
const note = (text: string): Inline => ({ text, note: true });

/** The logbook's part of the arena harvest; `entries` in the order of their day. */
export function logbookHarvest(entries: readonly LogbookEntry[]): { json: unknown[]; section: DocSection; rows: CsvRow[] } {
  const shown = entries.filter((e) => e.state === 'visible');
  const json = shown.map(({ id, date, what, cycle, text, name, about, highlighted }) => ({ id, date, what, cycle, text, name, about, highlighted }));
  const blocks: HarvestBlock[] = shown.length
    ? [
        {
          type: 'list',
          items: shown.map((e) => ({
            text: [note(`${dayOf(e.date)} · ${WHAT[e.what]} · ${e.cycle}${e.name ? ` · ${e.name}` : ''}: `), e.text],
          })),
        },
      ]
    : [{ type: 'paragraph', text: [note('Nog niets in het logboek tussen de bijeenkomsten.')] }];
  const rows: CsvRow[] = shown.map((e) => ({ session: 'Logboek', date: e.date, step: WHAT[e.what], kind: 'logbook', group: e.cycle, text: e.text }));
  return { json, section: { title: 'Logboek', blocks }, rows };
}
