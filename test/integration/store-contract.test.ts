/**
 * The storage contract every store must keep. Runs against each store Oogst has
 * (SQLite, and PostgreSQL in a schema of its own per test); a new store adds one
 * entry to `stores`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/protocol.js';
import { EventVersionError, EventVersions } from '../../server/store/event-versions.js';
import { migrations } from '../../server/store/migrations.js';
import { PgStore } from '../../server/store/pg-store.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { SeqConflictError, type Store } from '../../server/store/store.js';
import { storesMadeUpEvents } from '../helpers/event-schema-check.js';
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres, skipPostgres } from '../helpers/services.js';

// The contract is about storing any event: its made-up payloads are not checked against event schemas.
storesMadeUpEvents();

interface Opened {
  store: Store;
  /** A second store on the same data: the same file, or another server's connection pool; `versions` as a later Oogst's. */
  reopen(versions?: EventVersions): Promise<Store>;
  cleanup(): Promise<void> | void;
}

const stores: { name: string; skip?: boolean; ready?: () => Promise<void>; make: () => Promise<Opened> }[] = [
  {
    name: 'sqlite',
    make: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'oogst-store-'));
      const file = join(dir, 'oogst.sqlite');
      return { store: new SqliteStore(file), reopen: async (versions) => new SqliteStore(file, { versions }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    skip: skipPostgres,
    ready: requirePostgres,
    make: async () => {
      const schema = freshSchema();
      return { store: await PgStore.open(POSTGRES_URL, { schema }), reopen: (versions) => PgStore.open(POSTGRES_URL, { schema, versions }), cleanup: () => dropSchema(schema) };
    },
  },
];

const event = (seq: number, id = `e${seq}`): SessionEvent => ({
  id,
  seq,
  type: seq === 1 ? 'session.created' : 'wall.note-posted',
  ...(seq === 1 ? {} : { stepId: 'muur' }),
  actor: seq === 1 ? { role: 'facilitator' } : { role: 'participant', id: 'p1' },
  payload: { text: `nummer ${seq} — “quotes” & emoji 🌱` },
  at: 1_700_000_000_000 + seq,
});

for (const { name, skip, ready, make } of stores) {
  describe.skipIf(skip)(`${name} store`, () => {
    let opened: Opened | undefined;
    const cleanups: (() => Promise<void> | void)[] = [];
    if (ready) beforeAll(ready);
    afterEach(async () => {
      for (const c of cleanups.splice(0)) await c();
    });
    async function withSession() {
      opened = await make();
      const { store } = opened;
      cleanups.push(() => opened!.cleanup());
      await store.createArena({ id: 'a1', title: 'Arena', theme: null, keyHash: 'h', createdAt: 1 });
      await store.createSession({ id: 's1', arenaId: 'a1', code: 'ABC234', title: 'Sessie', scriptId: 'x', createdAt: 2 }, event(1));
      return store;
    }

    it('keeps arenas, sessions and the first event together', async () => {
      const store = await withSession();
      expect(await store.getArena('a1')).toEqual({ id: 'a1', title: 'Arena', theme: null, keyHash: 'h', createdAt: 1, ambition: null, locale: 'nl', method: null, coreTheme: null, researchQuestion: null, synthesis: null });
      expect(await store.getSessionByCode('ABC234')).toMatchObject({ id: 's1', arenaId: 'a1' });
      expect(await store.listSessions('a1')).toHaveLength(1);
      expect(await store.loadEvents('s1')).toEqual([event(1)]);
      expect(await store.getSession('nope')).toBeUndefined();
      await store.close();
    });

    it("keeps an arena's screen language across a reopen", async () => {
      const store = await withSession();
      expect(await store.setArenaLocale('a1', 'en')).toBe(true);
      expect(await store.setArenaLocale('nope', 'en')).toBe(false);
      await store.createArena({ id: 'a2', title: 'Engelstalig', theme: null, keyHash: 'h', createdAt: 3, locale: 'en' });
      await store.close();
      const reopened = await opened!.reopen();
      expect((await reopened.getArena('a1'))?.locale).toBe('en');
      expect((await reopened.getArena('a2'))?.locale).toBe('en');
      expect(await reopened.setArenaLocale('a1', 'nl')).toBe(true);
      expect((await reopened.getArena('a1'))?.locale).toBe('nl');
      await reopened.close();
    });

    it('appends in order, answers a repeated id with its first seq, and refuses a taken seq', async () => {
      const store = await withSession();
      expect(await store.appendEvent('s1', event(2))).toEqual({ stored: true, seq: 2 });
      expect(await store.appendEvent('s1', event(3))).toEqual({ stored: true, seq: 3 });
      expect(await store.appendEvent('s1', { ...event(4), id: 'e2' })).toEqual({ stored: false, seq: 2 });
      await expect(store.appendEvent('s1', event(3, 'other'))).rejects.toBeInstanceOf(SeqConflictError);
      expect((await store.loadEvents('s1')).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect((await store.loadEvents('s1', 2)).map((e) => e.id)).toEqual(['e3']);
      expect(await store.eventSeq('s1', 'e3')).toBe(3);
      expect(await store.eventSeq('s1', 'nope')).toBeUndefined();
      await store.close();
    });

    it('stores a group commit whole or not at all, after handing over what was stored since the seq given', async () => {
      const store = await withSession();
      await store.appendEvent('s1', event(2));
      // Another server's event 2 is handed over; the batch follows it.
      let missed: number[] = [];
      const p = (i: number) => ({ id: `p${i}`, sessionId: 's1', tokenHash: `t${i}`, pseudonym: `P${i}`, createdAt: 3 });
      await store.appendEvents('s1', 1, (m) => {
        missed = m.map((e) => e.seq);
        return [{ event: event(3) }, { event: event(4), participant: p(1) }, { event: event(5), participant: p(2) }];
      });
      expect(missed).toEqual([2]);
      expect((await store.loadEvents('s1')).map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
      expect(await store.getParticipantByToken('s1', 't2')).toEqual(p(2));
      // One taken seq in a batch: none of it is stored, not even its participant.
      await expect(store.appendEvents('s1', 5, () => [{ event: event(6) }, { event: event(7), participant: p(3) }, { event: event(5, 'again') }])).rejects.toBeInstanceOf(SeqConflictError);
      expect((await store.loadEvents('s1')).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await store.getParticipantByToken('s1', 't3')).toBeUndefined();
      await store.close();
    });

    it('stores any text in a group commit exactly as given: quotes, backslashes, SQL and control characters are data', async () => {
      const store = await withSession();
      const texts = [
        "'); DROP TABLE events; --",
        "O'Brien zei: \\'hallo\\' \\",
        'E\'\\x41\' $1 $$ $tag$ ; COMMIT; \\n',
        '\t\r\n\u0001\u007f\u2028 “” 🌱 ﷺ',
        'a'.repeat(5000),
      ];
      const hostile = { id: "p'1\\", sessionId: 's1', tokenHash: "t'; --", pseudonym: "Reiger'\\", createdAt: 3 };
      await store.appendEvents('s1', 1, () =>
        texts.map((text, i) => ({
          event: { ...event(i + 2, `e'${i}\\`), stepId: "muur'; --", payload: { text } },
          ...(i === 0 ? { participant: hostile } : {}),
        })),
      );
      const stored = (await store.loadEvents('s1')).slice(1);
      expect(stored.map((e) => (e.payload as { text: string }).text)).toEqual(texts);
      expect(stored.map((e) => [e.id, e.stepId])).toEqual(texts.map((_, i) => [`e'${i}\\`, "muur'; --"]));
      expect(await store.getParticipantByToken('s1', "t'; --")).toEqual(hostile);
      await store.close();
    });

    it("keeps each event's payload version, and lifts an older one as it is read", async () => {
      const store = await withSession();
      await store.appendEvent('s1', event(2));
      await store.close();
      // A later Oogst keeps the note's text as `body`: version 2 of the event, lifted from 1 by its upcaster.
      const later = await opened!.reopen(new EventVersions([{ 'wall.note-posted': [({ text }: { text: string }) => ({ body: text })] }]));
      await later.appendEvent('s1', { ...event(3), payload: { body: 'drie' } });
      const expected = [event(1).payload, { body: (event(2).payload as { text: string }).text }, { body: 'drie' }];
      expect((await later.loadEvents('s1')).map((e) => e.payload)).toEqual(expected);
      expect((await later.exportArena('a1'))!.sessions[0]!.events.map((e) => e.payload)).toEqual(expected);
      await later.close();
      // Today's Oogst knows version 1 only, and says so instead of misreading the newer event.
      const today = await opened!.reopen();
      await expect(today.loadEvents('s1')).rejects.toBeInstanceOf(EventVersionError);
      await today.close();
    });

    it('stores a participant with their join event, atomically', async () => {
      const store = await withSession();
      const participant = { id: 'p1', sessionId: 's1', tokenHash: 't1', pseudonym: 'Blauwe Reiger', createdAt: 3 };
      await store.appendEvent('s1', event(2), participant);
      expect(await store.getParticipantByToken('s1', 't1')).toEqual(participant);
      // A conflicting seq writes neither the event nor the participant.
      await expect(store.appendEvent('s1', event(2, 'x'), { ...participant, id: 'p2', tokenHash: 't2' })).rejects.toBeInstanceOf(SeqConflictError);
      expect(await store.getParticipantByToken('s1', 't2')).toBeUndefined();
      await store.close();
    });

    it("keeps an arena's own scripts, replaced by id and removed with the arena's key", async () => {
      const store = await withSession();
      await store.saveArenaScript({ arenaId: 'a1', id: 'mijn', yaml: 'een', updatedAt: 1 });
      await store.saveArenaScript({ arenaId: 'a1', id: 'mijn', yaml: 'twee', updatedAt: 2 });
      await store.saveArenaScript({ arenaId: 'a1', id: 'ander', yaml: 'drie', updatedAt: 3 });
      expect((await store.listArenaScripts('a1')).map((r) => `${r.id}=${r.yaml}`)).toEqual(['ander=drie', 'mijn=twee']);
      expect(await store.deleteArenaScript('a1', 'mijn')).toBe(true);
      expect(await store.deleteArenaScript('a1', 'mijn')).toBe(false);
      expect(await store.listArenaScripts('nope')).toEqual([]);
      await store.close();
    });

    it('keeps what a kind keeps for an arena, one per kind, replaced and removed', async () => {
      const store = await withSession();
      await store.saveArenaKindData({ arenaId: 'a1', kind: 'checklist', value: '{"items":[]}', updatedAt: 1 });
      await store.saveArenaKindData({ arenaId: 'a1', kind: 'checklist', value: '{"items":[1]}', updatedAt: 2 });
      expect(await store.getArenaKindData('a1', 'checklist')).toEqual({ arenaId: 'a1', kind: 'checklist', value: '{"items":[1]}', updatedAt: 2 });
      expect(await store.getArenaKindData('a1', 'wall')).toBeUndefined();
      expect(await store.deleteArenaKindData('a1', 'checklist')).toBe(true);
      expect(await store.deleteArenaKindData('a1', 'checklist')).toBe(false);
      expect(await store.getArenaKindData('a1', 'checklist')).toBeUndefined();
      await store.close();
    });

    it("keeps a session's feed keys by hash, and revokes each once", async () => {
      const store = await withSession();
      await store.createSession({ id: 's2', arenaId: 'a1', code: 'XYZ234', title: 'Andere', scriptId: 'x', createdAt: 3 }, event(1));
      const overlay = { id: 'k1', sessionId: 's1', keyHash: 'hash-1', label: 'Overlay', createdAt: 10, revokedAt: null };
      await store.createFeedKey(overlay);
      await store.createFeedKey({ ...overlay, id: 'k2', keyHash: 'hash-2', label: 'Archief', createdAt: 11 });
      expect(await store.getFeedKeyByHash('s1', 'hash-1')).toEqual(overlay);
      // A key of one session opens nothing of another.
      expect(await store.getFeedKeyByHash('s2', 'hash-1')).toBeUndefined();
      expect(await store.revokeFeedKey('s2', 'k1', 20)).toBe(false);
      expect(await store.revokeFeedKey('s1', 'k1', 20)).toBe(true);
      expect(await store.revokeFeedKey('s1', 'k1', 21)).toBe(false);
      expect(await store.revokeFeedKey('s1', 'nope', 21)).toBe(false);
      expect(await store.getFeedKeyByHash('s1', 'hash-1')).toEqual({ ...overlay, revokedAt: 20 });
      expect((await store.listFeedKeys('s1')).map((k) => [k.id, k.revokedAt])).toEqual([
        ['k1', 20],
        ['k2', null],
      ]);
      expect(await store.listFeedKeys('s2')).toEqual([]);
      await store.close();
    });

    it("keeps an arena's logbook: links by code, revoked once; entries by date, changed only where asked, gone with the arena", async () => {
      const store = await withSession();
      const link = { id: 'l1', arenaId: 'a1', code: 'ABCDEFGH', requiresApproval: true, createdAt: 10, revokedAt: null };
      await store.createLogbookLink(link);
      await store.createLogbookLink({ ...link, id: 'l2', code: 'HGFEDCBA', requiresApproval: false, createdAt: 11 });
      expect(await store.getLogbookLinkByCode('ABCDEFGH')).toEqual(link);
      expect(await store.getLogbookLinkByCode('ZZZZZZZZ')).toBeUndefined();
      expect(await store.revokeLogbookLink('a2', 'l1', 20)).toBe(false);
      expect(await store.revokeLogbookLink('a1', 'l1', 20)).toBe(true);
      expect(await store.revokeLogbookLink('a1', 'l1', 21)).toBe(false);
      expect((await store.listLogbookLinks('a1')).map((l) => [l.id, l.revokedAt, l.requiresApproval])).toEqual([
        ['l1', 20, true],
        ['l2', null, false],
      ]);
      const entry = {
        id: 'e1', arenaId: 'a1', linkId: 'l2', createdAt: 30, date: '2026-03-02', what: 'weerstand' as const, cycle: 'handelen' as const,
        text: 'Het team wilde niet — “nog niet” 🌱', name: null, about: null, state: 'visible' as const, highlighted: false, shared: false,
      };
      const about = { kind: 'action', sessionId: 's1', itemId: 'x1', fields: { did: 'Gebeld', status: 'loopt' } };
      await store.addLogbookEntry(entry);
      await store.addLogbookEntry({ ...entry, id: 'e2', createdAt: 31, date: '2026-03-01', name: 'An', about, state: 'pending' });
      expect(await store.listLogbookEntries('a1')).toEqual([{ ...entry, id: 'e2', createdAt: 31, date: '2026-03-01', name: 'An', about, state: 'pending' }, entry]);
      expect(await store.updateLogbookEntry('a1', 'e2', { state: 'visible', highlighted: true })).toBe(true);
      expect(await store.updateLogbookEntry('a1', 'e1', { shared: true })).toBe(true);
      expect(await store.updateLogbookEntry('a2', 'e1', { shared: false })).toBe(false);
      expect(await store.updateLogbookEntry('a1', 'nope', { shared: false })).toBe(false);
      expect((await store.listLogbookEntries('a1')).map((e) => [e.id, e.state, e.highlighted, e.shared])).toEqual([
        ['e2', 'visible', true, false],
        ['e1', 'visible', false, true],
      ]);
      const dump = (await store.exportArena('a1'))!;
      expect(dump.logbook.entries).toHaveLength(2);
      expect(await store.deleteArena('a1')).toBe(true);
      expect(await store.listLogbookLinks('a1')).toEqual([]);
      expect(await store.listLogbookEntries('a1')).toEqual([]);
      expect(await store.getLogbookLinkByCode('ABCDEFGH')).toBeUndefined();
      await store.importArena(dump);
      expect(await store.exportArena('a1')).toEqual(dump);
      await store.close();
    });

    it("changes an arena's title, theme, ambition, method, kernthema, onderzoeksvraag and synthesis, and a session's title and planned date, only where asked", async () => {
      const store = await withSession();
      expect(await store.updateArena('a1', { ambition: 'Samen zorgen' })).toBe(true);
      expect(await store.getArena('a1')).toMatchObject({ title: 'Arena', theme: null, ambition: 'Samen zorgen' });
      expect(await store.updateArena('a1', { title: 'Nieuw', theme: 'Mantelzorg' })).toBe(true);
      expect(await store.getArena('a1')).toMatchObject({ title: 'Nieuw', theme: 'Mantelzorg', ambition: 'Samen zorgen' });
      expect(await store.updateArena('a1', { ambition: null })).toBe(true);
      expect((await store.getArena('a1'))!.ambition).toBeNull();
      expect(await store.updateArena('nope', { title: 'x' })).toBe(false);
      expect(await store.getArena('a1')).toMatchObject({ method: null, coreTheme: null, researchQuestion: null, synthesis: null });
      const synthesis = { summary: 'Samen "sterk"', decisions: '', lessons: 'Klein beginnen', chafed: 'Geld\nen tijd' };
      expect(await store.updateArena('a1', { method: 'waarderend-veranderen', coreTheme: 'Samen sterk', researchQuestion: 'Wat werkt?', synthesis })).toBe(true);
      expect(await store.getArena('a1')).toMatchObject({ title: 'Nieuw', theme: 'Mantelzorg', method: 'waarderend-veranderen', coreTheme: 'Samen sterk', researchQuestion: 'Wat werkt?', synthesis });
      expect((await store.exportArena('a1'))!.arena).toMatchObject({ method: 'waarderend-veranderen', synthesis });
      expect(await store.updateArena('a1', { method: null, synthesis: null })).toBe(true);
      expect(await store.getArena('a1')).toMatchObject({ method: null, coreTheme: 'Samen sterk', synthesis: null });
      expect((await store.getSession('s1'))!.plannedAt).toBeNull();
      expect(await store.updateSession('s1', { plannedAt: 1_800_000_000_000 })).toBe(true);
      expect(await store.updateSession('s1', { title: 'Tweede' })).toBe(true);
      expect(await store.getSession('s1')).toMatchObject({ title: 'Tweede', plannedAt: 1_800_000_000_000 });
      expect(await store.updateSession('nope', { title: 'x' })).toBe(false);
      await store.close();
    });

    it('keeps contacts per participant, replaced when they leave them again', async () => {
      const store = await withSession();
      await store.appendEvent('s1', event(2), { id: 'p1', sessionId: 's1', tokenHash: 't1', pseudonym: 'Reiger', createdAt: 3 });
      const contact = { sessionId: 's1', participantId: 'p1', name: 'An', email: 'an@example.nl', consent: 'Ja', createdAt: 4 };
      await store.saveContact(contact);
      await store.saveContact({ ...contact, email: 'an@voorbeeld.nl', createdAt: 5 });
      expect(await store.listContacts('a1')).toEqual([{ ...contact, email: 'an@voorbeeld.nl', createdAt: 5 }]);
      expect(await store.listParticipants('s1')).toEqual([{ id: 'p1', sessionId: 's1', tokenHash: 't1', pseudonym: 'Reiger', createdAt: 3 }]);
      expect(await store.listContacts('nope')).toEqual([]);
      await store.close();
    });

    it('deletes a session or an arena with everything in it, and imports an export as it was', async () => {
      const store = await withSession();
      await store.appendEvent('s1', event(2), { id: 'p1', sessionId: 's1', tokenHash: 't1', pseudonym: 'Reiger', createdAt: 3 });
      await store.saveContact({ sessionId: 's1', participantId: 'p1', name: 'An', email: 'an@example.nl', consent: 'Ja', createdAt: 4 });
      await store.saveArenaScript({ arenaId: 'a1', id: 'mijn', yaml: 'een', updatedAt: 1 });
      await store.saveArenaKindData({ arenaId: 'a1', kind: 'checklist', value: '{"items":[]}', updatedAt: 1 });
      await store.createSession({ id: 's2', arenaId: 'a1', code: 'XYZ234', title: 'Twee', scriptId: 'x', createdAt: 5, plannedAt: 9 }, event(1, 'c2'));
      const dump = (await store.exportArena('a1'))!;
      expect(dump.sessions.map((s) => s.row.id)).toEqual(['s1', 's2']);
      expect(await store.exportArena('nope')).toBeUndefined();

      expect(await store.deleteSession('s2')).toBe(true);
      expect(await store.getSession('s2')).toBeUndefined();
      expect(await store.loadEvents('s2')).toEqual([]);
      expect(await store.deleteSession('s2')).toBe(false);

      expect(await store.deleteArena('a1')).toBe(true);
      expect(await store.getArena('a1')).toBeUndefined();
      expect(await store.getSession('s1')).toBeUndefined();
      expect(await store.loadEvents('s1')).toEqual([]);
      expect(await store.listParticipants('s1')).toEqual([]);
      expect(await store.listContacts('a1')).toEqual([]);
      expect(await store.listArenaScripts('a1')).toEqual([]);
      expect(await store.getArenaKindData('a1', 'checklist')).toBeUndefined();

      expect(dump.kindData).toHaveLength(1);
      await store.importArena(dump);
      expect(await store.exportArena('a1')).toEqual(dump);
      // All or nothing: an import that clashes halfway writes nothing.
      await expect(store.importArena({ ...dump, arena: { ...dump.arena, id: 'a2' } })).rejects.toThrow();
      expect(await store.getArena('a2')).toBeUndefined();
      await store.close();
    });

    it("keeps a step's files with their bytes, counts them per step and uploader, and deletes, exports and imports them with the session", async () => {
      const store = await withSession();
      await store.appendEvent('s1', event(2), { id: 'p1', sessionId: 's1', tokenHash: 't1', pseudonym: 'Reiger', createdAt: 3 });
      const bytes = Uint8Array.from([0xff, 0xd8, 0xff, 0, 1, 2, 255, 0]);
      const file = (id: string, participantId: string | null, stepId = 'foto', createdAt = 10) => ({
        sessionId: 's1', id, stepId, participantId, type: 'image/jpeg', width: 1600, height: 1200, data: bytes, createdAt,
      });
      await store.saveFile(file('f1', 'p1'));
      await store.saveFile(file('f2', 'p1', 'foto', 11));
      await store.saveFile(file('f3', null, 'foto', 12));
      await store.saveFile(file('f4', 'p1', 'dia', 13));
      await expect(store.saveFile(file('f1', 'p1'))).rejects.toThrow();
      const got = (await store.getFile('s1', 'f1'))!;
      expect({ ...got, data: undefined }).toEqual({ ...file('f1', 'p1'), data: undefined });
      expect(Buffer.from(got.data).equals(Buffer.from(bytes))).toBe(true);
      expect(await store.getFile('s1', 'nope')).toBeUndefined();
      expect(await store.countFiles('s1', 'foto')).toBe(3);
      expect(await store.countFiles('s1', 'foto', 'p1')).toBe(2);
      expect(await store.countFiles('s1', 'foto', null)).toBe(1);
      expect(await store.countFiles('s1', 'dia', 'p1')).toBe(1);
      expect((await store.listFiles('s1')).map((f) => f.id)).toEqual(['f1', 'f2', 'f3', 'f4']);
      await store.saveFile(file('weg', 'p1'));
      expect(await store.deleteFile('s1', 'weg')).toBe(true);
      expect(await store.deleteFile('s1', 'weg')).toBe(false);
      expect(await store.countFiles('s1', 'foto', 'p1')).toBe(2);

      const dump = (await store.exportArena('a1'))!;
      expect(dump.sessions[0]!.files.map((f) => [f.id, Buffer.from(f.data).equals(Buffer.from(bytes))])).toEqual([['f1', true], ['f2', true], ['f3', true], ['f4', true]]);
      expect(await store.deleteSession('s1')).toBe(true);
      expect(await store.listFiles('s1')).toEqual([]);
      expect(await store.getFile('s1', 'f1')).toBeUndefined();
      expect(await store.deleteArena('a1')).toBe(true);
      await store.importArena(dump);
      expect((await store.listFiles('s1')).map((f) => f.id)).toEqual(['f1', 'f2', 'f3', 'f4']);
      expect(Buffer.from((await store.getFile('s1', 'f3'))!.data).equals(Buffer.from(bytes))).toBe(true);
      expect(await store.deleteArena('a1')).toBe(true);
      expect(await store.listFiles('s1')).toEqual([]);
      await store.close();
    });

    it('keeps everything across a reopen', async () => {
      const store = await withSession();
      await store.appendEvent('s1', event(2));
      await store.close();
      const again = await opened!.reopen();
      expect(await again.loadEvents('s1')).toEqual([event(1), event(2)]);
      await again.close();
    });

    it('lets exactly one of two servers store a seq, and tells the other it is taken', async () => {
      const store = await withSession();
      const other = await opened!.reopen();
      // Two servers decide seq 2 for the same session at the same moment.
      const outcomes = await Promise.allSettled([store.appendEvent('s1', event(2, 'from-a')), other.appendEvent('s1', event(2, 'from-b'))]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(SeqConflictError);
      // The same command retried through the other server is recognised, whatever seq it was given.
      const winner = (await store.loadEvents('s1', 1))[0]!;
      expect(await other.appendEvent('s1', { ...event(3), id: winner.id })).toEqual({ stored: false, seq: 2 });
      expect((await store.loadEvents('s1')).map((e) => e.seq)).toEqual([1, 2]);
      await other.close();
      await store.close();
    });
  });
}

describe('sqlite migrations', () => {
  it('reads the events of a store from before event versions as version 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oogst-store-'));
    const file = join(dir, 'oogst.sqlite');
    try {
      const db = new Database(file);
      for (const m of migrations.filter((m) => m.version <= 5)) db.exec(m.sqlite);
      db.pragma('user_version = 5');
      db.exec(`INSERT INTO arenas (id, title, theme, key_hash, created_at) VALUES ('a1', 'Arena', NULL, 'h', 1);
        INSERT INTO sessions (id, arena_id, code, title, script_id, created_at) VALUES ('s1', 'a1', 'ABC234', 'Sessie', 'x', 2);`);
      const insert = db.prepare(`INSERT INTO events (session_id, seq, id, type, step_id, actor, payload, at) VALUES ('s1', ?, ?, ?, ?, ?, ?, ?)`);
      for (const e of [event(1), event(2)]) insert.run(e.seq, e.id, e.type, e.stepId ?? null, JSON.stringify(e.actor), JSON.stringify(e.payload), e.at);
      db.close();
      const store = new SqliteStore(file, { versions: new EventVersions([{ 'wall.note-posted': [({ text }: { text: string }) => ({ body: text })] }]) });
      expect((await store.loadEvents('s1')).map((e) => e.payload)).toEqual([event(1).payload, { body: (event(2).payload as { text: string }).text }]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(skipPostgres)('postgres migrations', () => {
  beforeAll(requirePostgres);

  it('are applied once when two servers start together, and recorded per version', async () => {
    const schema = freshSchema();
    try {
      const [a, b] = await Promise.all([PgStore.open(POSTGRES_URL, { schema }), PgStore.open(POSTGRES_URL, { schema })]);
      await Promise.all([a.close(), b.close()]);
      const again = await PgStore.open(POSTGRES_URL, { schema });
      await again.close();
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      const { rows } = await client.query(`SELECT version FROM ${schema}.oogst_migrations ORDER BY version`);
      await client.end();
      const { migrations } = await import('../../server/store/migrations.js');
      expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    } finally {
      await dropSchema(schema);
    }
  });

  it('keeps settings given in DATABASE_URL beside its own schema', async () => {
    const schema = freshSchema();
    const store = await PgStore.open(`${POSTGRES_URL}?options=${encodeURIComponent('-c statement_timeout=4321')}`, { schema });
    try {
      const pool = (store as unknown as { pool: { query(sql: string): Promise<{ rows: Record<string, string>[] }> } }).pool;
      expect((await pool.query('SHOW statement_timeout')).rows[0]!.statement_timeout).toBe('4321ms');
      expect((await pool.query('SHOW search_path')).rows[0]!.search_path).toBe(schema);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
