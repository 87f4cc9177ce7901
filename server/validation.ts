/**
 * One way to check untrusted input (HTTP bodies, socket payloads, scripts):
 * its text cleaned (core/text.ts), then a compiled TypeBox schema, and its errors
 * in plain words with a readable path.
 */
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Settings } from 'typebox/system';
import type { TLocalizedValidationError } from 'typebox/error';
import type { ErrorDetail } from '../core/protocol.js';
import { cleanStrings } from '../core/text.js';

// TypeBox stops at 8 errors by default: a script with more problems should hear of all of them.
Settings.Set({ maxErrors: 100 });

const cache = new WeakMap<TSchema, Validator>();

/** A schema's compiled check without a context (TypeBox's own default, `Compile(schema)`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- TypeBox's empty context
type Checks<S extends TSchema> = Validator<{}, S>;

/** The schema's compiled check, made once: its `Check` narrows the value to the schema's type. */
export function validator<S extends TSchema>(schema: S): Checks<S> {
  let v = cache.get(schema);
  if (!v) cache.set(schema, (v = Compile(schema)));
  // Cached by the schema it was compiled from, so it is that schema's validator.
  return v as Checks<S>;
}

/**
 * Untrusted input as Oogst keeps it: every string in it cleaned (so no field can
 * forget to), then checked. Use the returned value, never the input: text of
 * invisible characters only is empty by then, and fails `minLength` like any empty text.
 */
export function check(schema: TSchema, input: unknown): { ok: true; value: unknown } | { ok: false; details: ErrorDetail[] } {
  const value = cleanStrings(input);
  return validator(schema).Check(value) ? { ok: true, value } : { ok: false, details: explain(schema, value) };
}

/** `/steps/2/columns/0/title` → `steps[2].columns[0].title` */
export function readablePath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
  null: 'empty',
};

function plain(error: TLocalizedValidationError): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `is missing ${(p.requiredProperties as string[] | undefined)?.map((f) => `"${f}"`).join(', ') ?? 'a field'}`;
    case 'additionalProperties':
      return `has a field that is not allowed here: ${(p.additionalProperties as string[]).map((f) => `"${f}"`).join(', ')}`;
    case 'type':
      return `must be ${[p.type].flat().map((t) => TYPE_WORDS[t as string] ?? String(t)).join(' or ')}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters`;
    case 'maxLength':
      return `is too long (at most ${p.limit} characters)`;
    case 'minItems':
      return `must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${p.limit} items`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    case 'pattern':
      return 'has characters that are not allowed here';
    case 'not':
      return 'is a reserved name';
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message;
  }
}

/**
 * The errors worth telling, each with its JSON pointer: the same place once,
 * and no echo of a union's failed branches.
 */
export function problemsOf(schema: TSchema, value: unknown): { pointer: string; message: string; keyword: string }[] {
  const errors = validator(schema).Errors(value);
  const problems: { pointer: string; message: string; keyword: string }[] = [];
  const seen = new Set<string>();
  // A union of literals fails once per literal: say "one of" once instead.
  const allowed = new Map<string, unknown[]>();
  for (const error of errors)
    if (error.keyword === 'const') allowed.set(error.instancePath, [...(allowed.get(error.instancePath) ?? []), (error.params as { allowedValue: unknown }).allowedValue]);
  for (const error of errors) {
    if (error.keyword === 'boolean' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const key = `${error.instancePath}\u0000${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const values = allowed.get(error.instancePath);
    const message =
      error.keyword === 'const' && values && values.length > 1
        ? `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`
        : plain(error);
    problems.push({ pointer: error.instancePath, message, keyword: error.keyword });
  }
  if (!problems.length && errors[0])
    problems.push({ pointer: errors[0].instancePath, message: errors[0].message, keyword: errors[0].keyword });
  return problems;
}

export function explain(schema: TSchema, value: unknown): ErrorDetail[] {
  return problemsOf(schema, value).map((p) => ({ path: readablePath(p.pointer), message: p.message }));
}

export function describe(details: readonly ErrorDetail[]): string {
  return details.map((d) => (d.path ? `${d.path} ${d.message}` : d.message)).join('; ');
}
