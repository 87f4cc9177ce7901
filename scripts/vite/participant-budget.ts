import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { CHUNKS, type PhoneChunks } from '../../server/routes/preloads.js';

/** DESIGN.md's budget for the participant page's first load (gzip, JS+CSS). */
const PARTICIPANT_BUDGET = 40_000;

/**
 * The participant page's first load against the budget: the entry and the app it imports
 * at once, with their stylesheets, as the chunk list `participantChunks` wrote names them.
 * Printed beside it: what the heaviest exercise kind then adds (its model, view and CSS,
 * fetched when the session is on a step of that kind), the connection, and English,
 * fetched only when chosen.
 */
export const participantBudget: Plugin = {
  name: 'oogst-participant-budget',
  apply: 'build',
  applyToEnvironment: (environment) => environment.name === 'participant',
  writeBundle(_options, bundle) {
    const list = bundle[CHUNKS];
    if (list?.type !== 'asset') return this.error(`participant build: no ${CHUNKS} (the participantChunks plugin writes it)`);
    const chunks = JSON.parse(String(list.source)) as PhoneChunks;
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
