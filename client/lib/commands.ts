/**
 * Every command a view may send, by type, with its payload's type: derived from
 * the payload schemas the server checks (the core commands and every registered
 * kind's), so a wrong command type or payload field in a view fails the typecheck.
 * Types only: `import type` keeps the schemas (and TypeBox) out of the browser.
 * Proven by test/types/send.ts.
 */
import type { Static, TSchema } from 'typebox';
import type { RegisteredKind } from '../../kinds/registry.js';
import type { CoreCommands } from '../../server/sessions/core-commands.js';

type Specs = CoreCommands | NonNullable<RegisteredKind['$commands']>;

/** Each member of a union of records on its own, so no key is lost to the union. */
type KeysOf<U> = U extends unknown ? keyof U : never;
type SpecOf<U, T extends PropertyKey> = U extends unknown ? (T extends keyof U ? U[T] : never) : never;

/** An empty payload schema admits `{}` only (`Static` would give `{}`, which takes any object). */
type Exact<P> = P extends unknown ? ([keyof P] extends [never] ? Record<string, never> : P) : never;
type PayloadOf<S> = S extends { payload: infer P extends TSchema } ? Exact<Static<P>> : never;

export type CommandType = KeysOf<Specs> & string;

/** `{'wall.post': {column: string; text: string}, …}` */
export type CommandMap = { [T in CommandType]: PayloadOf<SpecOf<Specs, T>> };
