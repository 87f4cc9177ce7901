import type { HarvestSection } from '../../kinds/definition.js';
import { blocksMarkdown } from '../../server/harvest/render-markdown.js';

/** A kind's harvest section with its blocks rendered as Markdown, to assert on readable text. */
export const withMarkdown = (section: HarvestSection) => ({ ...section, markdown: blocksMarkdown(section.blocks) });
