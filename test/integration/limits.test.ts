/** Limits that keep one participant from hurting the room: commands per second, and how many may join. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, facilitator, participant, startOogst, startSession, type Running } from '../helpers/oogst.js';

describe('limits', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_MAX_PARTICIPANTS: '3', OOGST_COMMAND_BURST: '20', OOGST_COMMANDS_PER_SECOND: '3' } });
  });
  afterAll(() => oogst?.stop());

  it('slows down a phone that floods, and only that phone', async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    const flooder = await participant(oogst.url, s);
    const calm = await participant(oogst.url, s);
    const acks = await Promise.all(Array.from({ length: 40 }, (_, i) => flooder.send('wall.post', { column: 'klaagmuur', text: `spam ${i}` }, 'muur')));
    const limited = acks.filter((a) => !a.ok && a.error === 'rate-limited').length;
    const stored = acks.filter((a) => a.ok).length;
    expect(limited).toBeGreaterThanOrEqual(15);
    expect(stored).toBeLessThanOrEqual(10); // the wall's own limit: 10 notes a participant
    expect((await calm.send('wall.post', { column: 'jubelmuur', text: 'Ik kom er gewoon door' }, 'muur')).ok).toBe(true);
    for (const v of [fac, flooder, calm]) v.close();
  });

  it('gives one participant one budget, however many connections their token opens', async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    const first = await participant(oogst.url, s);
    const sockets = [first, ...(await Promise.all(Array.from({ length: 4 }, () => participant(oogst.url, s, first.identity.token))))];
    // Eight commands on each of five sockets: five budgets of 20 would take all 40, one takes about 20.
    const acks = await Promise.all(
      sockets.flatMap((socket, n) => Array.from({ length: 8 }, (_, i) => socket.send('wall.post', { column: 'klaagmuur', text: `socket ${n}, ${i}` }, 'muur'))),
    );
    expect(acks.filter((a) => !a.ok && a.error === 'rate-limited').length).toBeGreaterThanOrEqual(15);
    for (const v of [fac, ...sockets]) v.close();
  });

  it('tells the participant past the maximum that the session is full', async () => {
    const s = await startSession(oogst.url);
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) tokens.push((await api(oogst.url, 'POST', '/api/join', { code: s.session.code })).body.token);
    const fourth = await api(oogst.url, 'POST', '/api/join', { code: s.session.code });
    expect(fourth).toMatchObject({ status: 403, body: { error: 'full', message: expect.any(String) } });
    // Someone already in comes back in.
    expect((await api(oogst.url, 'POST', '/api/join', { code: s.session.code, token: tokens[0] })).status).toBe(200);
  });
});
