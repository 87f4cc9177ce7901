/**
 * Build of the browser pages, the dev server, and the test projects.
 * Each view is its own page, and the participant page is built on its own, so a phone
 * loads only its code (budget: 40 KB gzip JS+CSS on first load, checked at build).
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { compression } from 'vite-plugin-compression2';
import type { IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
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

/**
 * The phone's lazy chunks (a kind's model and view, English strings) import nothing the
 * entry lacks; they may bring a stylesheet of their own (a kind's CSS loads with the
 * kind, so adding kinds never grows the first load). Vite's preload helper (0.8 KB gzip)
 * is more than that needs: this one only adds the chunk's CSS before running it (the join
 * page may have preloaded it: server/routes/preloads.ts).
 */
const plainDynamicImport: Plugin = {
  name: 'oogst-plain-dynamic-import',
  apply: 'build',
  enforce: 'pre',
  applyToEnvironment: (environment) => environment.name === 'participant',
  load(id) {
    if (id !== '\0vite/preload-helper.js') return null;
    return `export const __vitePreload = (load, deps) => Promise.all((deps || []).filter((d) => d.endsWith('.css')).map((d) => new Promise((done) => {
  const href = '/' + d;
  if (document.querySelector('link[rel="stylesheet"][href="' + href + '"]')) return done();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.onload = link.onerror = done;
  document.head.append(link);
}))).then(load);`;
  },
};

/**
 * Chrome 90 evaluates an optional call with spread arguments (`a?.b(...c)`) wrongly
 * (a V8 bug fixed in 91). The build targets Chrome 91 so optional chaining stays
 * native (0.5 KB gzip less on the phone); this check keeps Chrome 90 safe.
 */
const chrome90Guard: Plugin = {
  name: 'oogst-chrome90-guard',
  apply: 'build',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk' && /\?\.[\w$.[\]]*\([^()]*\.\.\./.test(chunk.code))
        this.error(`${chunk.fileName} has an optional call with spread arguments, which Chrome 90 gets wrong.`);
  },
};

/**
 * Which files a phone needs, by what it is for: the entry (what the page's HTML loads),
 * the app (what the entry imports once the join is sent) and each exercise kind (its
 * model and view), each with the chunks it imports and their stylesheets. The server
 * links them from the join page (server/routes/preloads.ts); the budget below counts them.
 * Read from the bundle, not Vite's manifest: a chunk made by `codeSplitting` groups
 * carries no source path there.
 */
type Bundle = Parameters<NonNullable<Extract<Plugin['writeBundle'], (...args: never[]) => unknown>>>[1];
function phoneChunks(bundle: Bundle) {
  const holding = (pattern: RegExp) =>
    Object.values(bundle).filter((c) => c.type === 'chunk' && c.moduleIds.some((id) => pattern.test(id))).map((c) => c.fileName);
  // A chunk with its static imports and the stylesheets they bring, each once.
  const closure = (fileNames: string[], into = new Set<string>()): string[] => {
    for (const fileName of fileNames) {
      const chunk = bundle[fileName];
      if (into.has(fileName) || chunk?.type !== 'chunk') continue;
      into.add(fileName);
      for (const css of chunk.viteMetadata?.importedCss ?? []) into.add(css);
      closure(chunk.imports, into);
    }
    return [...into];
  };
  const kinds: Record<string, string[]> = {};
  const kindIds = new Set(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? c.moduleIds : [])).map((id) => /[\\/]kinds[\\/]([\w-]+)[\\/](?:model\.ts|Participant\.svelte)$/.exec(id)?.[1]));
  for (const kind of [...kindIds].filter((k): k is string => !!k).sort())
    kinds[kind] = closure(holding(new RegExp(`[\\\\/]kinds[\\\\/]${kind}[\\\\/](model\\.ts|Participant\\.svelte)$`)));
  return {
    entry: closure(holding(/[\\/]client[\\/]participant[\\/]main\.ts$/)),
    app: closure(holding(/[\\/]client[\\/]participant[\\/]start\.ts$/)),
    kinds,
    english: closure(holding(/[\\/]i18n[\\/]en\.ts$/)),
    socket: closure(holding(/[\\/]socket\.io-client[\\/]/)),
  };
}

/** Writes `phoneChunks` where the server reads it (server/routes/preloads.ts). */
const participantChunks: Plugin = {
  name: 'oogst-participant-chunks',
  apply: 'build',
  applyToEnvironment: (environment) => environment.name === 'participant',
  generateBundle(_options, bundle) {
    const { entry, app, kinds } = phoneChunks(bundle);
    this.emitFile({ type: 'asset', fileName: '.vite/participant-chunks.json', source: JSON.stringify({ entry, app, kinds }, null, 1) });
  },
};

/**
 * The participant page's first load against DESIGN.md's budget (gzip, JS+CSS): the entry
 * and the app it imports at once, with their stylesheets. Printed beside it: what the
 * heaviest exercise kind then adds (its model, view and CSS, fetched when the session is
 * on a step of that kind), the connection, and English, fetched only when chosen.
 */
const PARTICIPANT_BUDGET = 40_000;
const participantBudget: Plugin = {
  name: 'oogst-participant-budget',
  apply: 'build',
  applyToEnvironment: (environment) => environment.name === 'participant',
  writeBundle(_options, bundle) {
    const chunks = phoneChunks(bundle);
    const gzip = (fileName: string) => {
      const file = bundle[fileName]!;
      return gzipSync(file.type === 'chunk' ? file.code : file.source).length;
    };
    const loaded = new Set([...chunks.entry, ...chunks.app]);
    if (!chunks.entry.length || !chunks.app.length) this.error('participant build: no entry or app chunk found');
    const sum = (files: Iterable<string>) => [...files].reduce((total, f) => total + gzip(f), 0);
    const after = (files: string[]) => sum(files.filter((f) => !loaded.has(f)));
    const css = sum([...loaded].filter((f) => f.endsWith('.css')));
    const js = sum(loaded) - css;
    const kb = (n: number) => (n / 1000).toFixed(2);
    const kinds = Object.entries(chunks.kinds).map(([kind, files]) => [kind, after(files)] as const);
    const heaviest = kinds.reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0] as readonly [string, number]);
    const total = js + css;
    const line =
      `participant page, first load: ${kb(js)} kB JS + ${kb(css)} kB CSS = ${kb(total)} kB gzip (budget ${kb(PARTICIPANT_BUDGET)} kB); ` +
      `then the step's kind adds at most ${kb(heaviest[1])} kB (${heaviest[0]}), the connection (socket.io) ${kb(after(chunks.socket))} kB, English ${kb(after(chunks.english))} kB when chosen`;
    if (total > PARTICIPANT_BUDGET) this.error(line);
    this.info(line);
    this.info(`each kind on the phone (model, view, CSS; kB gzip): ${kinds.map(([kind, size]) => `${kind} ${kb(size)}`).join(', ')}`);
  },
};

/** The participant build's chunks: see `output.codeSplitting` below. */
const PARTICIPANT_CHUNKS = [
  // The entry stays as small as it is: the app's group below would otherwise take the modules they share.
  { name: 'participant', test: /[\\/]client[\\/]participant[\\/]main\.ts$/, priority: 3 },
  // A kind's phone code: its model, its view and what only they import.
  { name: (id: string) => /[\\/]kinds[\\/]([\w-]+)[\\/]/.exec(id)?.[1] ?? null, debugName: 'kind', test: /[\\/]kinds[\\/][\w-]+[\\/]/, priority: 1 },
  // The app with the bundler's runtime and the code the kinds share; the entry keeps only what sends the join.
  {
    name: 'start',
    test: /[\\/]client[\\/]participant[\\/]start\.ts$|[\\/]kinds[\\/][\w-]+\.ts$|[\\/]client[\\/]lib[\\/][\w-]+\.svelte(\.ts)?$|rolldown[\\/]runtime/,
    priority: 2,
  },
];

const EVENT_SCHEMA_CHECK = resolve(here, 'test/helpers/event-schema-check.ts');

export default defineConfig({
  root: resolve(here, 'client'),
  // Vite and Vitest keep their caches with the rest of node_modules, not under client/.
  cacheDir: resolve(here, 'node_modules/.vite'),
  plugins: [
    svelte({ configFile: false, compilerOptions: { discloseVersion: false } }),
    withoutWebTransport,
    plainDynamicImport,
    chrome90Guard,
    participantChunks,
    participantBudget,
    // .gz and .br beside every file: the server sends them as they are, with no compression work per phone.
    compression({ algorithms: ['gzip', 'brotliCompress'], exclude: [/\.(png|jpe?g|webp|woff2)$/] }),
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
    // Safari 15 and Chrome 90 are still on participants' phones (for Chrome 90, see chrome90Guard).
    target: ['safari15', 'chrome91'],
    // Browsers without modulepreload (Safari before 17) fetch chunks as they are imported; no polyfill on every load.
    modulePreload: { polyfill: false },
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
        rolldownOptions: {
          input: pages('participant'),
          // Safari 15 needs class fields compiled away; plain assignment is 0.3 KB gzip smaller than
          // defineProperty, and no class in the phone's code shadows an accessor with a field.
          transform: { assumptions: { setPublicClassFields: true } },
          // Fewer, larger files on a phone's first load: over HTTP/1.1 a browser opens six
          // connections, and on slow 3G every further file waits a round trip in the queue
          // (docs/PERFORMANCE.md, "The phone"). Each kind's model and view travel as one file,
          // and what the kinds share (kinds/*.ts, client/lib's components) rides with the app
          // instead of in small chunks of its own.
          output: { codeSplitting: { groups: PARTICIPANT_CHUNKS } },
        },
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
      // ws: the live feed (/api/sessions/:id/feed) is a WebSocket too.
      '/api': { target: server, ws: true },
      '/socket.io': { target: server, ws: true },
      // The participant page itself comes from Vite (see pageFor); other requests under /j go to the server.
      '/j': { target: server, bypass: (req) => pageFor(req) },
      '/healthz': server,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        root: here,
        // Seeded property tests replay whole sessions: seconds on a busy 2-core machine. The
        // timeout guards against a hang; speed is measured by `npm run bench`, not here.
        // Every event a test stores is checked against its event schema (test/helpers/event-schema-check.ts).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000, setupFiles: [EVENT_SCHEMA_CHECK] },
      },
      {
        extends: true,
        root: here,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000, setupFiles: [EVENT_SCHEMA_CHECK] },
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
          // A page settles in frames, and on a loaded CI machine frames come late: a waiting
          // expect.poll gets 10 s, not 1 s, before it calls a state that was coming a failure.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
