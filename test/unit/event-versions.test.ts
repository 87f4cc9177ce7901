/**
 * Event versions: a log written at today's versions (test/fixtures/session-log-v1.json,
 * a meeting of the arena fixture script with every kind in it, as exported) is read
 * back after a payload change, through the store's read path, and rebuilds the same
 * session and harvest. The change is made here, for the test only: the wall's
 * `wall.note-posted` at version 2 keeps the note's text under `note.body`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Type from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/protocol.js';
import { reduce } from '../../core/session.js';
import { eventPayload, type KindDefinition } from '../../kinds/definition.js';
import { kinds, models } from '../../kinds/registry.js';
import { wall } from '../../kinds/wall/index.js';
import { SMALLWIN_EVENTS } from '../../kinds/smallwin/model.js';
import { WALL_EVENTS } from '../../kinds/wall/model.js';
import type { ArenaExport } from '../../server/arena-transfer.js';
import { buildSession } from '../../server/harvest/document.js';
import { liftedEvents } from '../../server/import-checks.js';
import { CORE_EVENT_UPCASTERS } from '../../server/sessions/core-events.js';
import { EventVersionError, EventVersions, eventVersions } from '../../server/store/event-versions.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { validator } from '../../server/validation.js';
import { erased } from '../helpers/erased.js';
import { storesMadeUpEvents } from '../helpers/event-schema-check.js';

// Version 2 of the note exists in this file only: today's event schemas refuse it.
storesMadeUpEvents();

type Stored = SessionEvent<any> & { v?: number };
const FIXTURE: readonly Stored[] = JSON.parse(readFileSync(new URL('../fixtures/session-log-v1.json', import.meta.url), 'utf8'));
const SESSION = 'versions';

/** Today's wall, with `wall.note-posted` at version 2: `{ column, note: { body } }`, and the upcaster from version 1. */
const wallV2: KindDefinition = {
  ...wall,
  upcasters: { [WALL_EVENTS.posted]: [({ column, text }: { column: string; text: string }) => ({ column, note: { body: text } })] },
  events: { ...wall.events, [WALL_EVENTS.posted]: eventPayload({ column: Type.String(), note: eventPayload({ body: Type.String() }) }) },
  // What the wall's code reads from a version 2 note; the rest of the wall as it is.
  apply: (data, event: SessionEvent<any>, ctx) =>
    erased(wall).apply(data, event.type === WALL_EVENTS.posted ? { ...event, payload: { column: event.payload.column, text: event.payload.note.body } } : event, ctx),
};
const modelsV2 = { ...models, wall: wallV2 };
const versionsV2 = new EventVersions([CORE_EVENT_UPCASTERS, ...kinds.map((k) => (k === wall ? wallV2 : k).upcasters ?? {})]);

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The fixture log stored by today's Oogst in a fresh SQLite file. */
async function storedFixture(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'oogst-versions-'));
  dirs.push(dir);
  const file = join(dir, 'oogst.sqlite');
  const store = new SqliteStore(file);
  const events = FIXTURE.map(({ v: _v, ...e }) => e);
  const row = { id: SESSION, arenaId: 'a1', code: 'ABC234', title: 'Bijeenkomst', scriptId: 'arena-bijeenkomst', createdAt: 1 };
  await store.importArena({ arena: { id: 'a1', title: 'Arena', theme: null, keyHash: 'h', createdAt: 1 }, scripts: [], kindData: [], sessions: [{ row, events, participants: [], contacts: [], files: [] }], logbook: { links: [], entries: [] } });
  await store.close();
  return file;
}

describe('event versions', () => {
  it('reads a log written at version 1; of its types only the small-win registration has moved on since', () => {
    expect(FIXTURE.every((e) => e.v === 1)).toBe(true);
    expect([...new Set(FIXTURE.filter((e) => eventVersions.latest(e.type) > 1).map((e) => e.type))]).toEqual([SMALLWIN_EVENTS.registered]);
    expect(eventVersions.latest(SMALLWIN_EVENTS.registered)).toBe(2);
  });

  it('rebuilds the same session and harvest from a version 1 log after a payload change', async () => {
    const expected = reduce(FIXTURE, SESSION, models);
    const store = new SqliteStore(await storedFixture(), { versions: versionsV2 });
    const loaded = await store.loadEvents(SESSION);
    const exported = (await store.exportArena('a1'))!.sessions[0]!.events;
    await store.close();

    const posted = loaded.filter((e) => e.type === WALL_EVENTS.posted);
    expect(posted).toHaveLength(FIXTURE.filter((e) => e.type === WALL_EVENTS.posted).length);
    for (const e of posted) expect(validator(wallV2.events[WALL_EVENTS.posted]!).Check(e.payload), JSON.stringify(e.payload)).toBe(true);
    expect(exported).toEqual(loaded);

    const rebuilt = reduce(loaded, SESSION, modelsV2);
    expect(rebuilt).toEqual(expected);
    expect(buildSession(rebuilt)).toEqual(buildSession(expected));
    // Without the upcaster, version 2's code cannot read the log.
    expect(() => reduce(FIXTURE, SESSION, modelsV2)).toThrow(TypeError);
  });

  it('writes new events at the latest version, and lifts only the older ones', async () => {
    const store = new SqliteStore(await storedFixture(), { versions: versionsV2 });
    const note: SessionEvent = { ...FIXTURE.find((e) => e.type === WALL_EVENTS.posted)!, id: 'nieuw', seq: FIXTURE.length + 1, payload: { column: 'klaagmuur', note: { body: 'Nieuw' } } };
    expect(await store.appendEvent(SESSION, note)).toEqual({ stored: true, seq: note.seq });
    expect((await store.loadEvents(SESSION, FIXTURE.length))[0]!.payload).toEqual({ column: 'klaagmuur', note: { body: 'Nieuw' } });
    await store.close();
  });

  it('refuses to read an event at a version newer than it knows', async () => {
    const file = await storedFixture();
    const newer = new SqliteStore(file, { versions: versionsV2 });
    await newer.appendEvent(SESSION, { ...FIXTURE[6]!, id: 'nieuw', seq: FIXTURE.length + 1, payload: { column: 'klaagmuur', note: { body: 'Nieuw' } } });
    await newer.close();
    const today = new SqliteStore(file);
    await expect(today.loadEvents(SESSION)).rejects.toBeInstanceOf(EventVersionError);
    await today.close();
    expect(() => eventVersions.upcast(WALL_EVENTS.posted, 0, {})).toThrow(EventVersionError);
  });
});

describe('lifting an imported file', () => {
  const file = (events: Stored[]) => ({ sessions: [{ title: 'Bijeenkomst', events }] }) as unknown as ArenaExport;
  const liftedPayloads = (lifted: ArenaExport | { problem: string }) => ('problem' in lifted ? lifted : lifted.sessions[0]!.events.map((e) => e.payload));

  it('lifts every event to the latest version, reading one without a version as version 1', () => {
    const withoutVersions = FIXTURE.map(({ v: _v, ...e }) => e);
    // The fixture's small win sits in the default oplaadfase without a concrete result: version 2 calls it a candidate.
    const expected = FIXTURE.map((e) =>
      e.type === WALL_EVENTS.posted ? { column: e.payload.column, note: { body: e.payload.text } } : e.type === SMALLWIN_EVENTS.registered ? { ...e.payload, candidate: true } : e.payload,
    );
    expect(liftedPayloads(liftedEvents(file(withoutVersions), versionsV2))).toEqual(expected);
    expect(liftedPayloads(liftedEvents(file([...FIXTURE]), versionsV2))).toEqual(expected);
    const lifted = liftedEvents(file([...FIXTURE]), versionsV2) as ArenaExport;
    expect(lifted.sessions[0]!.events.some((e) => 'v' in e)).toBe(false);
  });

  it('names an event at a version it does not know, or one its upcaster cannot lift', () => {
    const posted = FIXTURE.find((e) => e.type === WALL_EVENTS.posted)!;
    expect(liftedEvents(file([{ ...posted, v: 3 }]), versionsV2)).toMatchObject({ status: 400, code: 'import-event', params: { seq: posted.seq, field: 'v' } });
    expect(liftedEvents(file([{ ...posted, v: 2 }]))).toMatchObject({ status: 400, params: { field: 'v' } });
    const throwing = new EventVersions([{ [WALL_EVENTS.posted]: [() => { throw new TypeError('no text'); }] }]);
    expect(liftedEvents(file([posted]), throwing)).toMatchObject({ status: 400, params: { field: 'payload' } });
  });
});
