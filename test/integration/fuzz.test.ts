/**
 * Bad input from every side: malformed, wrongly typed, oversized and unknown
 * payloads to every socket event and HTTP route. The server stays up, answers
 * each with a clear error, stores nothing, and the room carries on. Seeded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import { kinds } from '../../kinds/registry.js';
import { coreCommands } from '../../server/sessions/core-commands.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';
import { seeded } from '../helpers/random.js';

function generator(seed: number) {
  const random = seeded(seed).next;
  const strings = ['', ' ', 'klaagmuur', 'muur', 'welkom', '__proto__', 'constructor', '<script>alert(1)</script>', '\u0000', '💥'.repeat(300), 'x'.repeat(5000), '../../etc/passwd', '{"$gt":""}'];
  const value = (depth = 0): unknown => {
    const r = random();
    if (r < 0.15) return null;
    if (r < 0.3) return Math.floor(random() * 2 ** 40) * (random() < 0.5 ? -1 : 1);
    if (r < 0.4) return random() < 0.5;
    if (r < 0.6) return strings[Math.floor(random() * strings.length)];
    if (r < 0.75 && depth < 3) return Array.from({ length: Math.floor(random() * 5) }, () => value(depth + 1));
    if (depth < 3) {
      const o: Record<string, unknown> = {};
      for (const k of ['id', 'type', 'stepId', 'payload', 'column', 'text', 'noteId', 'hidden', 'questionId', 'revealed', '__proto__', 'constructor'])
        if (random() < 0.3) o[k] = value(depth + 1);
      return o;
    }
    return undefined;
  };
  return { random, value };
}

describe('fuzzing', () => {
  let oogst: Running;
  let s: StartedSession;
  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '100000', OOGST_COMMANDS_PER_SECOND: '100000' } });
    s = await startSession(oogst.url);
  });
  afterAll(() => oogst?.stop());

  it('answers every malformed command with a clear refusal and stores nothing', { timeout: 60_000 }, async () => {
    const fac = await facilitator(oogst.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    const phone = await participant(oogst.url, s);
    const scr = await screen(oogst.url, s);
    const bystander = await participant(oogst.url, s);
    const seq = fac.state!.seq;
    const types = [...Object.keys(coreCommands), ...kinds.flatMap((k) => Object.keys(k.commands)), 'wall', 'evil.command', ''];
    const { random, value } = generator(7);
    const codes = new Map<string, number>();
    for (let i = 0; i < 600; i++) {
      const sender = random() < 0.5 ? phone : scr;
      const roll = random();
      const command =
        roll < 0.3
          ? value()
          : { id: `fz${i}`, type: types[Math.floor(random() * types.length)], ...(random() < 0.8 ? { stepId: random() < 0.7 ? 'muur' : value() } : {}), payload: value() };
      const ack = (await sender.socket.timeout(5000).emitWithAck('command', command as never)) as Ack;
      expect(ack.ok, JSON.stringify(command).slice(0, 200)).toBe(false);
      if (!ack.ok) {
        expect(ack.error).not.toBe('internal');
        expect(ack.message.length).toBeGreaterThan(5);
        codes.set(ack.error, (codes.get(ack.error) ?? 0) + 1);
      }
    }
    // Events nobody listens for, and acks that are not functions, are ignored.
    const raw = phone.socket as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit('evil', { a: 1 });
    raw.emit('command', { id: 'noack', type: 'wall.post', stepId: 'muur', payload: { column: 'klaagmuur', text: 'zonder ack' } });
    console.log(`fuzz: 600 commands, refusals by code: ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(fac.state!.seq).toBe(seq);

    // The room carries on: a bystander's note goes through and the screen sees it.
    const ack = await bystander.send('wall.post', { column: 'jubelmuur', text: 'Wij gaan gewoon door' }, 'muur');
    expect(ack.ok).toBe(true);
    await scr.until((v) => JSON.stringify(v.state).includes('Wij gaan gewoon door'), 5000, 'the bystander note');
    for (const v of [fac, phone, scr, bystander]) v.close();
  });

  it('disconnects a client that sends an oversized frame, and nobody else', async () => {
    const phone = await participant(oogst.url, s);
    const other = await participant(oogst.url, s);
    const gone = new Promise((resolve) => phone.socket.once('disconnect', resolve));
    phone.socket.emit('command', { id: 'big', type: 'wall.post', stepId: 'muur', payload: { column: 'klaagmuur', text: 'x'.repeat(100_000) } }, () => {});
    await gone;
    expect(other.socket.connected).toBe(true);
    expect((await other.send('wall.post', { column: 'klaagmuur', text: 'nog steeds hier' }, 'muur')).ok).toBe(true);
    other.close();
  });

  it('answers malformed HTTP requests with a JSON error, never a server error', { timeout: 60_000 }, async () => {
    const routes: [string, string][] = [
      ['POST', '/api/arenas'],
      ['GET', `/api/arenas/${s.arena.id}`],
      ['POST', `/api/arenas/${s.arena.id}/sessions`],
      ['GET', `/api/sessions/${s.session.id}`],
      ['GET', `/api/sessions/${s.session.id}/harvest.md`],
      ['GET', `/api/sessions/${s.session.id}/qr.svg`],
      ['POST', '/api/join'],
      ['GET', `/api/arenas/${s.arena.id}/scripts`],
      ['PUT', `/api/arenas/${s.arena.id}/scripts/fuzz`],
      ['GET', `/api/arenas/${s.arena.id}/smallwins`],
      ['POST', `/api/sessions/${s.session.id}/feed-keys`],
      ['DELETE', `/api/sessions/${s.session.id}/feed-keys/fuzz`],
      ['GET', `/api/sessions/${s.session.id}/feed`],
      ['PATCH', `/api/arenas/${s.arena.id}`],
      ['PATCH', `/api/sessions/${s.session.id}`],
      ['POST', '/api/arenas/import'],
      ['POST', `/api/sessions/${s.session.id}/contacts`],
      ['GET', `/api/arenas/${s.arena.id}/harvest.csv`],
      ['GET', `/api/sessions/${s.session.id}/harvest.docx`],
      ['GET', '/j/%00%ff'],
      ['GET', '/api/arenas/' + 'x'.repeat(300)],
    ];
    const { random, value } = generator(11);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const [method, path] = routes[Math.floor(random() * routes.length)]!;
      const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? (random() < 0.2 ? '{"broken": ' : (JSON.stringify(value()) ?? 'null')) : undefined;
      // A third of the requests carry the real key, so malformed bodies reach the checks behind it.
      const key = random() < 0.33 ? s.arena.key : random() < 0.5 ? JSON.stringify(value()) : undefined;
      const r = await api(oogst.url, method, path, body, key && key.length < 300 ? key.replace(/[^\x21-\x7e]/g, '') || undefined : undefined);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expect(r.status, `${method} ${path} ${String(body).slice(0, 100)}`).toBeLessThan(500);
      if (r.status >= 400 && !path.startsWith('/j/')) expect(r.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    console.log(`fuzz: 300 HTTP requests, statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect((await api(oogst.url, 'GET', '/healthz')).status).toBe(200);
  });
});
