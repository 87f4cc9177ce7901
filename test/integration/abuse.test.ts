/**
 * An anonymous visitor of a public server, with the default settings: one
 * address cannot make arenas, sessions, scripts or imports without end, cannot
 * fill a session with made-up participants, and a nearly full disk stops new
 * things while the running session carries on and /healthz says so.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newId, newKey } from '../../server/secrets.js';
import { api, facilitator, participant, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';

const MB = 1024 * 1024;

/**
 * Makes one after another until the first 429, which it checks; how many were
 * made before it. The bucket refills while the loop runs (a few per second at
 * most), so the count is at least the burst and a little more on a slow machine.
 */
async function madeUntilLimited(make: () => Promise<{ status: number; body: any; headers: Headers }>, what: RegExp, burst: number) {
  for (let made = 0; made < burst * 2 + 100; made++) {
    const r = await make();
    if (r.status === 429) {
      expectLimited(r, what);
      return made;
    }
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  }
  throw new Error(`no 429 after ${burst * 2 + 100}`);
}

function expectLimited(r: { status: number; body: any; headers: Headers }, what: RegExp) {
  expect(r.status).toBe(429);
  expect(r.body).toMatchObject({ error: 'rate-limited', message: expect.stringMatching(what) });
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('creating and importing, per address', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst();
  });
  afterAll(() => oogst?.stop());

  it('makes 60 arenas an hour for one address, then answers 429 with Retry-After', async () => {
    const made = await madeUntilLimited(() => api(oogst.url, 'POST', '/api/arenas', { title: 'Proef' }), /arenas/, 60);
    expect(made).toBeGreaterThanOrEqual(60);
    expect(made).toBeLessThan(70);
  });

  it('starts 300 sessions an hour for one address, then answers 429', async () => {
    const a = await arenaOnStore(oogst); // this address has spent its arenas above
    const made = await madeUntilLimited(() => api(oogst.url, 'POST', `/api/arenas/${a.id}/sessions`, { script: 'monitoring' }, a.key), /sessions/, 300);
    expect(made).toBeGreaterThanOrEqual(300);
    expect(made).toBeLessThan(320);
  });

  it('takes 10 import files an hour from one address, then answers 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await api(oogst.url, 'POST', '/api/arenas/import', { format: 'oogst-arena' })).status);
    expect(statuses).toEqual(Array(10).fill(400)); // malformed files, each counted
    expectLimited(await api(oogst.url, 'POST', '/api/arenas/import', { format: 'oogst-arena' }), /imports/);
  });
});

/** An arena written straight into the store, for tests about what comes after the arena. */
async function arenaOnStore(oogst: Running) {
  const key = newKey();
  const id = newId();
  await oogst.store.createArena({ id, title: 'Proef', theme: null, keyHash: hashSecret(key), createdAt: Date.now() });
  return { id, key };
}

describe('what one arena holds', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_SESSIONS_PER_HOUR: '100000', OOGST_SCRIPT_SAVES_PER_HOUR: '100000', OOGST_ADMIN_PASSWORD: 'geheim-genoeg' } });
  });
  afterAll(() => oogst?.stop());

  it('holds 500 sessions; the next is refused with 409 and a reason', async () => {
    const a = await arenaOnStore(oogst);
    // One session made as a facilitator would; the other 498 straight into the store with its opening event, to be quick.
    const first = await api<{ id: string }>(oogst.url, 'POST', `/api/arenas/${a.id}/sessions`, { script: 'monitoring' }, a.key);
    expect(first.status).toBe(201);
    const [created] = await oogst.store.loadEvents(first.body.id);
    for (let i = 0; i < 498; i++) {
      const row = { id: newId(), arenaId: a.id, code: `T${String(i).padStart(5, '0')}`, title: `Bijeenkomst ${i}`, scriptId: 'monitoring', createdAt: i };
      await oogst.store.createSession(row, { ...created!, id: `created-${row.id}`, at: i });
    }
    expect((await api(oogst.url, 'POST', `/api/arenas/${a.id}/sessions`, { script: 'monitoring' }, a.key)).status).toBe(201);
    const r = await api(oogst.url, 'POST', `/api/arenas/${a.id}/sessions`, { script: 'monitoring' }, a.key);
    expect(r).toMatchObject({ status: 409, body: { error: 'arena-full', message: expect.stringContaining('500 sessions') } });
  });

  it('holds 100 scripts of its own; a new one is refused, an existing one is still saved', async () => {
    const a = await arenaOnStore(oogst);
    const yaml = (id: string) => `id: ${id}\ntitle: Check-in\nsteps:\n  - id: vraag\n    kind: open\n    title: Hoe zit je erbij?\n    questions:\n      - id: nu\n        text: Hoe zit je erbij?\n`;
    const put = (id: string) => api(oogst.url, 'PUT', `/api/arenas/${a.id}/scripts/${id}`, { yaml: yaml(id) }, a.key);
    for (let i = 0; i < 100; i++) expect((await put(`eigen-${i}`)).status).toBe(200);
    expect(await put('eigen-100')).toMatchObject({ status: 409, body: { error: 'arena-full', message: expect.stringContaining('100 scripts') } });
    expect((await put('eigen-7')).status).toBe(200);
  });

  it('asks for the admin password before it reads an import, and refuses a file over 32 MB', async () => {
    // Without the password, even a malformed file is not looked at.
    expect(await api(oogst.url, 'POST', '/api/arenas/import', { format: 'nee' })).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    const big = JSON.stringify({ format: 'oogst-arena', padding: 'x'.repeat(33 * MB) });
    const r = await fetch(`${oogst.url}/api/arenas/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-oogst-admin-password': 'geheim-genoeg' },
      body: big,
    });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ error: 'too-large' });
  });
});

describe('disk space', () => {
  let oogst: Running;
  let free = 10_000 * MB;
  let s: StartedSession;
  beforeAll(async () => {
    oogst = await startOogst({ freeDisk: async () => free });
    s = await startSession(oogst.url);
  });
  afterAll(() => oogst?.stop());

  it('refuses new arenas, sessions, scripts and imports below 200 MB free, while the running session carries on', async () => {
    const fac = await facilitator(oogst.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    const phone = await participant(oogst.url, s);
    expect((await api(oogst.url, 'GET', '/healthz')).body).toMatchObject({ status: 'ok', disk: 'ok', store: 'ok' });

    free = 150 * MB;
    const refusals = [
      await api(oogst.url, 'POST', '/api/arenas', { title: 'Nog een' }),
      await api(oogst.url, 'POST', `/api/arenas/${s.arena.id}/sessions`, { script: 'monitoring' }, s.arena.key),
      await api(oogst.url, 'PUT', `/api/arenas/${s.arena.id}/scripts/eigen`, { yaml: 'id: eigen\n' }, s.arena.key),
      await api(oogst.url, 'POST', '/api/arenas/import', { format: 'oogst-arena' }),
    ];
    for (const r of refusals) expect(r).toMatchObject({ status: 507, body: { error: 'disk-full', message: expect.stringContaining('Running sessions carry on') } });

    // The room goes on: a new phone joins, notes are stored and reach the console.
    const late = await participant(oogst.url, s);
    expect((await phone.send('wall.post', { column: 'klaagmuur', text: 'Te weinig respijtzorg' }, 'muur')).ok).toBe(true);
    expect((await late.send('wall.post', { column: 'jubelmuur', text: 'Goede buren' }, 'muur')).ok).toBe(true);
    const health = await api(oogst.url, 'GET', '/healthz');
    expect(health).toMatchObject({ status: 200, body: { status: 'degraded', disk: 'low', store: 'ok', message: expect.stringContaining('200 MB') } });

    free = 10_000 * MB;
    expect((await api(oogst.url, 'POST', '/api/arenas', { title: 'Weer ruimte' })).status).toBe(201);
    expect((await api(oogst.url, 'GET', '/healthz')).body.status).toBe('ok');
    for (const v of [fac, phone, late]) v.close();
  });

  it('reports the store as failing on /healthz once writes fail, instead of ok', async () => {
    const fac = await facilitator(oogst.url, s);
    const phone = await participant(oogst.url, s);
    // A full disk as SQLite meets it: the file may not grow by another page.
    const db = (oogst.store as unknown as { db: Database.Database }).db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let ack = { ok: true } as { ok: boolean; error?: string };
    for (let i = 0; i < 500 && ack.ok; i++) ack = await phone.send('wall.post', { column: 'klaagmuur', text: `Notitie ${i} `.repeat(30) }, 'muur');
    expect(ack).toMatchObject({ ok: false, error: 'internal' });
    const health = await api(oogst.url, 'GET', '/healthz');
    expect(health).toMatchObject({ status: 503, body: { status: 'degraded', store: 'failing', message: expect.stringContaining('server log') } });
    for (const v of [fac, phone]) v.close();
  });
});

describe('joining', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst();
  });
  afterAll(() => oogst?.stop());

  it('lets 400 phones behind one address join at once, slows the next, and never a phone coming back', async () => {
    const s = await startSession(oogst.url);
    const tokens: string[] = [];
    const made = await madeUntilLimited(
      async () => {
        const r = await api(oogst.url, 'POST', '/api/join', { code: s.session.code });
        if (r.status === 200) tokens.push(r.body.token);
        return r;
      },
      /joining/,
      400,
    );
    expect(made).toBeGreaterThanOrEqual(400);
    expect(made).toBeLessThan(900); // 5 a second: a script needs a quarter of an hour for the next 5,000
    // A phone that holds its token comes back in, however many tried before it.
    for (const token of tokens.slice(0, 20)) expect((await api(oogst.url, 'POST', '/api/join', { code: s.session.code, token })).status).toBe(200);
    // A token of another session is no way around the limit: it runs out again within a few tries.
    const other = await startSession(oogst.url);
    expect(await madeUntilLimited(() => api(oogst.url, 'POST', '/api/join', { code: other.session.code, token: tokens[0] }), /joining/, 0)).toBeLessThan(100);
  });
});
