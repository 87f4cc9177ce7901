/**
 * Ids a hostile client (or an old log, or an import) may choose that name members
 * of Object.prototype, and checks that nothing they touched changed a prototype or
 * left a function, a changed prototype or "[object Object]" in what a view gets.
 */
import { expect } from 'vitest';

export const HOSTILE_IDS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;

/** Command types named like prototype members, bare and behind a kind's or the core's prefix. */
export const HOSTILE_TYPES = [...HOSTILE_IDS, 'valueOf', 'wall.__proto__', 'wall.constructor', 'constructor.post', '__proto__.post', 'session.toString', 'timer.hasOwnProperty'];

/** The data as it crosses the wire: JSON out, JSON in (own "__proto__" keys stay own keys). */
export const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Every own property of Object.prototype, of its functions and of Object, by name
 * and value: a dot stored on "toString" lands on the function, not only on the prototype.
 */
export function prototypeFootprint(): Map<string, unknown> {
  const footprint = new Map<string, unknown>();
  const holders: [string, object][] = [['Object.prototype', Object.prototype], ['Object', Object], ['Function.prototype', Function.prototype]];
  for (const name of Object.getOwnPropertyNames(Object.prototype)) {
    const value = (Object.prototype as Record<string, unknown>)[name];
    if (typeof value === 'function') holders.push([`Object.prototype.${name}`, value]);
  }
  for (const [label, holder] of holders)
    for (const name of Object.getOwnPropertyNames(holder)) {
      const descriptor = Object.getOwnPropertyDescriptor(holder, name)!;
      footprint.set(`${label}.${name}`, 'value' in descriptor ? descriptor.value : descriptor.get);
    }
  return footprint;
}

/** The prototypes are as `before` found them: nothing added, nothing replaced. */
export function expectPrototypesUntouched(before: Map<string, unknown>) {
  const now = prototypeFootprint();
  expect([...now.keys()].filter((k) => !before.has(k)), 'properties added to a prototype').toEqual([]);
  expect([...before].filter(([k, v]) => now.get(k) !== v).map(([k]) => k), 'prototype properties changed').toEqual([]);
}

/** Where in `value` a function, an object with another prototype, or the text "[object Object]" hides. */
export function foreignValues(value: unknown, path = '$'): string[] {
  if (typeof value === 'function') return [`${path} is a function`];
  if (typeof value === 'string') return value.includes('[object Object]') ? [`${path} reads "[object Object]"`] : [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} is ${value}`];
  if (value === null || typeof value !== 'object') return [];
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) return [`${path} has another prototype`];
  return Object.keys(value).flatMap((key) => foreignValues((value as Record<string, unknown>)[key], `${path}.${key}`));
}
