/**
 * What the join page links to besides its entry script, so a phone fetches everything
 * it needs to draw in one go instead of discovering it import by import: the app the
 * entry loads after sending the join, and the current step's kind (its model and view,
 * one file, and its stylesheet). On a slow network each discovery is a round trip
 * (docs/PERFORMANCE.md, "The phone"). Read from the file the participant build writes
 * beside itself (`participantChunks` in scripts/vite/phone-chunks.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The participant build's files by purpose, each list with the chunks it imports and their
 * stylesheets. The build writes it once (`participantChunks`); the server links the entry,
 * the app and the step's kind from it, and the build's budget (`participantBudget`) also
 * counts English and the connection, which the phone fetches only later.
 */
export interface PhoneChunks {
  entry: string[];
  app: string[];
  kinds: Record<string, string[]>;
  english: string[];
  socket: string[];
}

/** Where the participant build writes it, inside the built client folder. */
export const CHUNKS = '.vite/participant-chunks.json';

/** The participant build's chunk list, or undefined before a build. */
export function readChunks(clientDir: string): PhoneChunks | undefined {
  const path = join(clientDir, CHUNKS);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as PhoneChunks) : undefined;
}

/**
 * Preloads, not stylesheets: a stylesheet in the page would hold back the entry script
 * (which sends the join) until it arrived. The app adds each stylesheet when it imports
 * the chunk that needs it, from the cache by then. Names are the build's own.
 */
const render = (files: string[]) =>
  files
    .map((file) =>
      file.endsWith('.css')
        ? `<link rel="preload" as="style" href="/${file}">`
        : `<link rel="modulepreload" crossorigin href="/${file}">`,
    )
    .join('');

/**
 * The same as a `Link` header, with the entry first: a browser acts on it when the
 * response's headers arrive, before it has parsed the page. On a slow phone that starts
 * every download a quarter of a second earlier (docs/PERFORMANCE.md, "The phone").
 */
const header = (files: string[]) => files.map((file) => (file.endsWith('.css') ? `</${file}>; rel=preload; as=style` : `</${file}>; rel=modulepreload`)).join(', ');

/** A join page's links: in its HTML and as a header. */
export interface Links {
  html: string;
  header: string;
}

export class Preloads {
  /** Links for the app itself, on every join page. */
  readonly app: Links;
  private kinds = new Map<string, Links>();

  constructor(chunks: PhoneChunks) {
    // The page's HTML already loads the entry; a kind's links leave out the app's.
    const shown = new Set(chunks.entry);
    const app = chunks.app.filter((file) => !shown.has(file));
    this.app = { html: render(app), header: header([...chunks.entry, ...app]) };
    for (const file of app) shown.add(file);
    for (const [kind, all] of Object.entries(chunks.kinds)) {
      const files = all.filter((file) => !shown.has(file));
      this.kinds.set(kind, { html: render(files), header: header(files) });
    }
  }

  static read(clientDir: string): Preloads | undefined {
    const chunks = readChunks(clientDir);
    return chunks && new Preloads(chunks);
  }

  /**
   * Links for the step's kind beyond the app's. Only that kind: the phone draws once its
   * model and view are here, and fetches the script's other kinds after, so they never
   * queue ahead of what it draws with (`client/lib/session.svelte.ts`).
   */
  step(kind: string): Links | undefined {
    return this.kinds.get(kind);
  }
}
