import type { IncomingMessage } from 'node:http';
import type { Plugin, ProxyOptions } from 'vite';
import { PAGES } from '../../server/routes/page-files.js';

/** A route's path as a pattern: each `:param` one segment, a trailing slash allowed. */
const pattern = (path: string) => new RegExp(`^${path.replace(/:\w+/g, '[^/]+').replace(/\/$/, '')}/?$`);
const ROUTES = Object.values(PAGES).map(({ path, file }) => [pattern(path), `/${file}`] as const);

/** The page file for a browser asking for a page's address (as the server's page routes answer it), else undefined. */
export function pageFor(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): string | undefined {
  if (req.method !== 'GET' || !req.headers.accept?.includes('text/html')) return undefined;
  const path = (req.url ?? '/').split(/[?#]/)[0]!;
  return ROUTES.find(([route]) => route.test(path))?.[1];
}

/** In dev, a page's addresses (`PAGES`, the server's own) are served by the page's HTML file from client/. */
export const devPages: Plugin = {
  name: 'oogst-pages',
  configureServer(dev) {
    dev.middlewares.use((req, _res, next) => {
      const page = pageFor(req);
      if (page) req.url = page;
      next();
    });
  },
};

/** The dev server's proxy to the Oogst server (`npm run dev` starts both: scripts/dev.mjs) for everything but the pages. */
export function devProxy(server: string): Record<string, string | ProxyOptions> {
  return {
    // ws: the live feed (/api/sessions/:id/feed) is a WebSocket too.
    '/api': { target: server, ws: true },
    '/socket.io': { target: server, ws: true },
    // The participant page itself comes from Vite (see pageFor); other requests under /j go to the server.
    '/j': { target: server, bypass: (req) => pageFor(req) },
    '/healthz': server,
  };
}
