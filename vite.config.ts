/**
 * Build of the browser pages, the dev server, and the test projects. Each view is its own
 * page, and the participant page is built on its own, so a phone loads only its code
 * (budget: 40 KB gzip JS+CSS on first load, checked at build). Each job of the build has
 * its own file in scripts/vite/; this file only puts them together.
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { compression } from 'vite-plugin-compression2';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { chrome90Guard } from './scripts/vite/chrome90-guard.js';
import { PARTICIPANT_CHUNK_GROUPS } from './scripts/vite/chunk-groups.js';
import { devPages, devProxy } from './scripts/vite/dev-pages.js';
import { participantBudget } from './scripts/vite/participant-budget.js';
import { participantChunks } from './scripts/vite/phone-chunks.js';
import { plainDynamicImport } from './scripts/vite/plain-dynamic-import.js';
import { withoutWebTransport } from './scripts/vite/without-webtransport.js';

const here = import.meta.dirname;
const server = process.env.OOGST_DEV_SERVER ?? 'http://localhost:3000';
const pages = (...names: string[]) => Object.fromEntries(names.map((name) => [name, resolve(here, `client/${name}.html`)]));

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
    devPages,
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
        rolldownOptions: { input: pages('index', 'console', 'screen', 'logbook') },
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
          output: { codeSplitting: { groups: PARTICIPANT_CHUNK_GROUPS } },
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
  server: { proxy: devProxy(server) },
  test: {
    projects: [
      {
        extends: true,
        root: here,
        // Every event a test stores is checked against its event schema (test/helpers/event-schema-check.ts).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'kinds/**/*.test.ts'], environment: 'node', testTimeout: 30_000, setupFiles: [EVENT_SCHEMA_CHECK] },
      },
      {
        extends: true,
        root: here,
        // Seeded property tests replay whole sessions: seconds each on a busy 2-core machine, so they
        // are a project of their own and `npm run test:unit` stays quick. The timeout guards against
        // a hang; speed is measured by `npm run bench`, not here.
        test: { name: 'simulation', include: ['test/simulation/**/*.test.ts'], environment: 'node', testTimeout: 120_000, setupFiles: [EVENT_SCHEMA_CHECK] },
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
