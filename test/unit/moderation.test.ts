/**
 * "Approve before showing" and presenter notes, at the level of the core and
 * the session runtime: what is held, who sees it, what a decision does, and
 * that a replay of the log reaches the same state.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { deliveries } from '../../core/delivery.js';
import { MAX_HELD_PER_PARTICIPANT } from '../../core/moderation.js';
import type { SessionEvent, Viewer } from '../../core/protocol.js';
import { audienceOf, CORE_EVENTS, project, reduce } from '../../core/session.js';
import type { SessionCreated } from '../../core/state.js';
import { models } from '../../kinds/registry.js';
import type { WallData } from '../../kinds/wall/model.js';
import type { WordcloudData } from '../../kinds/wordcloud/model.js';
import { harvestMarkdown } from '../../server/harvest/harvest.js';
import { parseScript } from '../../server/scripts/load-scripts.js';
import { SessionRuntime } from '../../server/sessions/session-runtime.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

const created: SessionEvent<SessionCreated> = {
  id: 'c',
  seq: 1,
  type: CORE_EVENTS.created,
  actor: { role: 'facilitator' },
  payload: {
    title: 'T',
    arena: { id: 'a', title: 'A' },
    script: { id: 's', title: 'S' },
    steps: [
      { id: 'muur', kind: 'wall', title: 'Muur', notes: 'Laat eerst iedereen schrijven.', columns: [{ id: 'k', title: 'Klaag' }] },
      { id: 'wolk', kind: 'wordcloud', title: 'Wolk' },
    ],
  },
  at: 0,
};

const facilitator: Viewer = { role: 'facilitator' };
const screen: Viewer = { role: 'screen' };
const ann: Viewer = { role: 'participant', participantId: 'ann', pseudonym: 'Ann' };
const bob: Viewer = { role: 'participant', participantId: 'bob', pseudonym: 'Bob' };

let store: SqliteStore;
let runtime: SessionRuntime;
let delivered: { event: SessionEvent; to: string[] }[];
let n = 0;

async function start(payload: SessionCreated = created.payload) {
  store = new SqliteStore(':memory:');
  await store.createArena({ id: 'a', title: 'A', theme: null, keyHash: 'x', createdAt: 0 });
  const row = { id: 's', arenaId: 'a', code: 'ABCDEF', title: 'T', scriptId: 's', createdAt: 0 };
  const first = { ...created, payload };
  await store.createSession(row, first);
  delivered = [];
  runtime = new SessionRuntime(row, reduce([first], 's', models), store, (rt, event, audience) => {
    const to = deliveries(rt.state, event, audience, models).map((d) => ('event' in d ? '' : 'resync:') + (d.to.room === 'participant' ? d.to.participantId : d.to.room));
    delivered.push({ event, to });
  });
  for (const p of [ann, bob]) await runtime.join({ id: p.participantId!, sessionId: 's', tokenHash: p.participantId!, pseudonym: p.pseudonym!, createdAt: 1 });
}

const send = (viewer: Viewer, type: string, payload: unknown, stepId?: string) =>
  runtime.handle({ id: `x${++n}`, type, payload, ...(stepId ? { stepId } : {}) }, viewer);
const post = (viewer: Viewer, text: string) => send(viewer, 'wall.post', { column: 'k', text }, 'muur');
const notes = (viewer: Viewer) => (project(runtime.state, viewer, models).stepStates.muur!.data as WallData).notes.map((x) => x.text);

describe('moderation', () => {
  beforeEach(() => start());

  it('is off by default: a note goes straight to the wall', async () => {
    expect(runtime.state.moderation).toEqual({ on: false, held: [], rejected: [] });
    await post(ann, 'Te veel formulieren');
    expect(notes(screen)).toEqual(['Te veel formulieren']);
  });

  it('holds a participant\'s note: the screen and other phones never see it, its author and the facilitator do', async () => {
    expect(await send(facilitator, 'moderation.set', { on: true })).toMatchObject({ ok: true });
    expect(await post(ann, 'Wachtlijsten')).toMatchObject({ ok: true });
    const held = runtime.state.moderation.held;
    expect(held.map((e) => e.payload)).toEqual([{ column: 'k', text: 'Wachtlijsten' }]);
    expect(notes(facilitator)).toEqual([]);
    expect(notes(screen)).toEqual([]);
    expect(project(runtime.state, screen, models).moderation).toEqual({ on: false, held: [], rejected: [] });
    expect(project(runtime.state, bob, models).moderation.held).toEqual([]);
    expect(project(runtime.state, ann, models).moderation.held.map((e) => e.id)).toEqual([held[0]!.id]);
    expect(project(runtime.state, facilitator, models).moderation.held).toHaveLength(1);
    // Delivered to the facilitator and its author only.
    expect(delivered.at(-1)!.to).toEqual(['facilitator', 'ann']);
  });

  it('lets the facilitator\'s own contributions through', async () => {
    await send(facilitator, 'moderation.set', { on: true });
    await post(facilitator, 'Van de begeleider');
    expect(notes(screen)).toEqual(['Van de begeleider']);
  });

  it('shows an approved note in its place, drops a rejected one, and harvests neither held nor rejected', async () => {
    await send(facilitator, 'moderation.set', { on: true });
    await post(ann, 'Eerste');
    await post(bob, 'Tweede');
    await post(ann, 'Derde');
    const [first, second, third] = runtime.state.moderation.held.map((e) => e.id);
    expect(await send(facilitator, 'moderation.approve', { ids: [third, first] })).toMatchObject({ ok: true });
    expect(notes(screen)).toEqual(['Eerste', 'Derde']);
    // The screen and the authors get a fresh projection; bob, whose note still waits, hears nothing.
    expect(delivered.at(-1)!.to).toEqual(['resync:screen', 'facilitator', 'resync:ann']);
    expect(await send(facilitator, 'moderation.reject', { ids: [second] })).toMatchObject({ ok: true });
    expect(delivered.at(-1)!.to).toEqual(['facilitator', 'resync:bob']);
    expect(runtime.state.moderation.held).toEqual([]);
    expect(notes(bob)).toEqual([]);
    expect(notes(ann)).toEqual(['Eerste', 'Derde']);
    // Its author may know it was rejected; nobody else learns of it.
    expect(project(runtime.state, bob, models).moderation.rejected).toEqual([{ id: second, author: 'bob' }]);
    expect(project(runtime.state, ann, models).moderation.rejected).toEqual([]);
    expect(project(runtime.state, screen, models).moderation.rejected).toEqual([]);
    await post(bob, 'Vierde, nog niet beoordeeld');
    const markdown = harvestMarkdown(runtime.state);
    expect(markdown).toContain('Eerste');
    expect(markdown).toContain('Derde');
    expect(markdown).not.toContain('Tweede');
    expect(markdown).not.toContain('Vierde');
    expect(runtime.state.moderation.held.map((e) => e.payload)).toEqual([{ column: 'k', text: 'Vierde, nog niet beoordeeld' }]);
  });

  it('refuses a decision on what is not held, and moderation commands from anyone but the facilitator', async () => {
    await send(facilitator, 'moderation.set', { on: true });
    await post(ann, 'Een');
    const id = runtime.state.moderation.held[0]!.id;
    expect(await send(facilitator, 'moderation.approve', { ids: [id, 'nope'] })).toMatchObject({ ok: false, error: 'not-found' });
    expect(runtime.state.moderation.held).toHaveLength(1);
    expect(await send(ann, 'moderation.approve', { ids: [id] })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await send(ann, 'moderation.set', { on: false })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await send(facilitator, 'moderation.approve', { ids: [] })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await send(facilitator, 'moderation.approve', { ids: [id] })).toMatchObject({ ok: true });
    expect(await send(facilitator, 'moderation.reject', { ids: [id] })).toMatchObject({ ok: false, error: 'not-found' });
  });

  it('keeps what is held when it is turned off, and holds nothing new', async () => {
    await send(facilitator, 'moderation.set', { on: true });
    await post(ann, 'Vastgehouden');
    await send(facilitator, 'moderation.set', { on: false });
    await post(ann, 'Meteen zichtbaar');
    expect(notes(screen)).toEqual(['Meteen zichtbaar']);
    expect(runtime.state.moderation.held).toHaveLength(1);
  });

  it('holds a word of the word cloud too, and a word approved after its key was hidden stays hidden', async () => {
    await send(facilitator, 'session.goto', { stepId: 'wolk' });
    await send(facilitator, 'moderation.set', { on: true });
    await send(ann, 'wordcloud.add', { text: 'Samen' }, 'wolk');
    // Were it to arrive again now, it would reach its author only.
    expect(audienceOf(runtime.state, runtime.state.moderation.held[0]!, models)).toEqual({ screen: false, participants: ['ann'] });
    await send(facilitator, 'moderation.set', { on: false });
    await send(bob, 'wordcloud.add', { text: 'samen' }, 'wolk');
    await send(facilitator, 'wordcloud.hide', { key: 'samen', hidden: true }, 'wolk');
    await send(facilitator, 'moderation.approve', { ids: [runtime.state.moderation.held[0]!.id] });
    expect((project(runtime.state, screen, models).stepStates.wolk!.data as WordcloudData).words).toEqual([]);
    // Both words are in the cloud, hidden under their key.
    const cloud = runtime.state.stepStates.wolk!.data as WordcloudData;
    expect(cloud.words.map((w) => [w.text, w.author, w.hidden])).toEqual([
      ['Samen', 'ann', true],
      ['samen', 'bob', true],
    ]);
    expect(cloud.hidden).toEqual(['samen']);
  });

  it('counts what waits for approval against a step\'s limits, and bounds what may wait', async () => {
    await send(facilitator, 'moderation.set', { on: true });
    await send(facilitator, 'session.goto', { stepId: 'wolk' });
    // Three words each (the word cloud's default), held or not.
    for (const text of ['een', 'twee', 'drie']) expect(await send(ann, 'wordcloud.add', { text }, 'wolk')).toMatchObject({ ok: true });
    expect(await send(ann, 'wordcloud.add', { text: 'vier' }, 'wolk')).toMatchObject({ ok: false, error: 'limit-reached' });
    expect(await send(ann, 'wordcloud.add', { text: 'Een' }, 'wolk')).toMatchObject({ ok: false });
    await send(facilitator, 'moderation.reject', { ids: [runtime.state.moderation.held[0]!.id] });
    expect(await send(ann, 'wordcloud.add', { text: 'vier' }, 'wolk')).toMatchObject({ ok: true });
    // A kind without a count limit (rewriting an open answer) still has the queue's bound.
    await start({ ...created.payload, steps: [{ id: 'vraag', kind: 'open', title: 'Vraag', questions: [{ id: 'q', text: 'Wat?' }] }] });
    await send(facilitator, 'moderation.set', { on: true });
    const acks = [];
    for (let i = 0; i <= MAX_HELD_PER_PARTICIPANT; i++) acks.push(await send(ann, 'open.answer', { questionId: 'q', text: `versie ${i}` }, 'vraag'));
    expect(acks.slice(0, -1).every((a) => a.ok)).toBe(true);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: 'limit-reached' });
    // Approved together they are one answer, in its latest wording, counted once.
    await send(facilitator, 'moderation.approve', { ids: runtime.state.moderation.held.map((e) => e.id) });
    expect(runtime.state.stepStates.vraag!.data).toMatchObject({ answers: [{ text: `versie ${MAX_HELD_PER_PARTICIPANT - 1}` }], counts: { q: 1 } });
  });

  it('replays from the log to the same state', async () => {
    await send(facilitator, 'moderation.set', { on: true });
    await post(ann, 'Een');
    await post(bob, 'Twee');
    await send(facilitator, 'moderation.approve', { ids: [runtime.state.moderation.held[1]!.id] });
    expect(reduce(await store.loadEvents('s'), 's', models)).toEqual(runtime.state);
  });

  it('reads the default from a script, and refuses what is not a yes or no', () => {
    const yaml = (value: string) => `id: s\ntitle: S\nmoderation: ${value}\nsteps:\n  - id: muur\n    kind: wall\n    title: Muur\n    columns:\n      - { id: k, title: Klaag }\n`;
    expect(parseScript(yaml('true'), 's.yaml')).toMatchObject({ ok: true, script: { moderation: true } });
    expect(parseScript(yaml('misschien'), 's.yaml')).toMatchObject({ ok: false });
  });

  it('starts on when the script says so', async () => {
    await start({ ...created.payload, script: { id: 's', title: 'S', moderation: true } });
    await post(ann, 'Meteen vastgehouden');
    expect(notes(screen)).toEqual([]);
    expect(runtime.state.moderation.held.map((e) => e.payload)).toEqual([{ column: 'k', text: 'Meteen vastgehouden' }]);
  });
});

describe('presenter notes', () => {
  beforeEach(() => start());

  it('reach the facilitator only', () => {
    expect(project(runtime.state, facilitator, models).steps[0]!.notes).toBe('Laat eerst iedereen schrijven.');
    for (const viewer of [screen, ann]) {
      const state = project(runtime.state, viewer, models);
      expect(state.steps[0]).toMatchObject({ id: 'muur', kind: 'wall', title: 'Muur' });
      expect(state.steps[0]).not.toHaveProperty('notes');
      expect(JSON.stringify(state)).not.toContain('Laat eerst');
    }
    expect(JSON.stringify(project(runtime.state, facilitator, models))).toContain('Laat eerst');
    // The projection copies: the server's own steps keep their notes.
    expect(runtime.state.steps[0]!.notes).toBeDefined();
  });
});
