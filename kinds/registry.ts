/**
 * Every exercise kind the server knows. Adding a kind: copy a folder under
 * kinds/, rename it, and add one line here. The browser finds the kind's
 * model.ts and views by folder name, so nothing else changes.
 */
import type { Models } from '../core/session.js';
import type { KindDefinition } from './definition.js';
import { open } from './open/index.js';
import { slide } from './slide/index.js';
import { wall } from './wall/index.js';

export const kinds: readonly KindDefinition[] = [slide, open, wall];

export const kindByName: ReadonlyMap<string, KindDefinition> = new Map(kinds.map((k) => [k.kind, k]));

/** The pure part of every kind, for the session reducer. */
export const models: Models = Object.fromEntries(kinds.map((k) => [k.kind, k]));
