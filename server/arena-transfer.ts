/**
 * An arena as one JSON file, to move it to another installation: the arena, its
 * own scripts, and every session with its event log, its participants
 * (pseudonyms and hashed tokens) and the contacts they left. The log is each
 * event as the facilitator receives it (core/exported.ts): whoever holds the
 * arena key may read the file, so unshared interview notes leave as which fields
 * were filled, without their text. The harvest holds only what the facilitator
 * may see, so the one rebuilt on the other side is the same. The key is not in
 * the file: an import gets a new key, shown once. Each event carries its payload's
 * version (`v`); a file from before versions has none, and its events are version 1.
 */
import Type, { type Static, type TSchema } from 'typebox';
import { MAX_CORE_THEME, MAX_RESEARCH_QUESTION } from '../core/synthesis.js';
import { ArenaMethodSchema, SynthesisSchema } from './synthesis-schemas.js';
import { exportedEvents } from '../core/exported.js';
import { reduce } from '../core/session.js';
import { EntityIdSchema, StepIdSchema } from '../kinds/ids.js';
import { models } from '../kinds/registry.js';
import { buildSession } from './harvest/document.js';
import { sniffImage } from './files/image-type.js';
import { duplicateIds, forgedEvent, importProblems, keptProblem, liftedEvents, type ImportProblem } from './import-checks.js';
import { MAX_UPLOAD_BYTES } from './routes/files.js';
import { MAX_SCRIPT_BYTES } from './scripts/script-library.js';
import { eventVersions } from './store/event-versions.js';
import { LogbookExportSchema } from './logbook/schema.js';
import type { ArenaDump } from './store/store.js';

export const EXPORT_FORMAT = 'oogst-arena';
export const EXPORT_VERSION = 1;
/**
 * Most sessions and own scripts one arena holds: a transition arena meeting every
 * week for five years has 260 sessions; a facilitator keeps a few dozen scripts.
 * An import holds no more than an arena can.
 */
export const MAX_ARENA_SESSIONS = 500;
export const MAX_ARENA_SCRIPTS = 100;

const Ms = Type.Integer({ minimum: 0 });
const Text = (max: number) => Type.String({ maxLength: max });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Up to the year 9999: a moment no log holds is a forged one. */
const At = Type.Integer({ minimum: 0, maximum: 253_402_300_799_999 });
/** The envelope; the payload is checked against its type's event schema (`forgedEvent`). */
const EventSchema = Type.Object(
  {
    id: EntityIdSchema,
    seq: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    type: Type.String({ minLength: 1, maxLength: 64 }),
    stepId: Type.Optional(StepIdSchema),
    actor: Type.Object(
      {
        role: Type.Union([Type.Literal('facilitator'), Type.Literal('screen'), Type.Literal('participant'), Type.Literal('system')]),
        id: Type.Optional(EntityIdSchema),
      },
      { additionalProperties: false },
    ),
    payload: Type.Unknown(),
    at: At,
    /** The payload's version; files from before versions leave it out, and their events are version 1. */
    v: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

export const ExportSchema = Type.Object({
  format: Type.Literal(EXPORT_FORMAT),
  version: Type.Literal(EXPORT_VERSION),
  exportedAt: Type.String({ maxLength: 40 }),
  arena: Type.Object({
    id: EntityIdSchema,
    title: Type.String({ minLength: 1, maxLength: 120 }),
    theme: Nullable(Text(1000)),
    ambition: Nullable(Text(2000)),
    /** The screen's language; files from before it existed leave it out and get Dutch. */
    locale: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')])),
    createdAt: Ms,
    // Files from before an arena had a way of working, kernthema, onderzoeksvraag or synthesis leave them out.
    method: Type.Optional(Nullable(ArenaMethodSchema)),
    coreTheme: Type.Optional(Nullable(Text(MAX_CORE_THEME))),
    researchQuestion: Type.Optional(Nullable(Text(MAX_RESEARCH_QUESTION))),
    synthesis: Type.Optional(Nullable(SynthesisSchema)),
  }),
  scripts: Type.Array(Type.Object({ id: EntityIdSchema, yaml: Text(MAX_SCRIPT_BYTES), updatedAt: Ms }), { maxItems: MAX_ARENA_SCRIPTS }),
  /** What each kind keeps for the arena (its own checklist); files from before it leave it out. */
  kindData: Type.Optional(Type.Array(Type.Object({ kind: Type.String({ pattern: '^[a-z]+$', maxLength: 40 }), value: Type.Unknown(), updatedAt: Ms }), { maxItems: 40 })),
  sessions: Type.Array(
    Type.Object({
      id: EntityIdSchema,
      code: Type.String({ minLength: 1, maxLength: 20 }),
      title: Type.String({ minLength: 1, maxLength: 200 }),
      scriptId: Text(64),
      createdAt: Ms,
      plannedAt: Type.Union([Ms, Type.Null()]),
      participants: Type.Array(Type.Object({ id: EntityIdSchema, tokenHash: Text(128), pseudonym: Text(100), createdAt: Ms }), { maxItems: 100_000 }),
      contacts: Type.Array(
        Type.Object({ participantId: EntityIdSchema, name: Text(200), email: Text(254), consent: Text(2000), createdAt: Ms }),
        { maxItems: 100_000 },
      ),
      events: Type.Array(EventSchema, { minItems: 1, maxItems: 1_000_000 }),
      /** The files its steps took, the bytes in base64; files from before files existed leave it out. */
      files: Type.Optional(
        Type.Array(
          Type.Object({
            id: EntityIdSchema,
            stepId: StepIdSchema,
            participantId: Type.Union([EntityIdSchema, Type.Null()]),
            type: Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png'), Type.Literal('image/webp')]),
            width: Type.Integer({ minimum: 1, maximum: 100_000 }),
            height: Type.Integer({ minimum: 1, maximum: 100_000 }),
            data: Type.String({ maxLength: Math.ceil(MAX_UPLOAD_BYTES / 3) * 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
            createdAt: Ms,
          }),
          { maxItems: 10_000 },
        ),
      ),
    }),
    { maxItems: MAX_ARENA_SESSIONS },
  ),
  /** The logbook between meetings; files from before it leave it out. */
  logbook: Type.Optional(LogbookExportSchema),
});
export type ArenaExport = Static<typeof ExportSchema>;

export function toExport(dump: ArenaDump): ArenaExport {
  const { arena } = dump;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    arena: {
      id: arena.id,
      title: arena.title,
      theme: arena.theme,
      ambition: arena.ambition ?? null,
      locale: arena.locale ?? 'nl',
      createdAt: arena.createdAt,
      method: arena.method ?? null,
      coreTheme: arena.coreTheme ?? null,
      researchQuestion: arena.researchQuestion ?? null,
      synthesis: arena.synthesis ?? null,
    },
    scripts: dump.scripts.map(({ id, yaml, updatedAt }) => ({ id, yaml, updatedAt })),
    kindData: dump.kindData.map(({ kind, value, updatedAt }) => ({ kind, value: JSON.parse(value) as unknown, updatedAt: Number(updatedAt) })),
    sessions: dump.sessions.map(({ row, events, participants, contacts, files }) => ({
      id: row.id,
      code: row.code,
      title: row.title,
      scriptId: row.scriptId,
      createdAt: row.createdAt,
      plannedAt: row.plannedAt ?? null,
      participants: participants.map(({ id, tokenHash, pseudonym, createdAt }) => ({ id, tokenHash, pseudonym, createdAt })),
      contacts: contacts.map(({ participantId, name, email, consent, createdAt }) => ({ participantId, name, email, consent, createdAt })),
      events: exportedEvents(events, row.id, models).map((e) => ({ ...e, v: eventVersions.latest(e.type) })),
      files: files.map(({ id, stepId, participantId, type, width, height, data, createdAt }) => ({
        id,
        stepId,
        participantId,
        type: type as 'image/jpeg',
        width,
        height,
        data: Buffer.from(data).toString('base64'),
        createdAt,
      })),
    })),
    logbook: {
      links: dump.logbook.links.map(({ arenaId: _a, ...link }) => link),
      entries: dump.logbook.entries.map(({ arenaId: _a, ...entry }) => entry),
    },
  };
}

/**
 * The rows to store for an imported file, with the new key's hash. Ids the store
 * keeps once appear once, every event is what Oogst writes for its type (its
 * kind's event schema), and every session's log must replay: a file that fails
 * (edited by hand, or from a newer Oogst) is refused with the reason, and nothing
 * is imported. `codes` gives a session a new join code where its own is taken on
 * this installation.
 */
export function fromExport(given: ArenaExport, keyHash: string, codes: ReadonlyMap<string, string>, linkCodes: ReadonlyMap<string, string> = new Map()): ArenaDump | ImportProblem {
  // Lifted to the latest versions first, so an older file is checked as what Oogst writes today.
  const file = liftedEvents(given);
  if ('problem' in file) return file;
  const refused = duplicateIds(file) ?? keptProblem(file) ?? forgedEvent(file);
  if (refused) return refused;
  for (const s of file.sessions) {
    const seqs = s.events.map((e) => e.seq);
    if (seqs.some((seq, i) => seq !== i + 1)) return importProblems.numbering(s.title);
    try {
      // Replayed and harvested once here, so a file that loads is a file that works.
      buildSession(reduce(s.events as ArenaDump['sessions'][number]['events'], s.id, models));
    } catch (error) {
      return importProblems.replay(s.title, (error as Error).message);
    }
    const ids = new Set(s.participants.map((p) => p.id));
    if (s.contacts.some((c) => !ids.has(c.participantId))) return importProblems.unknownContact(s.title);
    const files = new Set<string>();
    for (const f of s.files ?? []) {
      // Checked as an upload is: the bytes are the image the file says, by their content.
      const image = sniffImage(Buffer.from(f.data, 'base64'));
      const known = f.participantId === null || ids.has(f.participantId);
      if (files.has(f.id) || !known || image?.type !== f.type || image.width !== f.width || image.height !== f.height) return importProblems.file(s.title, f.id);
      files.add(f.id);
    }
  }
  const { links = [], entries = [] } = file.logbook ?? {};
  const linkIds = new Set(links.map((l) => l.id));
  if (entries.some((e) => !linkIds.has(e.linkId))) return importProblems.unknownLink();
  const arenaId = file.arena.id;
  return {
    arena: { ...file.arena, keyHash },
    scripts: file.scripts.map((s) => ({ arenaId: file.arena.id, ...s })),
    kindData: (file.kindData ?? []).map(({ kind, value, updatedAt }) => ({ arenaId: file.arena.id, kind, value: JSON.stringify(value), updatedAt })),
    sessions: file.sessions.map((s) => ({
      row: { id: s.id, arenaId: file.arena.id, code: codes.get(s.id) ?? s.code, title: s.title, scriptId: s.scriptId, createdAt: s.createdAt, plannedAt: s.plannedAt },
      events: s.events as ArenaDump['sessions'][number]['events'],
      participants: s.participants.map((p) => ({ ...p, sessionId: s.id })),
      contacts: s.contacts.map((c) => ({ ...c, sessionId: s.id })),
      files: (s.files ?? []).map((f) => ({ ...f, sessionId: s.id, data: Buffer.from(f.data, 'base64') })),
    })),
    logbook: {
      links: links.map((l) => ({ ...l, arenaId, code: linkCodes.get(l.id) ?? l.code })),
      entries: entries.map((e) => ({ ...e, arenaId })),
    },
  };
}
