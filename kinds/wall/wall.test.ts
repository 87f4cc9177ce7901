/** The wall's reducer and role projections, driven by events as the log holds them. */
import { describe, expect, it } from 'vitest';
import type { SessionEvent, Viewer } from '../../core/protocol.js';
import { withMarkdown } from '../../test/helpers/harvest.js';
import { erased } from '../../test/helpers/erased.js';
import { wall } from './index.js';
import { groupNotes, wallModel as typedWallModel, WALL_EVENTS, type WallData, type WallStep } from './model.js';

const wallModel = erased(typedWallModel);

let seq = 1;
const ev = (type: string, payload: unknown, actor: SessionEvent['actor'] = { role: 'facilitator' }, id = `e${seq}`): SessionEvent => ({
  id,
  seq: ++seq,
  type,
  stepId: 's',
  actor,
  payload,
  at: 1000 + seq,
});
const alice: Viewer = { role: 'participant', participantId: 'alice' };
const bob: Viewer = { role: 'participant', participantId: 'bob' };
const screen: Viewer = { role: 'screen' };
const wallStep: WallStep = { id: 's', kind: 'wall', title: 'Muur', columns: [{ id: 'klaag', title: 'Klaagmuur' }, { id: 'jubel', title: 'Jubelmuur' }] };
const ctx = (step: WallStep, revealed = false) => ({ step, revealed });

function wallWith(): WallData {
  const data = wallModel.init(wallStep);
  wallModel.apply(data, ev(WALL_EVENTS.posted, { column: 'klaag', text: 'Wachtlijst' }, { role: 'participant', id: 'alice' }, 'n1'), ctx(wallStep));
  wallModel.apply(data, ev(WALL_EVENTS.posted, { column: 'klaag', text: 'Te weinig tijd' }, { role: 'participant', id: 'bob' }, 'n2'), ctx(wallStep));
  wallModel.apply(data, ev(WALL_EVENTS.posted, { column: 'jubel', text: 'Fijn team' }, { role: 'participant', id: 'alice' }, 'n3'), ctx(wallStep));
  return data;
}

describe('wall', () => {
  it('keeps notes in order with their author, for the facilitator', () => {
    const data = wallWith();
    expect(data.notes.map((n) => [n.id, n.author, n.column])).toEqual([
      ['n1', 'alice', 'klaag'],
      ['n2', 'bob', 'klaag'],
      ['n3', 'alice', 'jubel'],
    ]);
  });

  it('shows the screen every visible note without authors, and a phone only its own', () => {
    const data = wallWith();
    wallModel.apply(data, ev(WALL_EVENTS.hidden, { noteId: 'n2', hidden: true }), ctx(wallStep));
    const onScreen = wallModel.project(data, screen, ctx(wallStep));
    expect(onScreen.notes.map((n) => n.id)).toEqual(['n1', 'n3']);
    expect(onScreen.notes.some((n) => 'author' in n)).toBe(false);
    expect(wallModel.project(data, alice, ctx(wallStep)).notes.map((n) => n.id)).toEqual(['n1', 'n3']);
    expect(wallModel.project(data, bob, ctx(wallStep)).notes).toEqual([expect.objectContaining({ id: 'n2', hidden: true })]);
  });

  it('clusters, renames, moves and dissolves', () => {
    const data = wallWith();
    wallModel.apply(data, ev(WALL_EVENTS.clustered, { column: 'klaag', title: 'Tijd', noteIds: ['n1', 'n2'] }, { role: 'facilitator' }, 'c1'), ctx(wallStep));
    expect(groupNotes(data, 'klaag')).toEqual([{ cluster: { id: 'c1', column: 'klaag', title: 'Tijd' }, notes: [data.notes[0], data.notes[1]] }]);
    wallModel.apply(data, ev(WALL_EVENTS.renamed, { clusterId: 'c1', title: 'Tijd en wachten' }), ctx(wallStep));
    wallModel.apply(data, ev(WALL_EVENTS.moved, { noteId: 'n2', clusterId: null }), ctx(wallStep));
    expect(groupNotes(data, 'klaag').map((g) => [g.cluster?.title, g.notes.map((n) => n.id)])).toEqual([
      ['Tijd en wachten', ['n1']],
      [undefined, ['n2']],
    ]);
    wallModel.apply(data, ev(WALL_EVENTS.dissolved, { clusterId: 'c1' }), ctx(wallStep));
    expect(data.clusters).toEqual([]);
    expect(data.notes.every((n) => n.clusterId === undefined)).toBe(true);
  });

  it('refuses what a wall cannot take', () => {
    const data = wallWith();
    const decide = (type: string, payload: any, actor: SessionEvent['actor'] = { role: 'participant', id: 'alice' }) =>
      wall.commands[type]!.decide({ state: {} as never, step: wallStep, data, revealed: false, actor, id: 'x', present: [] }, payload);
    expect(decide('wall.post', { column: 'klaag', text: '  \n ' })).toMatchObject({ ok: false, error: 'invalid' });
    expect(decide('wall.post', { column: 'nope', text: 'hoi' })).toMatchObject({ ok: false, error: 'not-found' });
    expect(decide('wall.post', { column: 'klaag', text: ' a\r\nb ' })).toEqual({ ok: true, type: WALL_EVENTS.posted, payload: { column: 'klaag', text: 'a\nb' } });
    expect(decide('wall.post', { column: 'klaag', text: '\u202Edraobkcalb \u2067שלום\u2069' })).toMatchObject({ payload: { text: 'draobkcalb שלום' } });
    expect(decide('wall.post', { column: 'klaag', text: '\u202E\u202C' })).toMatchObject({ ok: false, error: 'invalid' });
    expect(decide('wall.cluster', { column: 'jubel', title: 'X', noteIds: ['n1'] }, { role: 'facilitator' })).toMatchObject({ ok: false, error: 'not-found' });
    const full: WallStep = { ...wallStep, maxNotes: 2 };
    expect(wall.commands['wall.post']!.decide({ state: {} as never, step: full, data, revealed: false, actor: { role: 'participant', id: 'alice' }, id: 'x', present: [] }, { column: 'klaag', text: 'derde' })).toMatchObject({
      ok: false,
      error: 'limit-reached',
    });
  });

  it('harvests visible notes by column and cluster, with nobody named', () => {
    const data = wallWith();
    wallModel.apply(data, ev(WALL_EVENTS.clustered, { column: 'klaag', title: 'Tijd', noteIds: ['n1'] }, { role: 'facilitator' }, 'c1'), ctx(wallStep));
    wallModel.apply(data, ev(WALL_EVENTS.hidden, { noteId: 'n3', hidden: true }), ctx(wallStep));
    const { markdown } = withMarkdown(wall.harvest(data, wallStep, {} as never));
    expect(markdown).toContain('### Klaagmuur (2)');
    expect(markdown).toContain('**Tijd** (1)\n\n- Wachtlijst');
    expect(markdown).toContain('**Overig**\n\n- Te weinig tijd');
    expect(markdown).toContain('### Jubelmuur (0)');
    expect(markdown).not.toContain('Fijn team');
    expect(markdown).not.toContain('alice');
  });
});
