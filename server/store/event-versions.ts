/**
 * The version of each event's payload. An event is written at its type's latest
 * version and stored with it (`v`); reading a log, every older payload is lifted to
 * the latest version by its type's upcasters (a kind's `upcasters`, the core's
 * `CORE_EVENT_UPCASTERS`), so the rest of the server and every browser only ever see
 * each payload at its latest version. The stores read every event through `toEvents`
 * (event-record.ts); an import lifts its file's events the same way before checking
 * them.
 */
import type { Upcaster } from '../../kinds/definition.js';
import { kinds } from '../../kinds/registry.js';
import { CORE_EVENT_UPCASTERS } from '../sessions/core-events.js';

/** Per event type, its upcasters, oldest first. */
export type UpcasterTable = Readonly<Record<string, readonly Upcaster[]>>;

/** A payload stored at a version this Oogst does not know: written by a newer one, or not by Oogst. */
export class EventVersionError extends Error {
  constructor(
    readonly type: string,
    readonly v: unknown,
    readonly latest: number,
  ) {
    super(`A ${type} event at version ${String(v)}: this Oogst reads versions 1 to ${latest} of it`);
  }
}

export class EventVersions {
  private readonly upcasters: ReadonlyMap<string, readonly Upcaster[]>;

  constructor(tables: readonly UpcasterTable[]) {
    this.upcasters = new Map(tables.flatMap((table) => Object.entries(table)));
  }

  /** The version events of this type are written at: one more than its upcasters. */
  latest(type: string): number {
    return (this.upcasters.get(type)?.length ?? 0) + 1;
  }

  /** The payload, written at version `v`, as the latest version has it. */
  upcast(type: string, v: number, payload: unknown): unknown {
    const steps = this.upcasters.get(type) ?? [];
    if (v === steps.length + 1) return payload;
    if (!Number.isInteger(v) || v < 1 || v > steps.length + 1) throw new EventVersionError(type, v, steps.length + 1);
    return steps.slice(v - 1).reduce((lifted, step) => step(lifted), payload);
  }
}

/** The versions of every event type Oogst writes: the core's and each kind's. */
export const eventVersions = new EventVersions([CORE_EVENT_UPCASTERS, ...kinds.map((k) => k.upcasters ?? {})]);
