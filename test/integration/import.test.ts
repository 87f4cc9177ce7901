/**
 * Importing a file that is not what Oogst exported: a real export, changed in many
 * ways (ids twice at every level, ids already on the server, wrong types anywhere,
 * forged events), is refused with 400 or 409 and a reason, never a 500, and
 * nothing of it is written.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArena } from '../helpers/arena-fixture.js';
import { api, startOogst, type Running } from '../helpers/oogst.js';
import { seeded } from '../helpers/random.js';
import { eventVersions } from '../../server/store/event-versions.js';

type Json = any;
const TABLES = ['arenas', 'sessions', 'participants', 'events', 'contacts', 'arena_scripts'];

describe('importing a file that was changed', () => {
  let fixture: Awaited<ReturnType<typeof startArena>>;
  let target: Running;
  let file: Json;

  beforeAll(async () => {
    fixture = await startArena(1);
    // A thousand files from one address: the per-address import limit is lifted for this test.
    target = await startOogst({ scriptsDir: fixture.scriptsDir, env: { OOGST_IMPORTS_PER_HOUR: '100000' } });
    file = (await api(fixture.oogst.url, 'GET', `/api/arenas/${fixture.arena.id}/export.json`, undefined, fixture.arena.key)).body;
  }, 90_000);
  afterAll(async () => {
    await target?.stop();
    await fixture?.stop();
  });

  /** Rows in every table of the target's store. */
  const rows = () => {
    const db = new Database(join(target.dataDir, 'oogst.sqlite'), { readonly: true });
    try {
      return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
    } finally {
      db.close();
    }
  };

  /** Imports `changed`; a refusal must leave every table as it was. An accepted file is deleted again. */
  async function attempt(changed: Json) {
    const before = rows();
    const answer = await api(target.url, 'POST', '/api/arenas/import', changed);
    if (answer.status === 201) await api(target.url, 'DELETE', `/api/arenas/${answer.body.id}`, undefined, answer.body.key);
    else expect(rows(), JSON.stringify(answer.body)).toEqual(before);
    return answer;
  }

  /** A copy of the file as another arena: new arena and session ids, so only what a test changes collides. */
  const fresh = (tag: string): Json => {
    const copy = structuredClone(file);
    copy.arena.id = `arena-${tag}`;
    for (const [i, s] of copy.sessions.entries()) s.id = `session-${tag}-${i}`;
    return copy;
  };

  it('refuses ids the file holds twice, at every level, naming them', async () => {
    const s0 = (f: Json) => f.sessions[0];
    const cases: [string, (f: Json) => void, string][] = [
      ['two sessions with one id', (f) => f.sessions.push({ ...structuredClone(s0(f)), code: 'ANDERS' }), 'import-twice-session'],
      ['a participant listed twice', (f) => s0(f).participants.push({ ...s0(f).participants[0], tokenHash: 'f'.repeat(64) }), 'import-twice-participant'],
      [
        'one participant in two sessions',
        (f) => f.sessions.push({ ...structuredClone(s0(f)), id: 'second', code: 'ANDERS', participants: s0(f).participants.map((p: Json) => ({ ...p, tokenHash: `${p.tokenHash}x` })) }),
        'import-twice-participant',
      ],
      ['a token listed twice', (f) => (s0(f).participants[1].tokenHash = s0(f).participants[0].tokenHash), 'import-twice-token'],
      ['an event id twice', (f) => (s0(f).events[3].id = s0(f).events[2].id), 'import-twice-event'],
      ['a contact twice', (f) => s0(f).contacts.push(s0(f).contacts[0]), 'import-twice-contact'],
      ['a script twice', (f) => f.scripts.push({ id: 'eigen', yaml: 'title: x', updatedAt: 1 }, { id: 'eigen', yaml: 'title: y', updatedAt: 2 }), 'import-twice-script'],
    ];
    for (const [name, change, code] of cases) {
      const changed = fresh('twice');
      change(changed);
      const answer = await attempt(changed);
      expect([answer.status, answer.body.error], name).toEqual([400, code]);
    }
  });

  it('refuses a forged event: a registered small win rewritten into a progress update, naming session, seq and field', async () => {
    const changed = fresh('forged');
    const session = changed.sessions[0];
    const registered = session.events.find((e: Json) => e.type === 'smallwin.registered');
    // Written at version 2 (it has a `candidate`); a progress update is at version 1.
    Object.assign(registered, { type: 'smallwin.progressed', v: 1 });
    const answer = await attempt(changed);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'import-event', params: { session: session.title, seq: registered.seq, type: 'smallwin.progressed', field: 'payload.sessionId' } });
    expect(answer.body.message).toContain(`event ${registered.seq}`);
    // An event type Oogst never writes, and one named like an object member.
    for (const type of ['smallwin.forged', '__proto__']) {
      const other = fresh('forged');
      other.sessions[0].events[2].type = type;
      expect((await attempt(other)).body).toMatchObject({ error: 'import-event', params: { field: 'type' } });
    }
  });

  it('imports a file from before event versions as version 1, and refuses a version this Oogst does not know', async () => {
    const events = (f: Json) => f.sessions.map((s: Json) => s.events);
    // Every event at its type's latest version: 1, but for a small win's registration (2).
    expect(events(file).flat().every((e: Json) => e.v === eventVersions.latest(e.type))).toBe(true);
    const unversioned = fresh('unversioned');
    // A file from before event versions: events at version 1 carry no `v`.
    for (const e of events(unversioned).flat()) if (e.v === 1) delete e.v;
    const answer = await api(target.url, 'POST', '/api/arenas/import', unversioned);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const exported = (await api(target.url, 'GET', `/api/arenas/${answer.body.id}/export.json`, undefined, answer.body.key)).body;
    expect(events(exported)).toEqual(events(file));
    await api(target.url, 'DELETE', `/api/arenas/${answer.body.id}`, undefined, answer.body.key);

    const newer = fresh('newer');
    const posted = newer.sessions[0].events.find((e: Json) => e.type === 'wall.note-posted');
    posted.v = 2;
    const refused = await attempt(newer);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'import-event', params: { seq: posted.seq, type: 'wall.note-posted', field: 'v' } });
  });

  it('answers 400 or 409 to a thousand files with one value changed anywhere, never 500, and writes nothing refused', { timeout: 120_000 }, async () => {
    const random = seeded(13);
    const wrong: unknown[] = [null, 0, -1, 1.5, 2 ** 53, '', 'x'.repeat(300), '__proto__', [], {}, [1, 'a'], { id: 1 }, true];
    const paths: (string | number)[][] = [];
    const walk = (value: Json, path: (string | number)[]) => {
      paths.push(path);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(fresh('walk'), []);
    const statuses: Record<number, number> = {};
    for (let n = 0; n < 1000; n++) {
      const changed = fresh(`fuzz-${n}`);
      const path = random.pick(paths.slice(1));
      const parent = path.slice(0, -1).reduce((v: Json, k) => v[k], changed);
      const last = path[path.length - 1]!;
      if (random.next() < 0.15 && !Array.isArray(parent)) delete parent[last];
      else parent[last] = structuredClone(random.pick(wrong));
      const answer = await attempt(changed);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      expect([201, 400, 409], `${path.join('.')}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
      if (answer.status !== 201) expect(answer.body.message).toBeTruthy();
    }
    console.log(`import fuzz: 1000 changed files, statuses: ${JSON.stringify(statuses)}`);
  });

  it('refuses ids already on this server with 409, whichever level they are at', async () => {
    expect((await api(target.url, 'POST', '/api/arenas/import', file)).status).toBe(201);
    const here = structuredClone(file);
    here.sessions = [];
    const cases: [string, Json, string][] = [
      ['the arena', here, 'import-arena-exists'],
      ['a session', { ...structuredClone(file), arena: { ...file.arena, id: 'arena-other' } }, 'import-session-exists'],
      ['the participants', fresh('taken'), 'import-ids-taken'],
    ];
    for (const [name, changed, code] of cases) {
      const answer = await attempt(changed);
      expect([answer.status, answer.body.error], name).toEqual([409, code]);
      expect(answer.body.message).toBeTruthy();
    }
  });
});
