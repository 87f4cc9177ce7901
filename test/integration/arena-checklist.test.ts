/**
 * The arena's own wat-werkt checklist: uploaded as CSV or YAML on the arena's API
 * (`/api/arenas/:arenaId/checklist`, the checklist kind's `arena.keeps`), bounded and
 * checked, taken by a script's `items: arena` when a session is made in the arena,
 * kept by a session after the list changes, and carried by the arena's export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistStep } from '../../kinds/checklist/model.js';
import { MAX_LIST_CHARS } from '../../kinds/checklist/parse.js';
import { api, facilitator, participant, startOogst, type Running, type StartedSession } from '../helpers/oogst.js';

const SCRIPT = `id: eigen-check
title: Onze wat-werkt-check
steps:
  - id: check
    kind: checklist
    title: Wat werkt bij ons?
    items: arena
`;
const CSV = 'id,text,explanation,source\ndoelgroep,"We betrekken de doelgroep, altijd",Zij weten het best,https://www.movisie.nl/wat-werkt\n,<b>Samen</b> werken,,\n';

describe("the arena's own checklist", () => {
  let oogst: Running;
  let arena: { id: string; key: string };
  let other: { id: string; key: string };
  const path = (id = arena.id) => `/api/arenas/${id}/checklist`;
  const put = (text: unknown, key = arena.key) => api(oogst.url, 'PUT', path(), { text }, key);
  const newArena = async () => {
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Jonge mantelzorgers Leiden' });
    return { id: made.body.id as string, key: made.body.key as string };
  };
  const makeSession = (a = arena) => api(oogst.url, 'POST', `/api/arenas/${a.id}/sessions`, { script: 'eigen-check' }, a.key);
  const started = (a: typeof arena, body: StartedSession['session']): StartedSession => ({ arena: a, session: body, screenKey: '' });

  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_IMPORTS_PER_HOUR: '1000' } });
    arena = await newArena();
    other = await newArena();
    const saved = await api(oogst.url, 'PUT', `/api/arenas/${arena.id}/scripts/eigen-check`, { yaml: SCRIPT }, arena.key);
    expect(saved.status).toBe(200);
    // Saved, with a word on why this arena cannot start it yet.
    expect(saved.body.warning).toMatch(/^Stap "check": .*deze arena heeft er nog geen/);
  });
  afterAll(() => oogst?.stop());

  it('is empty at first, and a session of a script that asks for it explains what is missing', async () => {
    expect((await api(oogst.url, 'GET', path(), undefined, arena.key)).body).toEqual({ value: null, updatedAt: null });
    const refused = await makeSession();
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('step-from-arena');
    expect(refused.body.message).toMatch(/^Stap "check": .*deze arena heeft er nog geen\. Zet hem op de arenapagina/);
  });

  it('takes a CSV upload, and answers every problem with its line, keeping the list it had', async () => {
    const saved = await put(CSV);
    expect(saved.status).toBe(200);
    const again = await api(oogst.url, 'PUT', `/api/arenas/${arena.id}/scripts/eigen-check`, { yaml: SCRIPT }, arena.key);
    expect(again.body.warning).toBeUndefined();
    expect(saved.body.value.items).toEqual([
      { id: 'doelgroep', text: 'We betrekken de doelgroep, altijd', explanation: 'Zij weten het best', source: 'https://www.movisie.nl/wat-werkt' },
      { id: 'b-samen-b-werken', text: '<b>Samen</b> werken' },
    ]);
    const bad = await put('id,text\na,Een\na,Twee');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid-upload');
    expect(bad.body.message).toBe('Regel 3: het id "a" staat ook op regel 2; elk item heeft een eigen id.');
    expect((await api(oogst.url, 'GET', path(), undefined, arena.key)).body.value.items).toHaveLength(2);
  });

  it('refuses other keys, no key, a text too long, an empty one, and fields it does not know', async () => {
    expect((await api(oogst.url, 'GET', path(), undefined, other.key)).status).toBe(401);
    expect((await put(CSV, other.key)).status).toBe(401);
    expect((await api(oogst.url, 'DELETE', path(), undefined, other.key)).status).toBe(401);
    expect((await api(oogst.url, 'PUT', path(), { text: CSV })).status).toBe(401);
    expect((await put('x'.repeat(MAX_LIST_CHARS + 1))).status).toBe(400);
    expect((await put('')).status).toBe(400);
    expect((await put(['id,text'])).status).toBe(400);
    expect((await api(oogst.url, 'PUT', path(), { text: CSV, extra: 1 }, arena.key)).status).toBe(400);
    // A body far beyond the limit is cut off before it is read.
    expect((await api(oogst.url, 'PUT', path(), { text: 'x'.repeat(MAX_LIST_CHARS * 5) }, arena.key)).status).toBe(413);
    expect((await api(oogst.url, 'GET', path(), undefined, arena.key)).body.value.items).toHaveLength(2);
  });

  it('is what a new session of the arena rates; a session already made keeps its items when the list changes', async () => {
    const made = await makeSession();
    expect(made.status).toBe(201);
    const s = started(arena, made.body);
    const fac = await facilitator(oogst.url, s);
    const phone = await participant(oogst.url, s);
    try {
      const step = fac.state!.steps[0] as ChecklistStep;
      expect(step.items.map((i) => i.id)).toEqual(['doelgroep', 'b-samen-b-werken']);
      expect((await phone.send('checklist.rate', { itemId: 'doelgroep', point: 'nog-niet' }, 'check')).ok).toBe(true);

      expect((await put('- id: vroeg\n  text: We signaleren vroeg\n')).status).toBe(200);
      const later = await makeSession();
      const fac2 = await facilitator(oogst.url, started(arena, later.body));
      expect((fac2.state!.steps[0] as ChecklistStep).items).toEqual([{ id: 'vroeg', text: 'We signaleren vroeg' }]);
      fac2.close();
      // The first session, loaded again, still has the list it was made with.
      const again = await facilitator(oogst.url, s);
      expect((again.state!.steps[0] as ChecklistStep).items.map((i) => i.id)).toEqual(['doelgroep', 'b-samen-b-werken']);
      again.close();
    } finally {
      fac.close();
      phone.close();
    }
  });

  it('travels with the export, is checked on import, and can be removed', async () => {
    const file = (await api(oogst.url, 'GET', `/api/arenas/${arena.id}/export.json`, undefined, arena.key)).body;
    expect(file.kindData).toEqual([{ kind: 'checklist', value: { items: [{ id: 'vroeg', text: 'We signaleren vroeg' }] }, updatedAt: expect.any(Number) }]);

    expect((await api(oogst.url, 'DELETE', `/api/arenas/${arena.id}`, undefined, arena.key)).status).toBe(204);
    const forged = await api(oogst.url, 'POST', '/api/arenas/import', { ...file, kindData: [{ kind: 'checklist', value: { items: [{ id: 'X!', text: '' }] }, updatedAt: 1 }] });
    expect(forged.status).toBe(400);
    expect(forged.body.error).toBe('import-kind-data');
    expect((await api(oogst.url, 'POST', '/api/arenas/import', { ...file, kindData: [{ kind: 'wall', value: {}, updatedAt: 1 }] })).body.error).toBe('import-kind-data');

    const imported = await api(oogst.url, 'POST', '/api/arenas/import', file);
    expect(imported.status).toBe(201);
    arena = { id: imported.body.id, key: imported.body.key };
    expect((await api(oogst.url, 'GET', path(), undefined, arena.key)).body.value).toEqual({ items: [{ id: 'vroeg', text: 'We signaleren vroeg' }] });

    expect((await api(oogst.url, 'DELETE', path(), undefined, arena.key)).status).toBe(204);
    expect((await api(oogst.url, 'GET', path(), undefined, arena.key)).body.value).toBeNull();
    expect((await makeSession()).status).toBe(400);
  });
});
