/** A facilitator copies a shipped script, adapts it, uploads one, and starts a session from it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';

describe("an arena's own scripts", () => {
  let oogst: Running;
  let s: StartedSession;
  beforeAll(async () => {
    oogst = await startOogst();
    s = await startSession(oogst.url);
  });
  afterAll(() => oogst?.stop());

  const path = (suffix = '') => `/api/arenas/${s.arena.id}/scripts${suffix}`;

  it('copies a shipped script, adapts it, and runs a session from the copy', async () => {
    const shipped = await api<string>(oogst.url, 'GET', path('/klaag-en-jubelmuur.yaml'), undefined, s.arena.key);
    expect(shipped.status).toBe(200);
    expect(shipped.body).toContain('id: klaag-en-jubelmuur');
    const adapted = shipped.body
      .replace('id: klaag-en-jubelmuur', 'id: klaagmuur-leiden')
      .replace('title: Klaag- en jubelmuur\n', 'title: Klaagmuur Leiden\n')
      .replace(/\n {2}- id: ambitie[\s\S]*?(?=\n {2}- id: monitoring)/, '');
    const saved = await api(oogst.url, 'PUT', path('/klaagmuur-leiden'), { yaml: adapted }, s.arena.key);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ id: 'klaagmuur-leiden', title: 'Klaagmuur Leiden', source: 'arena' });
    expect(saved.body.steps.map((st: { id: string }) => st.id)).toEqual(['welkom', 'droom', 'muur', 'monitoring']);

    const list = await api(oogst.url, 'GET', path(), undefined, s.arena.key);
    expect(list.body.map((x: { id: string; source: string }) => `${x.id}:${x.source}`)).toContain('klaagmuur-leiden:arena');
    const session = await api(oogst.url, 'POST', `/api/arenas/${s.arena.id}/sessions`, { script: 'klaagmuur-leiden' }, s.arena.key);
    expect(session.status).toBe(201);
    expect(session.body.title).toBe('Klaagmuur Leiden');
    // Another arena does not have it.
    const other = await startSession(oogst.url);
    expect((await api(oogst.url, 'POST', `/api/arenas/${other.arena.id}/sessions`, { script: 'klaagmuur-leiden' }, other.arena.key)).status).toBe(400);
  });

  it('takes an uploaded YAML file as it is', async () => {
    const yaml = 'id: check-in\ntitle: Check-in\nsteps:\n  - id: vraag\n    kind: open\n    title: Hoe zit je erbij?\n    questions:\n      - id: nu\n        text: Hoe zit je erbij?\n';
    const response = await fetch(`${oogst.url}${path('/check-in')}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${s.arena.key}` },
      body: yaml,
    });
    expect(response.status).toBe(200);
    expect((await api<string>(oogst.url, 'GET', path('/check-in.yaml'), undefined, s.arena.key)).body).toBe(yaml);
  });

  it('refuses an invalid script with every problem by line and field, and saves nothing', async () => {
    const before = (await api(oogst.url, 'GET', path(), undefined, s.arena.key)).body.length;
    const broken = 'id: kapot\ntitle: Kapot\nsteps:\n  - id: muur\n    kind: wall\n    title: Muur\n    columns: []\n  - id: muur\n    kind: dans\n    title: x\n';
    const r = await api(oogst.url, 'PUT', path('/kapot'), { yaml: broken }, s.arena.key);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid');
    expect(r.body.details).toEqual([
      { path: 'steps[0].columns', message: 'line 7: must have at least 1 item' },
      { path: 'steps[1].kind', message: expect.stringMatching(/^line 9: must be one of "slide", "open", "wall"/) },
      { path: 'steps[1].id', message: 'line 8: step id "muur" is used twice' },
    ]);
    expect(r.body.message).toContain('line 7: steps[0].columns must have at least 1 item');
    expect((await api(oogst.url, 'PUT', path('/klaag-en-jubelmuur'), { yaml: 'id: klaag-en-jubelmuur\ntitle: x\nsteps:\n  - id: a\n    kind: slide\n    title: a\n' }, s.arena.key)).body.message).toContain('shipped script');
    expect((await api(oogst.url, 'PUT', path('/anders'), { yaml: 'id: iets\ntitle: x\nsteps:\n  - id: a\n    kind: slide\n    title: a\n' }, s.arena.key)).status).toBe(400);
    expect((await api(oogst.url, 'GET', path(), undefined, s.arena.key)).body.length).toBe(before);
  });

  it('belongs to the arena: other keys get 401, and it can be removed', async () => {
    const other = await startSession(oogst.url);
    expect((await api(oogst.url, 'GET', path(), undefined, other.arena.key)).status).toBe(401);
    expect((await api(oogst.url, 'PUT', path('/x'), { yaml: 'id: x' }, other.arena.key)).status).toBe(401);
    expect((await api(oogst.url, 'DELETE', path('/check-in'), undefined, other.arena.key)).status).toBe(401);
    expect((await api(oogst.url, 'DELETE', path('/check-in'), undefined, s.arena.key)).status).toBe(204);
    expect((await api(oogst.url, 'DELETE', path('/check-in'), undefined, s.arena.key)).status).toBe(404);
  });
});
