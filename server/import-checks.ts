/**
 * Checks on an arena file before anything of it is stored, as plain functions (no
 * store, no request) so they run wherever the import runs. Each problem carries a
 * code the page translates (`error.<code>` in client/lib/i18n), the values its
 * sentence names, and the sentence in English for everyone else.
 */
import type { TSchema } from 'typebox';
import { CORE_EVENTS, type ContextTaken } from '../core/session.js';
import type { SessionCreated } from '../core/state.js';
import { kindByName, kinds } from '../kinds/registry.js';
import type { ArenaExport } from './arena-transfer.js';
import { stepProblems } from './scripts/load-scripts.js';
import { CORE_EVENT_SCHEMAS } from './sessions/core-events.js';
import { eventVersions, type EventVersions } from './store/event-versions.js';
import { readablePath, validator } from './validation.js';

export interface ImportProblem {
  status: 400 | 409;
  code: string;
  params: Record<string, string | number>;
  problem: string;
}

const problem = (status: 400 | 409, code: string, params: Record<string, string | number>, text: string): ImportProblem => ({ status, code, params, problem: text });

export const importProblems = {
  arenaExists: () =>
    problem(409, 'import-arena-exists', {}, 'This arena is already on this server. Delete it first to import it again.'),
  sessionExists: (session: string) => problem(409, 'import-session-exists', { session }, `Session "${session}" is already on this server.`),
  idsTaken: () =>
    problem(
      409,
      'import-ids-taken',
      {},
      'Part of this file is already on this server (e.g. participants of another arena): the file was changed by hand, or imported here before.',
    ),
  unknownLink: () => problem(400, 'import-unknown-link', {}, 'A logbook entry names a logbook link the file does not have.'),
  twice: (what: 'session' | 'participant' | 'token' | 'event' | 'script' | 'contact' | 'link' | 'entry', id: string, session = '') =>
    problem(
      400,
      `import-twice-${what}`,
      { id, session },
      `The file lists ${what === 'token' ? 'a participant token' : `${what} "${id}"`} twice${session ? ` in session "${session}"` : ''}: it was changed by hand or is damaged.`,
    ),
  numbering: (session: string) => problem(400, 'import-numbering', { session }, `Session "${session}": its events are not numbered 1, 2, 3, …`),
  file: (session: string, id: string) =>
    problem(400, 'import-file', { session, id }, `Session "${session}": file "${id}" is not the image it says it is, is listed twice or names an unknown participant.`),
  unknownContact: (session: string) => problem(400, 'import-unknown-contact', { session }, `Session "${session}": a contact names an unknown participant.`),
  event: (session: string, seq: number, type: string, field: string) =>
    problem(
      400,
      'import-event',
      { session, seq, type, field },
      `Session "${session}", event ${seq} (${type}): ${field} is not what Oogst writes there, so the file was changed or is damaged.`,
    ),
  kindData: (kind: string) =>
    problem(400, 'import-kind-data', { kind }, `What the arena keeps for "${kind}" is not what Oogst keeps there: the file was changed or is damaged.`),
  replay: (session: string, reason: string) => problem(400, 'import-replay', { session }, `Session "${session}" cannot be replayed: ${reason}`),
};

/** What the file's arena keeps per kind: each kind once, a kind that keeps something, and what it keeps. */
export function keptProblem(file: ArenaExport): ImportProblem | undefined {
  const seen = new Set<string>();
  for (const { kind, value } of file.kindData ?? []) {
    const keeps = kindByName.get(kind)?.arena?.keeps;
    if (seen.has(kind) || !keeps || !validator(keeps.schema).Check(value)) return importProblems.kindData(kind);
    seen.add(kind);
  }
  return undefined;
}

/** The first id that a file uses twice where the store keeps it once, at any level. */
export function duplicateIds(file: ArenaExport): ImportProblem | undefined {
  const first = <T>(items: readonly T[], key: (item: T) => string) => {
    const seen = new Set<string>();
    for (const item of items) {
      const k = key(item);
      if (seen.has(k)) return k;
      seen.add(k);
    }
    return undefined;
  };
  let id = first(file.sessions, (s) => s.id);
  if (id !== undefined) return importProblems.twice('session', id);
  if ((id = first(file.scripts, (s) => s.id)) !== undefined) return importProblems.twice('script', id);
  // A participant's id is unique on the whole server, not only in its session.
  const participants = file.sessions.flatMap((s) => s.participants.map((p) => ({ s, p })));
  if ((id = first(participants, ({ p }) => p.id)) !== undefined)
    return importProblems.twice('participant', id, participants.find(({ p }) => p.id === id)!.s.title);
  for (const s of file.sessions) {
    if (first(s.participants, (p) => p.tokenHash) !== undefined) return importProblems.twice('token', '', s.title);
    if ((id = first(s.events, (e) => e.id)) !== undefined) return importProblems.twice('event', id, s.title);
    if ((id = first(s.contacts, (c) => c.participantId)) !== undefined) return importProblems.twice('contact', id, s.title);
  }
  if ((id = first(file.logbook?.links ?? [], (l) => l.id)) !== undefined) return importProblems.twice('link', id);
  if ((id = first(file.logbook?.entries ?? [], (e) => e.id)) !== undefined) return importProblems.twice('entry', id);
  return undefined;
}

/** Every event type Oogst writes, with its payload's schema: the core's and each kind's. A Map: a type is data, never a key to look up on an object. */
const EVENT_SCHEMAS: ReadonlyMap<string, TSchema> = new Map([...Object.entries(CORE_EVENT_SCHEMAS), ...kinds.flatMap((k) => Object.entries(k.events))]);

export const eventSchemaOf = (type: string): TSchema | undefined => EVENT_SCHEMAS.get(type);

/**
 * Where an event is not what Oogst writes: `type` for a type it never writes,
 * else the first payload field that fails its schema (`payload.sessionId`), or
 * undefined when the event is as written.
 */
export function eventProblem(event: { type: string; payload: unknown }): string | undefined {
  const schema = EVENT_SCHEMAS.get(event.type);
  if (!schema) return 'type';
  const [error] = validator(schema).Errors(event.payload);
  if (error) return fieldOf(error, '/payload');
  if (event.type === CORE_EVENTS.created) return agendaProblem(event.payload as SessionCreated);
  return event.type === CORE_EVENTS.context ? contextProblem((event.payload as ContextTaken).arenaContext) : undefined;
}

/**
 * A session's agenda holds steps as a script gives them: each kind's own fields
 * checked as a script's are; and what it carries from the arena, each kind's part
 * against that kind's `contextSchema`.
 */
function agendaProblem({ steps, arenaContext = {} }: SessionCreated): string | undefined {
  for (const [i, step] of steps.entries()) {
    const [problem] = stepProblems(step, steps);
    if (problem) return readablePath(`/payload/steps/${i}${problem.pointer}`);
  }
  return contextProblem(arenaContext);
}

/** What a session carries from its arena (`session.created`, `session.context`): each kind's part against its `contextSchema`. */
function contextProblem(arenaContext: Record<string, unknown>): string | undefined {
  for (const [kind, context] of Object.entries(arenaContext)) {
    const schema = kindByName.get(kind)?.contextSchema;
    if (!schema) return `payload.arenaContext.${kind}`;
    const [error] = validator(schema).Errors(context);
    if (error) return fieldOf(error, `/payload/arenaContext/${kind}`);
  }
  return undefined;
}

/** The field a TypeBox error is about; a missing or extra field is named itself. */
function fieldOf(error: { keyword: string; instancePath: string; params: unknown }, base: string): string {
  const params = error.params as { requiredProperties?: string[]; additionalProperties?: string[] };
  const extra = error.keyword === 'required' ? params.requiredProperties?.[0] : error.keyword === 'additionalProperties' ? params.additionalProperties?.[0] : undefined;
  const path = readablePath(`${base}${error.instancePath}`);
  return extra === undefined ? path : `${path}.${extra}`;
}

/** The first event of the file that is not what Oogst writes, named by session, seq, type and field. */
export function forgedEvent(file: ArenaExport): ImportProblem | undefined {
  for (const s of file.sessions)
    for (const e of s.events) {
      const field = eventProblem(e);
      if (field) return importProblems.event(s.title, e.seq, e.type, field);
    }
  return undefined;
}

/**
 * The file with every event's payload lifted to the version this Oogst writes, and
 * without versions; an event without one is version 1. A version this Oogst does not
 * know (a newer Oogst's) or a payload its upcasters cannot lift is refused by name.
 */
export function liftedEvents(file: ArenaExport, versions: EventVersions = eventVersions): ArenaExport | ImportProblem {
  const sessions = [];
  for (const s of file.sessions) {
    const events = [];
    for (const { v = 1, ...e } of s.events) {
      if (v > versions.latest(e.type)) return importProblems.event(s.title, e.seq, e.type, 'v');
      try {
        events.push({ ...e, payload: versions.upcast(e.type, v, e.payload) });
      } catch {
        return importProblems.event(s.title, e.seq, e.type, 'payload');
      }
    }
    sessions.push({ ...s, events });
  }
  return { ...file, sessions };
}
