/** Sending a harvest file: one place for the file name, the headers and the format check. */
import type { FastifyReply } from 'fastify';
import { HttpError } from '../http-errors.js';
import { HARVEST_FORMATS, HARVEST_HTML_CSP, isHarvestFormat, type HarvestFormat, type RenderedHarvest } from './harvest.js';

/** A file name for a download: the title in plain characters. */
export const fileName = (title: string, ext: string) =>
  `oogst-${title.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'sessie'}.${ext}`;

export async function sendHarvest(reply: FastifyReply, title: string, format: string, make: (f: HarvestFormat) => Promise<RenderedHarvest>) {
  if (!isHarvestFormat(format)) throw new HttpError(404, 'not-found', `The harvest comes as ${HARVEST_FORMATS.map((f) => `.${f}`).join(', ')}.`);
  const { body, contentType } = await make(format);
  reply.header('cache-control', 'no-store').type(contentType);
  // The printable page opens in the browser; the other formats are files to keep.
  if (format === 'html') reply.header('content-security-policy', HARVEST_HTML_CSP).header('content-disposition', `inline; filename="${fileName(title, format)}"`);
  else reply.header('content-disposition', `attachment; filename="${fileName(title, format)}"`);
  return reply.send(body);
}
