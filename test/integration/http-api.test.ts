/** The HTTP API as a facilitator's laptop and a phone use it, including every refusal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, facilitator, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';

describe('HTTP API', () => {
  let oogst: Running;
  let s: StartedSession;
  beforeAll(async () => {
    oogst = await startOogst({ env: { PUBLIC_URL: 'https://oogst.example.nl/' } });
    s = await startSession(oogst.url);
  });
  afterAll(() => oogst?.stop());

  it('answers the health check', async () => {
    expect(await api(oogst.url, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('lists the shipped scripts with their steps and kinds', async () => {
    const { status, body } = await api(oogst.url, 'GET', '/api/scripts');
    expect(status).toBe(200);
    const script = body.find((x: { id: string }) => x.id === 'klaag-en-jubelmuur');
    expect(script.title).toBe('Klaag- en jubelmuur');
    expect(script.steps.map((st: { kind: string }) => st.kind)).toEqual(['slide', 'open', 'wall', 'open', 'questions', 'open']);
    const schema = await api(oogst.url, 'GET', '/api/scripts/schema.json');
    expect(schema.body.properties.steps.items.properties.kind).toBeDefined();
  });

  it('creates an arena with a long random key, and shows it only with that key', async () => {
    const created = await api(oogst.url, 'POST', '/api/arenas', { title: 'Jonge mantelzorgers Leiden' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^[A-Za-z0-9_-]{32}$/); // 32 × 6 bits = 192 bits
    const { id, key } = created.body;
    expect((await api(oogst.url, 'GET', `/api/arenas/${id}`, undefined, key)).body).toMatchObject({ id, title: 'Jonge mantelzorgers Leiden', sessions: [] });
    const wrong = await api(oogst.url, 'GET', `/api/arenas/${id}`, undefined, key.slice(1) + 'x');
    expect(wrong).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect((await api(oogst.url, 'GET', `/api/arenas/${id}`)).status).toBe(401);
    expect((await api(oogst.url, 'GET', `/api/arenas/${id}`, undefined, s.arena.key)).status).toBe(401);
    expect(await api(oogst.url, 'GET', '/api/arenas/nope', undefined, key)).toMatchObject({ status: 404, body: { error: 'not-found' } });
  });

  it('refuses malformed arenas with the field named', async () => {
    for (const body of [{}, { title: '' }, { title: 'x'.repeat(121) }, { title: 'ok', extra: 1 }, { title: 5 }]) {
      const r = await api(oogst.url, 'POST', '/api/arenas', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toBe('invalid');
      expect(r.body.details.length).toBeGreaterThan(0);
    }
    expect((await api(oogst.url, 'POST', '/api/arenas', '{not json')).status).toBe(400);
    expect((await api(oogst.url, 'POST', '/api/arenas', { title: 'x', theme: 'y'.repeat(70_000) })).status).toBe(413);
  });

  it('starts a session with a short unambiguous code and links that carry secrets in the fragment only', async () => {
    const { session } = s;
    expect(session.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(session.joinUrl).toBe(`https://oogst.example.nl/j/${session.code}`);
    for (const link of [session.consoleUrl, session.screenUrl]) {
      const url = new URL(link);
      expect(url.search).toBe('');
      expect(url.hash).toMatch(/^#key=.{32}$/);
    }
    expect(new URL(session.consoleUrl).hash).toBe(`#key=${s.arena.key}`);
    expect(new URL(session.screenUrl).hash).not.toContain(s.arena.key);
    const arena = await api(oogst.url, 'GET', `/api/arenas/${s.arena.id}`, undefined, s.arena.key);
    expect(arena.body.sessions).toHaveLength(1);
    expect(arena.body.sessions[0]).toMatchObject({ id: session.id, code: session.code, screenUrl: session.screenUrl });
    const bad = await api(oogst.url, 'POST', `/api/arenas/${s.arena.id}/sessions`, { script: 'bestaat-niet' }, s.arena.key);
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid' } });
    expect((await api(oogst.url, 'POST', `/api/arenas/${s.arena.id}/sessions`, { script: 'klaag-en-jubelmuur' })).status).toBe(401);
  });

  it('serves the join QR code as SVG pointing at the join URL', async () => {
    const r = await fetch(`${oogst.url}/api/sessions/${s.session.id}/qr.svg`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('image/svg+xml');
    expect(await r.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await fetch(`${oogst.url}/api/sessions/nope/qr.svg`)).status).toBe(404);
  });

  it('gives the harvest only to the arena key', async () => {
    for (const ext of ['md', 'json']) {
      expect((await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.${ext}`)).status).toBe(401);
      const ok = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.${ext}`, undefined, s.arena.key);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-disposition')).toContain(`oogst-klaag-en-jubelmuur.${ext}`);
    }
    expect((await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.exe`, undefined, s.arena.key)).status).toBe(404);
    expect((await api(oogst.url, 'GET', `/api/sessions/nope/harvest.md`, undefined, s.arena.key)).status).toBe(404);
  });

  it('lets a phone join by code, case- and space-insensitively, and rejoin with its token', async () => {
    const first = await api(oogst.url, 'POST', '/api/join', { code: ` ${s.session.code.toLowerCase()} ` });
    expect(first.status).toBe(200);
    expect(first.body.pseudonym).toMatch(/^\S+ \S+/);
    expect(first.body.participantId).toEqual(expect.any(String));
    const again = await api(oogst.url, 'POST', '/api/join', { code: s.session.code, token: first.body.token });
    expect(again.body.participantId).toBe(first.body.participantId);
    const stranger = await api(oogst.url, 'POST', '/api/join', { code: s.session.code, token: 'made-up' });
    expect(stranger.status).toBe(200);
    expect(stranger.body.participantId).toEqual(expect.any(String));
    expect(stranger.body.participantId).not.toBe(first.body.participantId);
  });

  it("keeps only an id derived from a phone's member secret: the same in every session of the arena, never the secret", async () => {
    const secret = 'Qk3v9xT2mP8rL5nW1yZ4aB';
    const other = await api(oogst.url, 'POST', `/api/arenas/${s.arena.id}/sessions`, { script: 'klaag-en-jubelmuur' }, s.arena.key);
    const sessions = [s.session, other.body];
    const members: string[] = [];
    for (const session of sessions) {
      const joined = await api(oogst.url, 'POST', '/api/join', { code: session.code, member: secret });
      expect(joined.status).toBe(200);
      const view = await facilitator(oogst.url, { ...s, session });
      members.push(view.state!.participants[joined.body.participantId]!.member!);
      view.close();
    }
    expect(members[0]).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(members[1]).toBe(members[0]);
    const exported = await fetch(`${oogst.url}/api/arenas/${s.arena.id}/export.json`, { headers: { authorization: `Bearer ${s.arena.key}` } });
    const text = await exported.text();
    expect(text).toContain(members[0]);
    expect(text).not.toContain(secret);
    for (const member of ['short', 'x'.repeat(65), 'a/b'.repeat(10)])
      expect((await api(oogst.url, 'POST', '/api/join', { code: s.session.code, member })).status, member).toBe(400);
  });

  it('gives everyone in a session a different pseudonym, even when many join at once', async () => {
    const fresh = await startSession(oogst.url);
    const joins = await Promise.all(Array.from({ length: 60 }, () => api(oogst.url, 'POST', '/api/join', { code: fresh.session.code })));
    const names = joins.map((j) => j.body.pseudonym as string);
    expect(new Set(names).size).toBe(60);
  });

  it('serves the pages under a strict content security policy', async () => {
    const page = await fetch(`${oogst.url}/j/${s.session.code}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // The page's scripts are files of its own, none written inline.
    const html = await page.text();
    expect(html).toMatch(/<script[^>]*\ssrc="\/assets\/[^"]+\.js"/);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });
});

describe('join codes', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst();
  });
  afterAll(() => oogst?.stop());

  // Guessing, and what it never locks out: join-guesses.test.ts.
  it('answers an unknown code with a friendly 404 page', async () => {
    const page = await fetch(`${oogst.url}/j/ZZZZZZ`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain('Code niet gevonden');
    expect(html).toContain('ZZZZZZ');
    expect((await api(oogst.url, 'POST', '/api/join', { code: 'QQQQ22' })).body).toMatchObject({ error: 'not-found' });
  });

  it('escapes the code it echoes', async () => {
    const fresh = await startOogst();
    const html = await (await fetch(`${fresh.url}/j/${encodeURIComponent('<b>x</b>')}`)).text();
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&#60;b&#62;x&#60;/b&#62;');
    await fresh.stop();
  });
});

describe('static files', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst();
  });
  afterAll(() => oogst?.stop());

  it('sends the phone compressed, hashed assets cached for good, pages revalidated', async () => {
    const page = await fetch(`${oogst.url}/j`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const asset = await fetch(oogst.url + script, { headers: { 'accept-encoding': 'br' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('stops while phones are still connected, telling them to go', async () => {
    const fresh = await startOogst();
    const s = await startSession(fresh.url);
    const { participant } = await import('../helpers/oogst.js');
    const phone = await participant(fresh.url, s);
    const reason = new Promise((resolve) => phone.socket.once('disconnect', resolve));
    // Without ending live sockets first, this would wait for the phone to leave (past the test's time limit).
    await fresh.stop();
    expect(await reason).toBe('io server disconnect');
    phone.close();
  });
});
