/**
 * The facilitator's synthesis in the harvest: a section titled "Synthese" with a
 * sub-heading per part that holds text (Samenvatting; Besluiten en afspraken; Wat we
 * leerden; Wat schuurde), each blank line a new paragraph, so every renderer prints it
 * as it prints a step. The spreadsheet gets a row per part, under the step "Synthese".
 */
import { hasSynthesis, SYNTHESIS_PARTS, type Synthesis } from '../../core/synthesis.js';
import type { HarvestBlock, HarvestRow } from '../../kinds/definition.js';

/** The title of the synthesis's section, and its step in the spreadsheet. */
export const SYNTHESIS_TITLE = 'Synthese';
/** The spreadsheet's "Werkvorm" of a synthesis row: no exercise kind wrote it. */
export const SYNTHESIS_KIND = 'synthesis';

/** The section, or undefined when nothing is written. */
export function synthesisSection(synthesis: Synthesis | null | undefined): { title: string; blocks: HarvestBlock[] } | undefined {
  if (!hasSynthesis(synthesis)) return undefined;
  const blocks = SYNTHESIS_PARTS.filter((p) => synthesis[p.key]).flatMap((p): HarvestBlock[] => [
    { type: 'heading', text: p.title },
    ...synthesis[p.key].split(/\n\s*\n/).map((text): HarvestBlock => ({ type: 'paragraph', text: [text.trim()] })),
  ]);
  return { title: SYNTHESIS_TITLE, blocks };
}

/** A row per written part: the part's title in the "Kolom of vraag" column. */
export const synthesisRows = (synthesis: Synthesis | null | undefined): HarvestRow[] =>
  hasSynthesis(synthesis) ? SYNTHESIS_PARTS.filter((p) => synthesis[p.key]).map((p) => ({ group: p.title, text: synthesis[p.key] })) : [];
