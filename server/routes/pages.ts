/** The HTML pages of the three views and the home page, built by Vite into dist/client. */
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { currentStep } from '../../core/session.js';
import type { TypedApp } from '../context.js';
import { normaliseCode } from '../secrets.js';
import { sendCompressed } from './compressed.js';
import { PAGES } from './page-files.js';
import { Preloads } from './preloads.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page with no script, for when the app cannot be loaded (an unknown code, not built). */
function plainPage(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escape(title)} · Oogst</title><link rel="stylesheet" href="/plain.css"></head>` +
        `<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`,
    );
}

/**
 * The page's scripts and stylesheets. Headers that only a document (or a worker, an SVG)
 * reads are left off them: a browser ignores them on a script or stylesheet, and over
 * HTTP/1.1 on a venue's network each of a phone's 15 first requests would carry them
 * again (about 450 bytes each, 0.1 s on slow 3G). nosniff and the resource policy stay.
 */
const SUBRESOURCE = /\/assets\/[^/]+\.(js|css)(\.br|\.gz)?$/;
const DOCUMENT_ONLY = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

export default async function pageRoutes(app: TypedApp) {
  const ctx = app.oogst;
  const built = existsSync(join(ctx.clientDir, PAGES.join.file));
  if (built)
    await app.register(fastifyStatic, {
      root: ctx.clientDir,
      prefix: '/',
      index: false,
      wildcard: true,
      // The build writes .br and .gz beside each file; a phone on venue Wi-Fi gets the smallest it accepts.
      preCompressed: true,
      // The build's own files (the participant's chunk list in .vite/) are for the server, not for browsers.
      allowedPath: (pathName) => !pathName.split('/').some((part) => part.startsWith('.')),
      cacheControl: false,
      setHeaders(res, path) {
        // Files under /assets/ carry a content hash in their name: they never change.
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        // @fastify/static hands over the Node response, whose type it narrows.
        const raw = res as Partial<Pick<ServerResponse, 'removeHeader'>>;
        if (SUBRESOURCE.test(path) && raw.removeHeader) for (const header of DOCUMENT_ONLY) raw.removeHeader(header);
      },
    });

  const page = (file: string) => async (_request: unknown, reply: FastifyReply) => {
    if (!built) return plainPage(reply, 503, 'Oogst is not built yet', '<p>Run <code>npm run build</code> (or <code>npm start</code>) and reload.</p>');
    return reply.header('cache-control', 'no-cache').sendFile(file, { cacheControl: false });
  };

  app.get(PAGES.home.path, page(PAGES.home.file));
  app.get(PAGES.console.path, { schema: { params: Type.Object({ sessionId: Type.String({ maxLength: 64 }) }) } }, page(PAGES.console.file));
  app.get(PAGES.screen.path, { schema: { params: Type.Object({ sessionId: Type.String({ maxLength: 64 }) }) } }, page(PAGES.screen.file));
  app.get(PAGES.logbook.path, { schema: { params: Type.Object({ code: Type.String({ maxLength: 20 }) }) } }, page(PAGES.logbook.file));

  const participantPage = page(PAGES.join.file);
  // The join page carries links to the app and the current step's kind, so a phone fetches them at once.
  const preloads = built ? Preloads.read(ctx.clientDir) : undefined;
  const joinHtml = built ? readFileSync(join(ctx.clientDir, PAGES.joinWithCode.file), 'utf8') : '';
  app.get(PAGES.join.path, participantPage);
  app.get(PAGES.joinWithCode.path, { schema: { params: Type.Object({ code: Type.String({ maxLength: 20 }) }) } }, async (request, reply) => {
    const { code } = request.params;
    // Too many wrong codes waiting from this network: the page, unseen, for any code. It joins
    // through /api/join, which lets a phone holding its token in and tells the others to wait.
    const guess = ctx.guesses.take(request.ip);
    if (!guess) return participantPage(request, reply);
    const session = await ctx.store.getSessionByCode(normaliseCode(code));
    if (session) guess.right();
    else {
      await guess.wrong();
      return plainPage(
        reply,
        404,
        'Code niet gevonden',
        `<p>Er is geen bijeenkomst met de code <strong>${escape(code.slice(0, 20))}</strong>.</p>` +
          '<p>Kijk nog eens naar de code op het scherm, of scan de QR-code opnieuw.</p>' +
          '<p lang="en">There is no session with this code. Check the code on the screen, or scan the QR code again.</p>',
      );
    }
    if (!preloads) return participantPage(request, reply);
    const runtime = await ctx.hub.get(session.id);
    const step = runtime ? currentStep(runtime.state) : undefined;
    const kind = step ? preloads.step(step.kind) : undefined;
    const html = preloads.app.html + (kind?.html ?? '');
    reply.header('cache-control', 'no-cache').header('link', kind?.header ? `${preloads.app.header}, ${kind.header}` : preloads.app.header);
    return sendCompressed(request, reply, joinHtml.replace('</head>', `${html}</head>`), 'text/html; charset=utf-8');
  });
}
