/**
 * Who met whom across an arena, through the running server: sixteen phones, each with
 * its member secret, meet in small groups in one session of the transitiearena; in the
 * arena's next session the same sixteen phones (other participants there) are seated so
 * that nobody sits with someone from their earlier group. Only derived member ids are
 * in either log; the screen and the phones never hold who met whom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import type { GroupsData } from '../../kinds/groups/model.js';
import { pairKey } from '../../kinds/meetings.js';
import { api, facilitator, screen, startOogst, startSession, ViewClient, type Running, type StartedSession } from '../helpers/oogst.js';

const STEP = 'groepjes';
const secrets = Array.from({ length: 16 }, (_, i) => `secret${String(i).padStart(16, '0')}`);

describe('groups across an arena', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000' } });
  });
  afterAll(() => oogst?.stop());

  /** The phones of one session, each joined with its member secret and connected. */
  async function room(s: StartedSession) {
    const phones: { secret: string; view: ViewClient; id: string }[] = [];
    for (const secret of secrets) {
      const joined = await api(oogst.url, 'POST', '/api/join', { code: s.session.code, member: secret });
      const view = new ViewClient(oogst.url, { protocol: PROTOCOL_VERSION, role: 'participant', sessionId: s.session.id, token: joined.body.token });
      await view.connected();
      phones.push({ secret, view, id: joined.body.participantId });
    }
    return phones;
  }

  /** Groups of the session as secrets: who sat with whom. */
  async function meet(s: StartedSession) {
    const fac = await facilitator(oogst.url, s);
    const phones = await room(s);
    await fac.until((v) => v.presence === secrets.length, 5000, 'everyone present');
    expect((await fac.send('session.goto', { stepId: STEP })).ok).toBe(true);
    const formed = await fac.send('groups.form', {}, STEP);
    expect(formed.ok, JSON.stringify(formed)).toBe(true);
    await fac.until((v) => (v.state!.stepStates[STEP]!.data as GroupsData).round === 1, 5000, 'groups');
    const secretOf = new Map(phones.map((p) => [p.id, p.secret]));
    const groups = (fac.state!.stepStates[STEP]!.data as GroupsData).groups.map((g) => g.members.map((m) => secretOf.get(m.id!)!));
    return { fac, phones, groups };
  }

  it('seats nobody again with someone from their group in the arena’s earlier session', { timeout: 60_000 }, async () => {
    const first = await startSession(oogst.url, 'transitiearena');
    const one = await meet(first);
    expect(one.groups.map((g) => g.length)).toEqual([4, 4, 4, 4]);
    const met = new Set(one.groups.flatMap((g) => g.flatMap((a) => g.filter((b) => a < b).map((b) => pairKey(a, b)))));

    const created = await api(oogst.url, 'POST', `/api/arenas/${first.arena.id}/sessions`, { script: 'transitiearena' }, first.arena.key);
    const second: StartedSession = { ...first, session: created.body, screenKey: new URL(created.body.screenUrl).hash.slice('#key='.length) };
    const two = await meet(second);
    const repeats = two.groups.flatMap((g) => g.flatMap((a) => g.filter((b) => a < b && met.has(pairKey(a, b)))));
    expect(repeats).toEqual([]);

    // The logs hold the derived member ids, never a secret; the screen and the phones hold no meetings.
    const exported = await fetch(`${oogst.url}/api/arenas/${first.arena.id}/export.json`, { headers: { authorization: `Bearer ${first.arena.key}` } });
    const text = await exported.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(Object.keys(two.fac.state!.arenaContext)).toContain('groups');
    const room2 = await screen(oogst.url, second);
    for (const v of [room2, ...two.phones.map((p) => p.view)]) expect(v.state!.arenaContext.groups).toBeUndefined();
    for (const v of [one.fac, two.fac, room2, ...one.phones.map((p) => p.view), ...two.phones.map((p) => p.view)]) v.close();
  });
});
