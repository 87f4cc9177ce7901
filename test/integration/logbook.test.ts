/**
 * The arena's logbook between meetings, against the real server and a SQLite file: the
 * facilitator opens a standing link, members write dated entries by its code (anonymous,
 * or with a name), hostile and oversized input is refused, the link and the address are
 * bounded, approval holds entries back, revoking closes the link; an approved update on an
 * action joins that action's history, the highlights open the next meeting's recap, the
 * harvest has a Logboek section, and export and import keep links and entries.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGBOOK_LIMITS, type LogbookEntry, type LogbookLinkInfo, type LogbookPage } from '../../core/logbook.js';
import type { Ack } from '../../core/protocol.js';
import { recapOf } from '../../kinds/recap/model.js';
import { api, facilitator, participant, startOogst, type Running, type ViewClient } from '../helpers/oogst.js';

const FIRST = `id: eerste
title: Eerste
language: nl
steps:
  - id: acties
    kind: action
    title: Verbeteracties
  - id: wins
    kind: smallwin
    title: Small wins
`;
const NEXT = `id: volgende
title: Volgende
language: nl
steps:
  - id: welkom
    kind: slide
    title: Welkom
  - id: waar
    kind: recap
    title: Waar staan we?
`;

const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);
let n = 0;
const entry = (fields: Record<string, unknown> = {}) => ({ id: `p${++n}`, what: 'observatie', cycle: 'onderzoeken', text: 'De buurvrouw belde zelf', ...fields });

describe("the arena's logbook between meetings", () => {
  let oogst: Running;
  let scriptsDir: string;
  let arena: { id: string; key: string };
  const open: ViewClient[] = [];
  const track = <V extends ViewClient>(v: V) => (open.push(v), v);
  const links = `/api/arenas/${'{id}'}/logbook-links`;
  const path = (p: string) => p.replace('{id}', arena.id);
  const newLink = async (requiresApproval = false) => {
    const made = await api<LogbookLinkInfo>(oogst.url, 'POST', path(links), { requiresApproval }, arena.key);
    expect(made.status).toBe(201);
    return made.body;
  };
  const entries = async () => (await api<{ entries: LogbookEntry[] }>(oogst.url, 'GET', path('/api/arenas/{id}/logbook'), undefined, arena.key)).body.entries;
  const post = (code: string, body: unknown) => api(oogst.url, 'POST', `/api/logbook/${code}/entries`, body);
  const moderate = (id: string, body: unknown) => api(oogst.url, 'PATCH', path(`/api/arenas/{id}/logbook/${id}`), body, arena.key);

  async function newSession(script: string, title: string) {
    const created = await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script, title }, arena.key);
    expect(created.status).toBe(201);
    return { arena, session: created.body, screenKey: new URL(created.body.screenUrl).hash.replace('#key=', '') };
  }

  beforeAll(async () => {
    scriptsDir = mkdtempSync(join(tmpdir(), 'oogst-logbook-'));
    writeFileSync(join(scriptsDir, 'eerste.yaml'), FIRST);
    writeFileSync(join(scriptsDir, 'volgende.yaml'), NEXT);
    oogst = await startOogst({ scriptsDir, env: { OOGST_COMMAND_BURST: '1000', OOGST_LOGBOOK_ENTRIES_PER_HOUR: '20' } });
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Jonge mantelzorgers', theme: 'Gehoord worden' });
    arena = { id: made.body.id, key: made.body.key };
  });
  afterAll(async () => {
    for (const v of open) v.close();
    await oogst?.stop();
    rmSync(scriptsDir, { recursive: true, force: true });
  });

  it('opens links with the arena key only, takes dated entries by code, anonymous by default, and stores a retried entry once', async () => {
    expect((await api(oogst.url, 'POST', path(links), {}, 'verkeerd')).status).toBe(401);
    expect((await api(oogst.url, 'GET', path('/api/arenas/{id}/logbook'))).status).toBe(401);
    const link = await newLink();
    expect(link.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(link.url).toMatch(new RegExp(`/l/${link.code}$`));
    const page = await api<LogbookPage>(oogst.url, 'GET', `/api/logbook/${link.code.toLowerCase()}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ arena: { title: 'Jonge mantelzorgers' }, requiresApproval: false, subjects: [], shared: [] });
    const qr = await api(oogst.url, 'GET', `/api/logbook/${link.code}/qr.svg`);
    expect([qr.status, qr.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);

    const body = entry({ what: 'weerstand', cycle: 'handelen', text: '  Het team wilde niet\u202E  ', date: '2026-03-02' });
    const first = await post(link.code, body);
    expect(first.status).toBe(201);
    expect((await post(link.code, body)).status).toBe(200);
    await post(link.code, entry({ name: ' An ', date: '2026-03-04' }));
    const listed = await entries();
    expect(listed.map((e) => [e.date, e.what, e.cycle, e.text, e.name, e.state])).toEqual([
      ['2026-03-04', 'observatie', 'onderzoeken', 'De buurvrouw belde zelf', 'An', 'visible'],
      ['2026-03-02', 'weerstand', 'handelen', 'Het team wilde niet', null, 'visible'],
    ]);
  });

  it('refuses hostile and oversized input with a reason, and unknown codes', async () => {
    const link = await newLink();
    const refused = async (body: unknown) => {
      const answer = await post(link.code, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.message).toBeTruthy();
    };
    await refused(entry({ text: '' }));
    await refused(entry({ text: '\u200B \u00AD' }));
    await refused(entry({ text: 'x'.repeat(LOGBOOK_LIMITS.text + 1) }));
    await refused(entry({ name: 'n'.repeat(LOGBOOK_LIMITS.name + 1) }));
    await refused(entry({ what: 'opdracht' }));
    await refused(entry({ cycle: 'plannen' }));
    await refused(entry({ date: '2026-02-30' }));
    await refused(entry({ date: '2999-01-01' }));
    await refused(entry({ id: '__proto__' }));
    await refused(entry({ extra: 1 }));
    await refused(entry({ about: { kind: 'action', sessionId: 'nope', itemId: 'nope', fields: {} } }));
    expect((await post('ZZZZZZZZ', entry())).status).toBe(404);
    expect((await api(oogst.url, 'GET', '/api/logbook/ABC')).status).toBe(404);
  });

  it('holds entries back until approved, shares only what the facilitator shares, and closes a revoked link', async () => {
    const link = await newLink(true);
    const sent = await post(link.code, entry({ text: 'Graag eerst langs de begeleider' }));
    expect(sent.body.state).toBe('pending');
    const id = sent.body.id as string;
    expect((await api<LogbookPage>(oogst.url, 'GET', `/api/logbook/${link.code}`)).body).toMatchObject({ requiresApproval: true, shared: [] });
    expect((await moderate(id, { shared: true })).status).toBe(200);
    // Shared, but still waiting: members see nothing yet.
    expect((await api<LogbookPage>(oogst.url, 'GET', `/api/logbook/${link.code}`)).body.shared).toEqual([]);
    expect((await moderate(id, { state: 'visible' })).body).toMatchObject({ state: 'visible', shared: true });
    expect((await api<LogbookPage>(oogst.url, 'GET', `/api/logbook/${link.code}`)).body.shared.map((e) => e.text)).toEqual(['Graag eerst langs de begeleider']);
    expect((await moderate(id, { state: 'hidden' })).status).toBe(200);
    expect((await api<LogbookPage>(oogst.url, 'GET', `/api/logbook/${link.code}`)).body.shared).toEqual([]);
    expect((await moderate(id, { state: 'weg' })).status).toBe(400);
    expect((await moderate(id, {})).status).toBe(400);
    expect((await moderate('onbekend', { shared: false })).status).toBe(404);
    expect((await api(oogst.url, 'PATCH', path(`/api/arenas/{id}/logbook/${id}`), { shared: false }, 'verkeerd')).status).toBe(401);

    expect((await api(oogst.url, 'DELETE', path(`${links}/${link.id}`), undefined, arena.key)).status).toBe(204);
    expect((await api(oogst.url, 'DELETE', path(`${links}/${link.id}`), undefined, arena.key)).status).toBe(404);
    expect((await post(link.code, entry())).status).toBe(410);
    expect((await api(oogst.url, 'GET', `/api/logbook/${link.code}`)).status).toBe(410);
    const listed = (await api<LogbookLinkInfo[]>(oogst.url, 'GET', path(links), undefined, arena.key)).body;
    expect(listed.find((l) => l.id === link.id)!.revokedAt).toBeTypeOf('number');
  });

  it("adds an approved update to the action's history, shows the highlights at the next meeting, and writes them in the harvest", async () => {
    const other = await api(oogst.url, 'POST', '/api/arenas', { title: 'Tweede arena' });
    arena = { id: other.body.id, key: other.body.key };
    const one = await newSession('eerste', 'Bijeenkomst 1');
    const fac = track(await facilitator(oogst.url, one));
    const a = track(await participant(oogst.url, one));
    expect(result(await a.send('action.propose', { what: 'Koffie-ochtend' }, 'acties'))).toBe('accepted');
    expect(result(await fac.send('session.goto', { stepId: 'wins' }))).toBe('accepted');
    await a.until((v) => v.state!.current === 1, 5000, 'phone on the small wins');
    expect(result(await a.send('smallwin.register', { title: 'Buurtkamer open', result: 'Elke dinsdag koffie', candidate: false }, 'wins'))).toBe('accepted');
    fac.close();
    a.close();

    const link = await newLink(true);
    const page = (await api<LogbookPage>(oogst.url, 'GET', `/api/logbook/${link.code}`)).body;
    expect(page.subjects.map((s) => [s.kind, s.title]).sort()).toEqual([
      ['action', 'Koffie-ochtend'],
      ['smallwin', 'Buurtkamer open'],
    ]);
    const form = page.forms.find((f) => f.kind === 'action')!;
    expect(form.fields.map((f) => f.label)).toContain('Wat deden we?');
    expect(form.status!.options.map((o) => o.id)).toContain('loopt');
    const { sessionId, itemId } = page.subjects.find((s) => s.kind === 'action')!;
    expect((await post(link.code, entry({ about: { kind: 'action', sessionId, itemId, fields: { status: 'klaar' } } }))).status).toBe(400);
    expect((await post(link.code, entry({ about: { kind: 'action', sessionId, itemId, fields: { wie: 'x' } } }))).status).toBe(400);
    const update = await post(link.code, entry({ what: 'geprobeerd', cycle: 'handelen', text: 'Eerste ochtend gehouden', about: { kind: 'action', sessionId, itemId, fields: { status: 'loopt', learned: 'Persoonlijk uitnodigen werkt' } } }));
    expect(update.status).toBe(201);
    const history = async () => (await api(oogst.url, 'GET', path('/api/arenas/{id}/actions'), undefined, arena.key)).body.actions[0];
    // Waiting for approval: not in the action's history yet.
    expect((await history()).history).toEqual([]);
    expect((await moderate(update.body.id, { state: 'visible', highlighted: true })).status).toBe(200);
    const older = await post(link.code, entry({ text: 'Van voor de eerste bijeenkomst', date: '2026-03-02' }));
    expect((await moderate(older.body.id, { state: 'visible', highlighted: true })).status).toBe(200);
    const listed = (await api(oogst.url, 'GET', path('/api/arenas/{id}/logbook?lang=en'), undefined, arena.key)).body;
    expect(listed.entries[0].about).toMatchObject({ kind: 'action', title: 'Koffie-ochtend', fields: { status: 'loopt', learned: 'Persoonlijk uitnodigen werkt' } });
    expect(listed.forms.find((f: { kind: string }) => f.kind === 'action').fields.map((f: { label: string }) => f.label)).toContain('What did we learn?');
    const koffie = await history();
    expect(koffie.status).toBe('loopt');
    expect(koffie.history.map((h: Record<string, unknown>) => [h.source, (h.session as { title: string }).title, h.status, h.learned])).toEqual([
      ['logboek', 'Logboek', 'loopt', 'Persoonlijk uitnodigen werkt'],
    ]);

    // Progress on a small win joins its trajectory; the entry's text is what happened.
    const win = page.subjects.find((s) => s.kind === 'smallwin')!;
    const progress = await post(link.code, entry({ text: 'De buurtkamer is nu ook op donderdag open', about: { kind: 'smallwin', sessionId: win.sessionId, itemId: win.itemId, fields: { phase: 'actiefase' } } }));
    expect((await post(link.code, entry({ about: { kind: 'smallwin', sessionId: win.sessionId, itemId: win.itemId, fields: { phase: 'klaar' } } }))).status).toBe(400);
    await moderate(progress.body.id, { state: 'visible' });
    const buurtkamer = (await api(oogst.url, 'GET', path('/api/arenas/{id}/smallwins'), undefined, arena.key)).body.wins[0];
    expect(buurtkamer.phase).toBe('actiefase');
    expect(buurtkamer.history.map((h: Record<string, unknown>) => [h.source, (h.session as { title: string }).title, h.phase, h.note])).toEqual([
      ['logboek', 'Logboek', 'actiefase', 'De buurtkamer is nu ook op donderdag open'],
    ]);

    const two = await newSession('volgende', 'Bijeenkomst 2');
    const fac2 = track(await facilitator(oogst.url, two));
    const b = track(await participant(oogst.url, two));
    expect(result(await fac2.send('session.goto', { stepId: 'waar' }))).toBe('accepted');
    await b.until((v) => recapOf(v.state!.arenaContext).parts.length > 0, 5000, 'the recap on the phone');
    const parts = recapOf(fac2.state!.arenaContext).parts;
    // Written today, after meeting 1 met (the one of March 2 is older than it, so not shown): today's highlight opens meeting 2.
    const today = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    expect(parts.find((p) => p.id === 'logbook')).toEqual({ id: 'logbook', title: 'Uit het logboek', items: [{ text: 'Eerste ochtend gehouden', badge: 'Handelen', note: today }] });

    const md = String((await api(oogst.url, 'GET', path('/api/arenas/{id}/harvest.md'), undefined, arena.key)).body);
    expect(md).toMatch(/Acties en experimenten[\s\S]*Logboek — Loopt[\s\S]*## Logboek[\s\S]*Eerste ochtend gehouden[\s\S]*## Monitoring/);
    // Every format has it: the JSON's `logbook`, the spreadsheet's rows, the printable page.
    const json = (await api(oogst.url, 'GET', path('/api/arenas/{id}/harvest.json'), undefined, arena.key)).body;
    expect(json.logbook.map((e: { text: string; cycle: string }) => [e.text, e.cycle])).toContainEqual(['Eerste ochtend gehouden', 'handelen']);
    expect(String((await api(oogst.url, 'GET', path('/api/arenas/{id}/harvest.csv'), undefined, arena.key)).body)).toMatch(/Logboek.*Iets geprobeerd.*logbook.*handelen.*Eerste ochtend gehouden/);
    expect(String((await api(oogst.url, 'GET', path('/api/arenas/{id}/harvest.html'), undefined, arena.key)).body)).toMatch(/Logboek[\s\S]*Eerste ochtend gehouden/);
  });

  it('keeps links and entries through export and import', async () => {
    const file = (await api(oogst.url, 'GET', path('/api/arenas/{id}/export.json'), undefined, arena.key)).body;
    expect(file.logbook.links).toHaveLength(1);
    expect(file.logbook.entries).toHaveLength(3);
    const before = await entries();
    for (const v of open) v.close();
    expect((await api(oogst.url, 'DELETE', path('/api/arenas/{id}'), undefined, arena.key)).status).toBe(204);
    const broken = structuredClone(file);
    broken.logbook.entries[0].linkId = 'onbekend';
    expect((await api(oogst.url, 'POST', '/api/arenas/import', broken)).body.error).toBe('import-unknown-link');
    const twice = structuredClone(file);
    twice.logbook.entries.push(twice.logbook.entries[0]);
    expect((await api(oogst.url, 'POST', '/api/arenas/import', twice)).body.error).toBe('import-twice-entry');
    const forged = structuredClone(file);
    forged.logbook.entries[0].state = 'public';
    expect((await api(oogst.url, 'POST', '/api/arenas/import', forged)).status).toBe(400);
    const imported = await api(oogst.url, 'POST', '/api/arenas/import', file);
    expect(imported.status).toBe(201);
    arena = { id: imported.body.id, key: imported.body.key };
    expect(await entries()).toEqual(before);
    const link = (await api<LogbookLinkInfo[]>(oogst.url, 'GET', path(links), undefined, arena.key)).body[0]!;
    expect(link.code).toBe(file.logbook.links[0].code);
    expect((await api(oogst.url, 'GET', `/api/logbook/${link.code}`)).status).toBe(200);
  });

  it('bounds the open links per arena and the entries per address', async () => {
    const openNow = (await api<LogbookLinkInfo[]>(oogst.url, 'GET', path(links), undefined, arena.key)).body.filter((l) => l.revokedAt === null);
    for (let i = openNow.length; i < LOGBOOK_LIMITS.openLinks; i++) await newLink();
    const full = await api(oogst.url, 'POST', path(links), {}, arena.key);
    expect([full.status, full.body.error]).toEqual([409, 'logbook-links-full']);
    // 20 an hour from this address (set for the test), the entries above among them: then 429, whichever link.
    const code = openNow[0]!.code;
    const answers: number[] = [];
    for (let i = 0; i < 20; i++) answers.push((await post(code, entry())).status);
    const refused = answers.indexOf(429);
    expect(refused).toBeGreaterThan(0);
    expect(answers.slice(0, refused).every((s) => s === 201)).toBe(true);
    expect(answers.slice(refused).every((s) => s === 429)).toBe(true);
    const other = (await api<LogbookLinkInfo[]>(oogst.url, 'GET', path(links), undefined, arena.key)).body.filter((l) => l.revokedAt === null)[1]!;
    const elsewhere = await post(other.code, entry());
    expect([elsewhere.status, elsewhere.headers.get('retry-after')]).toEqual([429, expect.stringMatching(/^\d+$/)]);
  });
});

describe('a logbook link shared too widely', () => {
  let oogst: Running;
  afterAll(() => oogst?.stop());

  it('takes 120 entries an hour whoever writes them, then asks to wait; another link of the arena still writes', async () => {
    // Addresses are not the limit here: the link is.
    oogst = await startOogst({ env: { OOGST_LOGBOOK_ENTRIES_PER_HOUR: '1000' } });
    const arena = (await api(oogst.url, 'POST', '/api/arenas', { title: 'Druk logboek' })).body;
    const [busy, quiet] = [
      (await api<LogbookLinkInfo>(oogst.url, 'POST', `/api/arenas/${arena.id}/logbook-links`, {}, arena.key)).body,
      (await api<LogbookLinkInfo>(oogst.url, 'POST', `/api/arenas/${arena.id}/logbook-links`, {}, arena.key)).body,
    ];
    const statuses: number[] = [];
    for (let i = 0; i <= LOGBOOK_LIMITS.entriesPerLinkPerHour; i++) statuses.push((await api(oogst.url, 'POST', `/api/logbook/${busy.code}/entries`, entry())).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(LOGBOOK_LIMITS.entriesPerLinkPerHour);
    const last = await api(oogst.url, 'POST', `/api/logbook/${busy.code}/entries`, entry());
    expect([last.status, last.body.message]).toEqual([429, 'This logbook link takes no more entries for now; try again later.']);
    expect((await api(oogst.url, 'POST', `/api/logbook/${quiet.code}/entries`, entry())).status).toBe(201);
  });
});
