/**
 * What the join page links to besides its entry script, so a phone fetches everything
 * it needs to draw in one go instead of discovering it import by import: the app the
 * entry loads after sending the join, and the current step's kind (its model, its view
 * and their stylesheets). On a slow network each discovery is a round trip
 * (docs/PERFORMANCE.md, "The phone"). Read from the participant build's Vite manifest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One chunk of Vite's build manifest (only the fields read here). */
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** Where the participant build writes its manifest (`vite.config.ts`). */
export const MANIFEST = '.vite/participant-manifest.json';
/** The module the entry imports once the join is sent (`client/participant/main.ts`). */
const APP = 'participant/start.ts';

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

export class Preloads {
  private cache = new Map<string, string>();
  private shown: Set<string>;
  /** Links for the app itself, on every join page. */
  readonly app: string;

  constructor(private manifest: Manifest) {
    // The page's HTML already loads the entry and what it imports; kinds' links leave out the app's.
    this.shown = new Set();
    const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
    if (entry) this.files(entry, this.shown);
    const app = this.collect([APP]);
    this.app = render(app);
    for (const file of app) this.shown.add(file);
  }

  static read(clientDir: string): Preloads | undefined {
    const path = join(clientDir, MANIFEST);
    return existsSync(path) ? new Preloads(JSON.parse(readFileSync(path, 'utf8')) as Manifest) : undefined;
  }

  /**
   * Links for the step's kind (its model and phone view) and the models of the script's
   * other kinds, beyond the app's: the phone applies the first snapshot once it has
   * the models of every kind in it.
   */
  step(kind: string, scriptKinds: Iterable<string>): string {
    const others = [...new Set(scriptKinds)].filter((k) => k !== kind).sort();
    const key = [kind, ...others].join(' ');
    let links = this.cache.get(key);
    if (links === undefined) {
      links = render(this.collect([`../kinds/${kind}/model.ts`, `../kinds/${kind}/Participant.svelte`, ...others.map((k) => `../kinds/${k}/model.ts`)]));
      // Bounded: one entry per combination of kinds the sessions' scripts use.
      if (this.cache.size < 1_000) this.cache.set(key, links);
    }
    return links;
  }

  private collect(keys: string[]): string[] {
    const found = new Set<string>();
    for (const key of keys) this.files(key, found);
    return [...found].filter((file) => !this.shown.has(file));
  }

  /** A chunk's file, its stylesheets and those of its static imports, into `into`. */
  private files(key: string, into: Set<string>, visited = new Set<string>()): void {
    const chunk = this.manifest[key];
    if (!chunk || visited.has(key)) return;
    visited.add(key);
    into.add(chunk.file);
    for (const css of chunk.css ?? []) into.add(css);
    for (const imported of chunk.imports ?? []) this.files(imported, into, visited);
  }
}
