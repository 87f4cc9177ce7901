/**
 * The harvest (oogst) of a session or an arena: a projection of the logs, rebuilt
 * on every download so it always matches what happened. Every format comes from
 * the same document (document.ts); this file says which renderer makes which
 * file, and with which content type.
 */
import type { LogbookEntry } from '../../core/logbook.js';
import type { SessionState } from '../../core/state.js';
import { arenaHarvest, buildSession, sessionDocument, type ArenaInfo, type HarvestDocument, type HarvestFiles, type SessionHarvest } from './document.js';
import { renderCsv } from './render-csv.js';
import { renderDocx } from './render-docx.js';
import { HTML_CSP, renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

export type { SessionHarvest };

export const HARVEST_FORMATS = ['md', 'json', 'csv', 'docx', 'html'] as const;
export type HarvestFormat = (typeof HARVEST_FORMATS)[number];
export const isHarvestFormat = (f: string): f is HarvestFormat => (HARVEST_FORMATS as readonly string[]).includes(f);

export const CONTENT_TYPES: Record<HarvestFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

/** The printable page's own policy: its inline stylesheet by hash, nothing else. */
export const HARVEST_HTML_CSP = HTML_CSP;

export interface RenderedHarvest {
  body: string | Buffer;
  contentType: string;
}

async function render(format: Exclude<HarvestFormat, 'json'>, doc: HarvestDocument): Promise<string | Buffer> {
  switch (format) {
    case 'md':
      return renderMarkdown(doc);
    case 'csv':
      return renderCsv(doc.rows);
    case 'html':
      return renderHtml(doc);
    case 'docx':
      return renderDocx(doc);
  }
}

export const harvestJson = (state: SessionState, when?: number): SessionHarvest => buildSession(state, when).json;
export const harvestMarkdown = (state: SessionState, when?: number): string => renderMarkdown(sessionDocument(state, when));

/** `when`: the day the session met (its planned date), if it has one; `arena`: its arena, whose aims open the first page; `files`: the session's images. */
export async function sessionHarvestFile(
  state: SessionState,
  format: HarvestFormat,
  when?: number,
  arena?: Parameters<typeof sessionDocument>[2],
  files?: HarvestFiles,
): Promise<RenderedHarvest> {
  const body = format === 'json' ? JSON.stringify(harvestJson(state, when)) : await render(format, { ...sessionDocument(state, when, arena), files });
  return { body, contentType: CONTENT_TYPES[format] };
}

export async function arenaHarvestFile(
  arena: ArenaInfo,
  states: readonly SessionState[],
  format: HarvestFormat,
  dates?: ReadonlyMap<string, number>,
  logbook?: readonly LogbookEntry[],
  files?: HarvestFiles,
): Promise<RenderedHarvest> {
  const { json, document } = arenaHarvest(arena, states, dates, logbook);
  const body = format === 'json' ? JSON.stringify(json) : await render(format, { ...document, files });
  return { body, contentType: CONTENT_TYPES[format] };
}
