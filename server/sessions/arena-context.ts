/**
 * What a session carries from its arena's earlier sessions (`KindDefinition.arenaContext`,
 * e.g. the small wins so far). Worked out when the session is created (`session.created`)
 * and again when it opens: the first time the room reaches a step of a kind that carries
 * something, the server stores it anew in a `session.context` event, so a session planned
 * before the previous meeting still shows that meeting's wins, and its log alone still
 * explains what it shows.
 */
import type { Command, Viewer } from '../../core/protocol.js';
import { CORE_EVENTS, currentStep, stepById, type ContextTaken } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import type { KindDefinition } from '../../kinds/definition.js';
import type { ArenaSessions, Offer } from '../../kinds/arena-contract.js';
import { kindByName, kinds } from '../../kinds/registry.js';
import { arenaSessions } from '../harvest/arena-sessions.js';
import type { Store } from '../store/store.js';
import { logbookUpdates } from '../logbook/subjects.js';
import { logbookHighlights } from './logbook-highlights.js';
import { composeRecap, lastMeeting } from './recap-parts.js';
import type { SessionHub } from './session-hub.js';
import type { SessionRuntime } from './session-runtime.js';

const carriesOver = (kind: KindDefinition | undefined) => !!kind && !!(kind.arenaContext || kind.recapContext);
const carries = (step: StepDef | undefined) => !!step && carriesOver(kindByName.get(step.kind));

/**
 * For each kind in these steps that carries something over, what the arena's other
 * sessions give it (`except`: the session asking, which is not its own earlier session).
 */
export async function contextFromArena(
  store: Store,
  hub: SessionHub,
  arena: { id: string; title: string },
  steps: readonly StepDef[],
  except?: string,
): Promise<Record<string, unknown> | undefined> {
  const carriers = [...new Set(steps.map((s) => s.kind))].flatMap((k) => {
    const kind = kindByName.get(k);
    return kind && carriesOver(kind) ? [kind] : [];
  });
  if (!carriers.length) return undefined;
  const rows = (await store.listSessions(arena.id)).filter((r) => r.id !== except);
  const states = (await Promise.all(rows.map((r) => hub.caughtUp(r.id)))).flatMap((r): SessionState[] => (r ? [r.state] : []));
  const dates = new Map(rows.flatMap((r) => (r.plannedAt ? [[r.id, r.plannedAt] as const] : [])));
  const earlier = arenaSessions(arena, states, dates, logbookUpdates(await store.listLogbookEntries(arena.id)));
  const now = Date.now();
  const recap = carriers.some((kind) => kind.recapContext)
    ? composeRecap(earlier, now, await logbookHighlights(store, arena.id, lastMeeting(earlier, now)))
    : undefined;
  const offers = carriers.some((kind) => kind.takesOffers) ? arenaOffers(earlier) : [];
  return Object.fromEntries(carriers.map((kind) => [kind.kind, kind.recapContext && recap ? kind.recapContext(recap) : kind.arenaContext!(earlier, offers)]));
}

/** What every kind offers of the arena for another to take over (`KindArena.offers`), in the registry's order. */
export const arenaOffers = (earlier: ArenaSessions): Offer[] => kinds.flatMap((kind) => kind.arena?.offers?.(earlier) ?? []);

/** Whether this command brings the room to a carrying step before the context was taken as the session opened. */
export function opensCarryingStep(state: SessionState, command: unknown, viewer: Viewer): boolean {
  if (state.contextAt !== undefined || viewer.role === 'screen') return false;
  const { type, payload } = (command ?? {}) as Partial<Command>;
  const goingTo = type === 'session.goto' ? (payload as { stepId?: unknown } | undefined)?.stepId : undefined;
  return carries(typeof goingTo === 'string' ? stepById(state, goingTo) : currentStep(state));
}

/** One taking at a time per session: a hundred phones on the first step ask once. */
const taking = new WeakMap<SessionRuntime, Promise<unknown>>();

/** Works out the arena context again and stores it in a `session.context` event, once per session. */
export function takeContext(store: Store, hub: SessionHub, runtime: SessionRuntime): Promise<unknown> {
  const busy = taking.get(runtime);
  if (busy) return busy;
  const { state } = runtime;
  const run = contextFromArena(store, hub, state.arena, state.steps, state.id)
    .then((arenaContext) =>
      runtime.record((now) =>
        // Another server may have stored it meanwhile: the state decides.
        arenaContext && now.contextAt === undefined ? { type: CORE_EVENTS.context, payload: { arenaContext } satisfies ContextTaken } : undefined,
      ),
    )
    .finally(() => taking.delete(runtime));
  taking.set(runtime, run);
  return run;
}
