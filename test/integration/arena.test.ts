/**
 * An arena over three meetings, against the real server and SQLite: the small
 * wins and the monitoring trend carry across, the arena is edited and its next
 * meeting planned, it is exported and imported on another installation with
 * nothing lost, and deleting it leaves no row behind in any table.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_NOTE, startArena, TRICKY_NOTE, type Meeting } from '../helpers/arena-fixture.js';
import { api, facilitator, participant, startOogst, type Running } from '../helpers/oogst.js';

describe('an arena that remembers', () => {
  let fixture: Awaited<ReturnType<typeof startArena>>;
  let oogst: Running;
  /** Another installation with the same scripts, to import on. */
  let other: Running;
  let arena: { id: string; key: string };
  let meetings: Meeting[];

  beforeAll(async () => {
    fixture = await startArena(3);
    ({ oogst, arena, meetings } = fixture);
    other = await startOogst({ scriptsDir: fixture.scriptsDir });
  }, 60_000);
  afterAll(async () => {
    await other?.stop();
    await fixture?.stop();
  });

  it('carries the small wins and the monitoring trend across three meetings', async () => {
    const { body } = await api(oogst.url, 'GET', `/api/arenas/${arena.id}/harvest.json`, undefined, arena.key);
    expect(body.arena).toMatchObject({ title: 'Jonge mantelzorgers Leiden', sessions: 3 });
    expect(body.smallwins.map((w: { title: string; session: { title: string } }) => `${w.title} @ ${w.session.title}`)).toEqual([
      'Koffie-uur 1 @ Bijeenkomst 1',
      'Koffie-uur 2 @ Bijeenkomst 2',
      'Koffie-uur 3 @ Bijeenkomst 3',
    ]);
    expect(body.smallwins[0]).toMatchObject({ mechanisms: ['Energizing'], paths: ['Verspreiden'] });
    expect(body.monitoring.questions.map((q: { id: string }) => q.id)).toEqual(['waarde', 'samenwerking', 'morgen']);
    expect(body.monitoring.sessions.map((s: { counts: Record<string, number> }) => s.counts)).toEqual(meetings.map((m) => m.monitoring));
    expect(body.monitoring.sessions.map((s: { counts: { morgen: number } }) => s.counts.morgen)).toEqual([1, 2, 3]);
    expect(body.sessions).toHaveLength(3);
  });

  it('offers the texts of a meeting an arena can adopt as its ambition: clusters, notes and answers, nothing hidden', async () => {
    const session = meetings[1]!.session.session.id;
    const { status, body } = await api(oogst.url, 'GET', `/api/sessions/${session}/ambition-candidates`, undefined, arena.key);
    expect(status).toBe(200);
    // In the agenda's order: the wall (a cluster before its notes, column by column), then the open answers.
    expect(body.texts.slice(0, 5)).toEqual(['Wachtlijsten', 'Wachtlijsten zijn te lang (2)', 'Wachtlijst voor respijtzorg (2)', 'Het buurtteam kent de mensen bij naam (2)', TRICKY_NOTE]);
    expect(body.texts).toContain('morgen: antwoord 1 in bijeenkomst 2');
    expect(body.texts).not.toContain(HIDDEN_NOTE);
    // Polls, word clouds, questions, dots and small wins offer nothing to adopt.
    expect(body.texts.filter((t: string) => /Rust|Hoe kunnen we|Koffie-uur/.test(t))).toEqual([]);
    expect((await api(oogst.url, 'GET', `/api/sessions/${session}/ambition-candidates`)).status).toBe(401);
  });

  it('keeps an ambition taken from a meeting, and plans the next meeting with the same agenda', async () => {
    const ambition = 'Over twee jaar merkt de doelgroep dat wij eerder langskomen';
    const patched = await api(oogst.url, 'PATCH', `/api/arenas/${arena.id}`, { ambition }, arena.key);
    expect(patched.body).toMatchObject({ ambition, theme: 'Mantelzorg' });
    expect((await api(oogst.url, 'PATCH', `/api/arenas/${arena.id}`, { title: '  ' }, arena.key)).status).toBe(400);

    const last = meetings[2]!.session.session.id;
    const again = await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { from: last, title: 'Bijeenkomst 4', plannedAt: '2027-01-12T19:30:00+01:00' }, arena.key);
    expect(again.status).toBe(201);
    expect((await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { from: 'nope' }, arena.key)).status).toBe(400);
    expect((await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script: 'arena-bijeenkomst', plannedAt: 'morgen' }, arena.key)).status).toBe(400);

    const details = await api(oogst.url, 'GET', `/api/arenas/${arena.id}`, undefined, arena.key);
    expect(details.body.ambition).toBe(ambition);
    const planned = details.body.sessions.find((s: { id: string }) => s.id === again.body.id);
    expect(planned.plannedAt).toBe(Date.parse('2027-01-12T18:30:00Z'));
    const fac = await facilitator(oogst.url, { arena, session: again.body, screenKey: '' });
    const earlier = await facilitator(oogst.url, meetings[2]!.session);
    expect(fac.state!.steps).toEqual(earlier.state!.steps);
    // The small wins of the three meetings are there to record progress on.
    expect((fac.state!.arenaContext.smallwin as { wins: unknown[] }).wins).toHaveLength(3);
    fac.close();
    earlier.close();
    const md = await api<string>(oogst.url, 'GET', `/api/sessions/${again.body.id}/harvest.md`, undefined, arena.key);
    expect(md.body).toContain('**Datum:** 12 januari 2027 om 19:30');
    expect((await api(oogst.url, 'PATCH', `/api/sessions/${again.body.id}`, { plannedAt: null }, arena.key)).body.plannedAt).toBeNull();
    expect((await api(oogst.url, 'DELETE', `/api/sessions/${again.body.id}`, undefined, arena.key)).status).toBe(204);
  });

  it('exports the arena as one file and imports it elsewhere with nothing lost, under a new key', async () => {
    const exported = await api(oogst.url, 'GET', `/api/arenas/${arena.id}/export.json`, undefined, arena.key);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.body).toMatchObject({ format: 'oogst-arena', version: 1 });
    expect(JSON.stringify(exported.body)).not.toContain(arena.key);
    expect(exported.body.sessions.map((s: { contacts: { email: string }[] }) => s.contacts.map((c) => c.email))).toEqual([
      ['anne1@voorbeeld.nl'],
      ['anne2@voorbeeld.nl'],
      ['anne3@voorbeeld.nl'],
    ]);

    const imported = await api(other.url, 'POST', '/api/arenas/import', exported.body);
    expect(imported.status).toBe(201);
    expect(imported.body.id).toBe(arena.id);
    expect(imported.body.key).not.toBe(arena.key);
    // The old key opens nothing there; the new one opens everything.
    expect((await api(other.url, 'GET', `/api/arenas/${arena.id}`, undefined, arena.key)).status).toBe(401);
    const back = await api(other.url, 'GET', `/api/arenas/${arena.id}/export.json`, undefined, imported.body.key);
    const { exportedAt: _a, ...before } = exported.body;
    const { exportedAt: _b, ...after } = back.body;
    expect(after).toEqual(before);
    for (const format of ['md', 'json', 'csv', 'html']) {
      const here = await api<string>(oogst.url, 'GET', `/api/arenas/${arena.id}/harvest.${format}`, undefined, arena.key);
      const there = await api<string>(other.url, 'GET', `/api/arenas/${arena.id}/harvest.${format}`, undefined, imported.body.key);
      expect(there.body, format).toEqual(here.body);
    }
    expect((await api(other.url, 'POST', '/api/arenas/import', exported.body)).status).toBe(409);
    const broken = structuredClone(exported.body);
    broken.arena.id = 'anders';
    broken.sessions[0].events[3].seq = 99;
    const refused = await api(other.url, 'POST', '/api/arenas/import', broken);
    expect(refused.status).toBe(409); // its sessions are there already
    await api(other.url, 'DELETE', `/api/arenas/${arena.id}`, undefined, imported.body.key);
    expect((await api(other.url, 'POST', '/api/arenas/import', broken)).body.message).toContain('not numbered');
    expect((await api(other.url, 'GET', '/api/arenas/anders', undefined, imported.body.key)).status).toBe(404);
    expect((await api(other.url, 'POST', '/api/arenas/import', { format: 'iets', sessions: [] })).status).toBe(400);
  });

  it('deletes a live session (its views are disconnected) and then the whole arena, leaving no row in any table', async () => {
    const s = meetings[0]!.session;
    const fac = await facilitator(oogst.url, s);
    const phone = await participant(oogst.url, s);
    const gone = Promise.all([fac, phone].map((v) => new Promise<string>((resolve) => v.socket.once('disconnect', resolve))));
    expect((await api(oogst.url, 'DELETE', `/api/sessions/${s.session.id}`, undefined, arena.key)).status).toBe(204);
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
    expect((await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, arena.key)).status).toBe(404);
    expect((await api(oogst.url, 'POST', '/api/join', { code: s.session.code })).status).toBe(404);
    fac.close();
    phone.close();

    const ids = [arena.id, ...meetings.map((m) => m.session.session.id)];
    const rowsMentioning = () => {
      const db = new Database(join(oogst.dataDir, 'oogst.sqlite'), { readonly: true });
      try {
        const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
        expect(tables).toEqual(expect.arrayContaining(['arenas', 'sessions', 'participants', 'events', 'arena_scripts', 'contacts']));
        return tables.flatMap((t) => (db.prepare(`SELECT * FROM "${t}"`).all() as object[]).map((r) => JSON.stringify(r)).filter((r) => ids.some((id) => r.includes(id))));
      } finally {
        db.close();
      }
    };
    expect(rowsMentioning().length).toBeGreaterThan(0);
    expect((await api(oogst.url, 'DELETE', `/api/arenas/${arena.id}`, undefined, 'wrong-key')).status).toBe(401);
    expect((await api(oogst.url, 'DELETE', `/api/arenas/${arena.id}`, undefined, arena.key)).status).toBe(204);
    expect(rowsMentioning()).toEqual([]);
    expect((await api(oogst.url, 'GET', `/api/arenas/${arena.id}`, undefined, arena.key)).status).toBe(404);
  });
});

describe('an instance admin password', () => {
  it('guards creating and importing arenas, and nothing else', async () => {
    const oogst = await startOogst({ env: { OOGST_ADMIN_PASSWORD: 'geheim wachtwoord' } });
    try {
      expect((await api(oogst.url, 'POST', '/api/arenas', { title: 'Zonder' })).status).toBe(401);
      const made = await fetch(`${oogst.url}/api/arenas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-oogst-admin-password': 'geheim wachtwoord' },
        body: JSON.stringify({ title: 'Met' }),
      });
      expect(made.status).toBe(201);
      const { id, key } = (await made.json()) as { id: string; key: string };
      // The arena's own key is enough for everything inside it.
      expect((await api(oogst.url, 'PATCH', `/api/arenas/${id}`, { theme: 'Zorg' }, key)).status).toBe(200);
      const exported = await api(oogst.url, 'GET', `/api/arenas/${id}/export.json`, undefined, key);
      expect((await api(oogst.url, 'DELETE', `/api/arenas/${id}`, undefined, key)).status).toBe(204);
      expect((await api(oogst.url, 'POST', '/api/arenas/import', exported.body)).status).toBe(401);
    } finally {
      await oogst.stop();
    }
  });
});
