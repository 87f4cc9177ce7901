/**
 * A whole klaag- en jubelmuur session with real socket.io clients: a facilitator,
 * a screen and three phones, against the real server and a SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { OpenData } from '../../kinds/open/model.js';
import type { WallData } from '../../kinds/wall/model.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

const wallOf = (v: ViewClient) => v.state!.stepStates.muur!.data as WallData;
const openOf = (v: ViewClient, step: string) => v.state!.stepStates[step]!.data as OpenData;
const refused = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('a live klaag- en jubelmuur session', () => {
  let oogst: Running;
  let s: StartedSession;
  let fac: ViewClient;
  let scr: ViewClient;
  let phones: Awaited<ReturnType<typeof participant>>[];

  beforeAll(async () => {
    // Scripted phones send faster than people: the rate limit has its own test.
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000' } });
    s = await startSession(oogst.url);
    fac = await facilitator(oogst.url, s);
    scr = await screen(oogst.url, s);
    phones = [await participant(oogst.url, s), await participant(oogst.url, s), await participant(oogst.url, s)];
  });
  afterAll(async () => {
    for (const v of [fac, scr, ...phones]) v?.close();
    await oogst?.stop();
  });

  it('shows the joined participants to the facilitator, and only a count to the screen', async () => {
    await fac.until((v) => v.state!.participantCount === 3, 5000, 'three joins');
    expect(Object.keys(fac.state!.participants)).toHaveLength(3);
    await scr.until((v) => v.state!.participantCount === 3 && v.presence === 3, 5000, 'screen count');
    expect(scr.state!.participants).toEqual({});
    // A phone shows no count, so it is sent none.
    expect(phones.map((p) => p.presence)).toEqual([0, 0, 0]);
    // Not even in an event's id: the screen never learns who is who.
    for (const p of phones) expect(JSON.stringify(scr.events)).not.toContain(p.identity.participantId);
    expect(phones[0]!.state!.participants).toEqual({ [phones[0]!.identity.participantId]: expect.any(Object) });
    expect(phones[0]!.state!.participantCount).toBe(0);
  });

  it('refuses contributions to a step the room is not on', async () => {
    expect(refused(await phones[0]!.send('wall.post', { column: 'klaagmuur', text: 'te vroeg' }, 'muur'))).toBe('step-not-active');
  });

  it('keeps open answers off the screen until the facilitator reveals them', async () => {
    expect(refused(await fac.send('session.goto', { stepId: 'droom' }))).toBe('accepted');
    await phones[0]!.until((v) => v.state!.current === 1, 5000, 'phone follows the step');
    expect(refused(await phones[0]!.send('open.answer', { questionId: 'droom', text: 'Dat zij ook zelf kunnen kiezen' }, 'droom'))).toBe('accepted');
    expect(refused(await phones[1]!.send('open.answer', { questionId: 'droom', text: 'Erkenning' }, 'droom'))).toBe('accepted');
    // A rewrite replaces the earlier answer rather than adding one.
    expect(refused(await phones[1]!.send('open.answer', { questionId: 'droom', text: 'Erkenning en rust' }, 'droom'))).toBe('accepted');
    await scr.until((v) => openOf(v, 'droom').counts.droom === 2, 5000, 'screen counts');
    expect(openOf(scr, 'droom').answers).toEqual([]);
    expect(JSON.stringify(scr.events)).not.toContain('Erkenning');

    expect(refused(await fac.send('step.reveal', { revealed: true }, 'droom'))).toBe('accepted');
    await scr.until((v) => openOf(v, 'droom').answers.length === 2, 5000, 'revealed answers');
    expect(openOf(scr, 'droom').answers.map((a) => a.text).sort()).toEqual(['Dat zij ook zelf kunnen kiezen', 'Erkenning en rust']);
    expect(openOf(scr, 'droom').answers.every((a) => a.author === undefined)).toBe(true);
    // Phones see their own answer only.
    expect(openOf(phones[1]!, 'droom').answers.map((a) => a.text)).toEqual(['Erkenning en rust']);
    expect(openOf(phones[2]!, 'droom').answers).toEqual([]);
  });

  it('refuses the reveal of a step that holds nothing back, and stores nothing', async () => {
    const seq = fac.state!.seq;
    const ack = await fac.send('step.reveal', { revealed: true }, 'muur');
    expect(ack).toMatchObject({ ok: false, error: 'not-revealable', message: expect.stringContaining('wall') });
    expect(refused(await fac.send('step.reveal', { revealed: true }, 'welkom'))).toBe('not-revealable');
    // A step that does hold something back is still revealed and hidden as before.
    expect(refused(await fac.send('step.reveal', { revealed: false }, 'droom'))).toBe('accepted');
    await fac.until((v) => v.state!.seq === seq + 1, 5000, 'the one accepted reveal');
    expect(fac.state!.stepStates.muur!.revealed).toBe(false);
    expect(refused(await fac.send('step.reveal', { revealed: true }, 'droom'))).toBe('accepted');
  });

  it('puts notes on the wall live, hides an improper one, and clusters similar ones', async () => {
    await fac.send('session.goto', { stepId: 'muur' });
    await Promise.all(phones.map((p) => p.until((v) => v.state!.current === 2, 5000, 'wall step')));
    const [a, b, c] = phones as [typeof phones[0], typeof phones[0], typeof phones[0]];
    const posted = [
      await a.send('wall.post', { column: 'klaagmuur', text: 'Lange wachtlijsten voor respijtzorg' }, 'muur'),
      await a.send('wall.post', { column: 'klaagmuur', text: '  Wachtlijst dagbesteding \r\n' }, 'muur'),
      await b.send('wall.post', { column: 'jubelmuur', text: 'Het mantelzorgcafé loopt goed' }, 'muur'),
      await c.send('wall.post', { column: 'klaagmuur', text: 'Die wethouder is een idioot' }, 'muur'),
    ];
    expect(posted.map(refused)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    await scr.until((v) => wallOf(v).notes.length === 4, 5000, 'four notes on the screen');
    expect(wallOf(scr).notes.map((n) => n.text)).toContain('Wachtlijst dagbesteding');
    expect(wallOf(scr).notes.every((n) => n.author === undefined)).toBe(true);
    expect(wallOf(a).notes).toHaveLength(2);
    expect(wallOf(b).notes.map((n) => n.text)).toEqual(['Het mantelzorgcafé loopt goed']);

    const improper = wallOf(fac).notes.find((n) => n.text.includes('idioot'))!;
    expect(refused(await fac.send('wall.hide', { noteId: improper.id, hidden: true }, 'muur'))).toBe('accepted');
    await scr.until((v) => !wallOf(v).notes.some((n) => n.id === improper.id), 5000, 'gone from the screen');
    await c.until((v) => wallOf(v).notes[0]!.hidden, 5000, 'author sees it hidden');

    const waits = wallOf(fac).notes.filter((n) => n.text.toLowerCase().includes('wachtlijst')).map((n) => n.id);
    expect(refused(await fac.send('wall.cluster', { column: 'klaagmuur', title: 'Wachtlijsten', noteIds: waits }, 'muur'))).toBe('accepted');
    await scr.until((v) => wallOf(v).clusters.length === 1, 5000, 'cluster on screen');
    expect(wallOf(scr).notes.filter((n) => n.clusterId === wallOf(scr).clusters[0]!.id)).toHaveLength(2);

    // A fresh screen gets the same wall, minus the hidden note.
    const late = await screen(oogst.url, s);
    expect(wallOf(late).notes.map((n) => n.id).sort()).toEqual(wallOf(scr).notes.map((n) => n.id).sort());
    late.close();
  });

  it('applies a retried command once', async () => {
    const id = 'retry-note-0001';
    const first = await phones[1]!.send('wall.post', { column: 'jubelmuur', text: 'Buurtteam is bereikbaar' }, 'muur', id);
    const again = await phones[1]!.send('wall.post', { column: 'jubelmuur', text: 'Buurtteam is bereikbaar' }, 'muur', id);
    expect(first.ok && again.ok && again.seq === first.seq && again.duplicate).toBe(true);
    await scr.until((v) => wallOf(v).notes.some((n) => n.id === id), 5000, 'retried note');
    expect(wallOf(fac).notes.filter((n) => n.text === 'Buurtteam is bereikbaar')).toHaveLength(1);
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const p = phones[0]!;
    const before = fac.state!.seq;
    const cases: [string, Promise<Ack>][] = [
      ['invalid', p.send('wall.post', { column: 'klaagmuur', text: '   ' }, 'muur')],
      ['too-large', p.send('wall.post', { column: 'klaagmuur', text: 'x'.repeat(501) }, 'muur')],
      ['not-found', p.send('wall.post', { column: 'zeurmuur', text: 'hoi' }, 'muur')],
      ['invalid', p.send('wall.post', { column: 'klaagmuur', text: 42 }, 'muur')],
      ['invalid', p.send('wall.post', { column: 'klaagmuur', text: 'hoi', extra: true }, 'muur')],
      ['forbidden', p.send('wall.hide', { noteId: 'abc', hidden: true }, 'muur')],
      ['forbidden', p.send('session.goto', { stepId: 'monitoring' })],
      ['forbidden', p.send('step.reveal', { revealed: true }, 'muur')],
      ['unknown-command', p.send('wall.burn', {}, 'muur')],
      ['not-found', p.send('wall.post', { column: 'klaagmuur', text: 'hoi' }, 'nergens')],
      ['invalid', p.send('open.answer', { questionId: 'droom', text: 'hoi' }, 'muur')],
      ['not-found', fac.send('wall.hide', { noteId: 'no-such-note', hidden: true }, 'muur')],
    ];
    for (const [expected, ack] of cases) {
      const result = await ack;
      expect(refused(result), JSON.stringify(result)).toBe(expected);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
    }
    const raw = (payload: unknown) => p.socket.timeout(5000).emitWithAck('command', payload as never);
    for (const garbage of [null, 'wall.post', { type: 'wall.post' }, { id: '../../etc', type: 'wall.post' }, { id: 'x'.repeat(65), type: 'a' }]) {
      expect(refused(await raw(garbage))).toBe('invalid');
    }
    expect(fac.state!.seq).toBe(before);
    expect(p.socket.connected).toBe(true);
  });

  it('walks through ambition and the monitoring questions', async () => {
    await fac.send('session.goto', { stepId: 'ambitie' });
    await phones[2]!.until((v) => v.state!.current === 3, 5000, 'ambitie');
    expect(refused(await phones[2]!.send('open.answer', { questionId: 'ambitie', text: 'zich gehoord voelt' }, 'ambitie'))).toBe('accepted');
    await fac.send('session.goto', { stepId: 'monitoring' });
    await Promise.all(phones.map((p) => p.until((v) => v.state!.current === 5, 5000, 'monitoring')));
    for (const [i, p] of phones.entries())
      for (const q of ['waarde', 'samenwerking', 'morgen'])
        expect(refused(await p.send('open.answer', { questionId: q, text: `${q} van deelnemer ${i + 1}` }, 'monitoring'))).toBe('accepted');
    await fac.until((v) => openOf(v, 'monitoring').answers.length === 9, 5000, 'nine monitoring answers');
  });

  it('keeps every view equal to a fresh projection of the log', async () => {
    const freshScreen = await screen(oogst.url, s);
    await scr.until((v) => v.state!.seq === fac.state!.seq, 5000, 'screen caught up');
    expect(scr.state).toEqual(freshScreen.state);
    freshScreen.close();
    const again = await participant(oogst.url, s, phones[0]!.identity.token);
    expect(again.identity.participantId).toBe(phones[0]!.identity.participantId);
    await phones[0]!.until((v) => v.state!.stepStates.monitoring !== undefined && (v.state!.stepStates.monitoring!.data as OpenData).answers.length === 3, 5000, 'own answers');
    const { seq: _a, ...mine } = phones[0]!.state!;
    const { seq: _b, ...fresh } = again.state!;
    expect(mine).toEqual(fresh);
    again.close();
  });

  it('writes a harvest with every accepted note exactly once, nothing hidden and nobody named', async () => {
    const md = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    const json = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.json`, undefined, s.arena.key);
    expect(json.status).toBe(200);

    const visible = wallOf(fac).notes.filter((n) => !n.hidden);
    expect(visible).toHaveLength(4);
    for (const note of visible) expect(md.body.split(note.text).length - 1, note.text).toBe(1);
    expect(md.body).not.toContain('idioot');
    expect(md.body).toContain('# Klaag- en jubelmuur');
    expect(md.body).toContain('Jonge mantelzorgers Leiden');
    expect(md.body).toContain('**Deelnemers:** 3');
    expect(md.body).toContain('**Wachtlijsten** (2)');
    expect(md.body).toContain('Erkenning en rust');
    expect(md.body).not.toContain('- Erkenning\n');
    for (const p of phones) {
      expect(md.body).not.toContain(p.identity.participantId);
      expect(md.body).not.toContain(p.identity.pseudonym);
      expect(JSON.stringify(json.body)).not.toContain(p.identity.participantId);
    }
    const wall = json.body.steps.find((st: { id: string }) => st.id === 'muur').output;
    const texts = wall.columns.flatMap((c: any) => c.groups.flatMap((g: any) => g.notes.map((n: any) => n.text)));
    expect(texts.sort()).toEqual(visible.map((n) => n.text).sort());
    expect(json.body.session.participants).toBe(3);
    const monitoring = json.body.steps.find((st: { id: string }) => st.id === 'monitoring').output;
    expect(monitoring.questions.map((q: any) => q.answers.length)).toEqual([3, 3, 3]);
  });

  it('survives a restart on the same store: the session and its harvest are still there', async () => {
    const before = structuredClone(fac.state);
    const harvest = (await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key)).body;
    for (const v of [fac, scr, ...phones]) v.close();
    await oogst.stop(true);
    oogst = await startOogst({ dataDir: oogst.dataDir, env: { OOGST_COMMAND_BURST: '1000' } });
    fac = await facilitator(oogst.url, s);
    expect(fac.state).toEqual(before);
    expect((await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key)).body).toBe(harvest);
    const back = await participant(oogst.url, s, phones[0]!.identity.token);
    expect(back.identity.pseudonym).toBe(phones[0]!.identity.pseudonym);
    phones = [back];
    scr = await screen(oogst.url, s);
  });
});
