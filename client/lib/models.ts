/**
 * The pure model of every exercise kind, found by folder: a new `kinds/<kind>/model.ts`
 * is picked up without a list to edit. Only model.ts is imported, never index.ts,
 * which carries the server's schemas and would weigh on the phones.
 */
import type { KindModel } from '../../core/kind.js';
import type { Models } from '../../core/session.js';

const modules = import.meta.glob<Record<string, unknown>>('../../kinds/*/model.ts', { eager: true });

function isModel(value: unknown): value is KindModel<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as KindModel).kind === 'string' &&
    typeof (value as KindModel).apply === 'function'
  );
}

export const models: Models = Object.fromEntries(
  Object.values(modules)
    .flatMap((module) => Object.values(module).filter(isModel))
    .map((model) => [model.kind, model]),
);
