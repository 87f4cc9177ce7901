/**
 * The pure model of every exercise kind, found by folder: a new `kinds/<kind>/model.ts`
 * is picked up without a list to edit. Only model.ts is imported, never index.ts,
 * which carries the server's schemas. Models load when a session uses their kind,
 * so adding kinds never grows a phone's first load (budget: 40 KB gzip).
 */
import type { KindModel } from '../../core/kind.js';
import type { Models } from '../../core/session.js';
import { kindOf } from './kind-views.js';

const loaders = import.meta.glob<Record<string, unknown>>('../../kinds/*/model.ts');
const byKind = new Map(Object.entries(loaders).map(([path, load]) => [kindOf(path), load]));

function isModel(value: unknown): value is KindModel<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as KindModel).apply === 'function';
}

/** The models loaded so far; the reducer reads them from here. */
export const models: Models = {};
const loaded = models as Record<string, KindModel<unknown>>;

/** Loads the models of these kinds; resolves at once when they are all here. Unknown kinds are skipped. */
export async function loadModels(kinds: Iterable<string>): Promise<void> {
  const missing = [...new Set(kinds)].filter((kind) => !loaded[kind] && byKind.has(kind));
  await Promise.all(
    missing.map(async (kind) => {
      const module = await byKind.get(kind)!();
      const model = Object.values(module).find(isModel);
      if (model) loaded[kind] = model;
    }),
  );
}

export const hasModels = (kinds: Iterable<string>) => [...kinds].every((kind) => loaded[kind] || !byKind.has(kind));
