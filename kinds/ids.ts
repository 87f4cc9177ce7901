import Type from 'typebox';

/**
 * Names of Object.prototype's members (and "prototype"), refused as ids. Defence in
 * depth: ids are never read from or written to a plain object without `getOwn` and
 * `setOwn` (core/records.ts), and a nanoid or a script's id never needs one of these.
 */
export const RESERVED_IDS = [
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'prototype',
  'toLocaleString',
  'toString',
  'valueOf',
] as const;
const notReserved = { not: { enum: RESERVED_IDS } };

/** Ids in scripts and payloads: short, URL- and YAML-safe. */
export const StepIdSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', ...notReserved, description: 'Lowercase letters, digits and dashes, e.g. "klaagmuur".' });
/** A pseudonymous arena member id, derived on the server from the phone's member secret (server/arena-member.ts). */
export const MemberIdSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{16}$' });
/** Ids made by clients (nanoid) or the server. */
export const EntityIdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', ...notReserved });

/** Problems with duplicate ids in a list, as [path, message]. */
export function duplicateIds(items: readonly { id: string }[], path: string, what: string): [string, string][] {
  const seen = new Set<string>();
  const problems: [string, string][] = [];
  items.forEach((item, i) => {
    if (seen.has(item.id)) problems.push([`${path}/${i}/id`, `${what} id "${item.id}" is used twice`]);
    seen.add(item.id);
  });
  return problems;
}
