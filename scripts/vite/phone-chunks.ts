import type { Plugin } from 'vite';
import { CHUNKS, type PhoneChunks } from '../../server/routes/preloads.js';

type Bundle = Parameters<NonNullable<Extract<Plugin['generateBundle'], (...args: never[]) => unknown>>>[1];

/**
 * Which files a phone needs, by what it is for (`PhoneChunks`): the entry (what the page's
 * HTML loads), the app (what the entry imports once the join is sent), each exercise kind
 * (its model and view), English and the connection, each with the chunks it imports and
 * their stylesheets. Read from the bundle, not Vite's manifest: a chunk made by
 * `codeSplitting` groups carries no source path there.
 */
function phoneChunks(bundle: Bundle): PhoneChunks {
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
    english: closure(holding(/[\\/]i18n[\\/]phone\.en\.ts$/)),
    socket: closure(holding(/[\\/]socket\.io-client[\\/]/)),
  };
}

/**
 * Writes the phone's chunk list, once, beside the build: the server links from it on the
 * join page (server/routes/preloads.ts) and `participantBudget` counts it.
 */
export const participantChunks: Plugin = {
  name: 'oogst-participant-chunks',
  apply: 'build',
  applyToEnvironment: (environment) => environment.name === 'participant',
  generateBundle(_options, bundle) {
    this.emitFile({ type: 'asset', fileName: CHUNKS, source: JSON.stringify(phoneChunks(bundle), null, 1) });
  },
};
