/**
 * Each kind's UI strings, found by folder like its model and views: `kinds/<kind>/strings.ts`
 * holds its Dutch and fetches its English (`strings.en.ts`) when asked, so the app names
 * one file per kind and no kind's text is in a page's first load. A phone fetches a
 * kind's Dutch with the kind (the build puts it in the kind's file); the English only
 * once English is chosen.
 */
import { addStrings, type Messages } from './i18n/index.svelte.js';
import { byKind } from './kind-views.js';

export interface KindStrings {
  nl: Messages;
  en: () => Promise<Messages>;
}

const loaders = byKind(import.meta.glob<KindStrings>('../../kinds/*/strings.ts'));
/** Which kinds' strings are in or on their way. */
const added = new Map<string, Promise<void>>();

/** The strings of these kinds in the current language; resolves at once when they are in. A failed fetch is tried again at the next call. */
export async function loadKindStrings(kinds: Iterable<string>): Promise<void> {
  await Promise.all(
    [...new Set(kinds)].map((kind) => {
      const load = loaders[kind];
      if (!load) return;
      let adding = added.get(kind);
      if (!adding) {
        adding = load().then((strings) => addStrings(strings.nl, strings.en));
        added.set(kind, adding);
        adding.catch(() => added.delete(kind));
      }
      return adding;
    }),
  );
}
