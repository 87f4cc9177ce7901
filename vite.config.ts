/**
 * Build of the browser views and the test projects.
 * Each view is its own page, so a phone loads the participant code only
 * (budget: 40 KB gzip JS+CSS on first load, see docs and `npm run build` output).
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;
const server = process.env.OOGST_DEV_SERVER ?? 'http://localhost:3000';

/** In dev, page addresses with an id in the path are served by the page's HTML file; the server does the same in production. */
const PAGES: [RegExp, string][] = [
  [/^\/console\/[^/]+\/?$/, '/console.html'],
  [/^\/screen\/[^/]+\/?$/, '/screen.html'],
  [/^\/j(\/[^/]*)?\/?$/, '/participant.html'],
];

const pages = (...names: string[]) => Object.fromEntries(names.map((name) => [name, resolve(here, `client/${name}.html`)]));

function pageFor(req: IncomingMessage): string | undefined {
  if (req.method !== 'GET' || !req.headers.accept?.includes('text/html')) return undefined;
  const path = (req.url ?? '/').split(/[?#]/)[0]!;
  return PAGES.find(([pattern]) => pattern.test(path))?.[1];
}

/**
 * engine.io-client always bundles its WebTransport transport (0.5 KB gzip); the
 * server offers only WebSocket and long-polling. If a release changes this file,
 * nothing is replaced and the build is merely larger.
 */
const withoutWebTransport: Plugin = {
  name: 'oogst-without-webtransport',
  apply: 'build',
  transform(code, id) {
    if (!/engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/.test(id)) return null;
    const slim = code.replace(/^import \{ WT \} from "\.\/webtransport\.js";\n/m, '').replace(/^\s*webtransport: WT,\n/m, '');
    return slim.includes('WT') ? null : { code: slim, map: null };
  },
};

export default defineConfig({
  root: resolve(here, 'client'),
  plugins: [
    svelte({ compilerOptions: { discloseVersion: false } }),
    withoutWebTransport,
    {
      name: 'oogst-pages',
      configureServer(dev) {
        dev.middlewares.use((req, _res, next) => {
          const page = pageFor(req);
          if (page) req.url = page;
          next();
        });
      },
    },
  ],
  build: {
    outDir: resolve(here, 'dist/client'),
    // Safari 15 and Chrome 90 are still on participants' phones.
    target: ['safari15', 'chrome90'],
    // The only lazy chunk a phone may load is the English strings; not worth a polyfill on every load.
    modulePreload: false,
  },
  // Two builds into one folder: the participant page on its own, so it carries no code
  // that only the console, screen or home page use (budget: 40 KB gzip JS+CSS).
  environments: {
    client: {
      build: {
        emptyOutDir: true,
        rolldownOptions: { input: pages('index', 'console', 'screen') },
      },
    },
    participant: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        rolldownOptions: { input: pages('participant') },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.participant!);
    },
  },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
      // The participant page itself comes from Vite; anything else under /j (the QR code) from the server.
      '/j': { target: server, bypass: (req) => pageFor(req) },
      '/healthz': server,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        root: here,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        root: here,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        extends: true,
        root: here,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
