/**
 * Two real server processes on different ports, sharing PostgreSQL (a schema of
 * their own) and Redis (a prefix of their own). Phones spread over both, as a load
 * balancer spreads them (round robin), the console and a screen on the second, a
 * screen on each, everybody posting at once: every view gets the same events in the
 * same gap-free order. Then the first server is killed while every phone posts: its
 * phones carry on on the second, and nothing is lost or stored twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../core/state.js';
import pg from 'pg';
import { WALL_EVENTS, type WallData } from '../../kinds/wall/model.js';
import { facilitator, screen, startSession, type StartedSession, type ViewClient } from '../helpers/oogst.js';
import { ResilientParticipant } from '../helpers/resilient-participant.js';
import { freePort, ServerProcess } from '../helpers/server-process.js';
import { sleep, until } from '../helpers/wait.js';
import {
  dropRedisKeys,
  dropSchema,
  freshRedisPrefix,
  freshSchema,
  POSTGRES_URL,
  REDIS_URL,
  requirePostgres,
  requireRedis,
  skipPostgres,
  skipRedis,
} from '../helpers/services.js';


const wall = (view: ViewClient) => view.state!.stepStates.muur!.data as WallData;
/** A view's state without `seq`, which on a screen follows only the events it receives. */
const comparable = (state: SessionState | undefined) => ({ ...state!, seq: 0 });

/** The id of every note in the shared store's log, hidden ones too, read from PostgreSQL itself. */
async function storedNotes(schema: string, s: StartedSession): Promise<string[]> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT id FROM ${schema}.events WHERE session_id = $1 AND type = $2 ORDER BY seq`, [s.session.id, WALL_EVENTS.posted]);
    return rows.map((r) => r.id as string);
  } finally {
    await client.end();
  }
}

function postAll(phones: ResilientParticipant[], each: number, label: string) {
  return Promise.all(
    phones.map(async (p, i) => {
      for (let n = 0; n < each; n++) {
        p.post('muur', n % 2 ? 'jubelmuur' : 'klaagmuur', `${label} telefoon ${i} briefje ${n}`);
        await sleep(20 + ((i * 7 + n * 13) % 60));
      }
    }),
  );
}

describe.skipIf(skipPostgres || skipRedis)('two servers on PostgreSQL and Redis', () => {
  const schema = freshSchema();
  const prefix = freshRedisPrefix();
  let a: ServerProcess;
  let b: ServerProcess;
  let s: StartedSession;
  const views: ViewClient[] = [];
  let fac: ViewClient;
  let screenB: ViewClient;
  const phones: ResilientParticipant[] = [];

  beforeAll(async () => {
    await requirePostgres();
    await requireRedis();
    const env = {
      DATABASE_URL: POSTGRES_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      OOGST_COMMAND_BURST: '100000',
      OOGST_COMMANDS_PER_SECOND: '100000',
    };
    a = new ServerProcess(await freePort(), undefined, env);
    b = new ServerProcess(await freePort(), undefined, env);
    // Started together: they migrate the same empty schema at the same moment.
    await Promise.all([a.start(), b.start()]);
    s = await startSession(a.url);
  }, 150_000);

  afterAll(async () => {
    for (const v of views) v.close();
    for (const p of phones) p.close();
    await Promise.all([a?.stop(), b?.stop()]);
    if (!skipPostgres) await dropSchema(schema);
    if (!skipRedis) await dropRedisKeys(prefix);
  }, 60_000);

  it('gives every view the same events in the same order while both servers take commands', { timeout: 60_000 }, async () => {
    fac = await facilitator(b.url, s);
    screenB = await screen(b.url, s);
    const screenA = await screen(a.url, s);
    views.push(fac, screenA, screenB);
    expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);

    // Round robin, as a load balancer spreads them: phone i on A when i is even, on B when odd.
    phones.push(...(await Promise.all(Array.from({ length: 16 }, (_, i) => ResilientParticipant.join((i % 2 ? b : a).url, s.session.code, s.session.id)))));
    const onA = phones.filter((_, i) => i % 2 === 0);
    const onB = phones.filter((_, i) => i % 2 === 1);
    // The console on B counts the phones on A too.
    await fac.until((v) => v.presence === 16, 10_000, 'the console to count all 16 phones');

    // Phones on both servers post while the facilitator on B posts and hides.
    const facilitating = (async () => {
      for (let n = 0; n < 10; n++) {
        const ack = await fac.send('wall.post', { column: 'jubelmuur', text: `facilitator ${n}` }, 'muur');
        expect(ack.ok).toBe(true);
        const someNote = wall(fac).notes.find((note) => !note.hidden && note.text.includes('telefoon'));
        if (someNote) expect((await fac.send('wall.hide', { noteId: someNote.id, hidden: true }, 'muur')).ok).toBe(true);
      }
    })();
    await Promise.all([postAll(onA, 5, 'A'), postAll(onB, 5, 'B'), facilitating]);
    await until(() => phones.every((p) => p.unacknowledged === 0), 30_000, 'every note to be acknowledged');
    expect(phones.flatMap((p) => p.refused)).toEqual([]);

    const notes = 16 * 5 + 10;
    await fac.until((v) => wall(v).notes.length === notes, 10_000, 'the console to hold every note');
    const visible = wall(fac).notes.filter((n) => !n.hidden).length;
    for (const v of [screenA, screenB]) await v.until((x) => wall(x).notes.filter((n) => !n.hidden).length === visible, 10_000, 'the screens');

    // One gap-free order: the console got every event, each seq once, in order.
    const seqs = fac.events.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    // Both screens, one on each server, got the same events in the same order.
    expect(screenA.events.map((e) => `${e.seq}:${e.id}`)).toEqual(screenB.events.map((e) => `${e.seq}:${e.id}`));
    // And every view holds what a fresh view of either server gets.
    const freshScreen = await screen(a.url, s);
    const freshConsole = await facilitator(a.url, s);
    views.push(freshScreen, freshConsole);
    expect(freshConsole.state).toEqual(fac.state);
    expect(comparable(screenA.state)).toEqual(comparable(freshScreen.state));
    expect(comparable(screenB.state)).toEqual(comparable(freshScreen.state));
    expect((await storedNotes(schema, s)).sort()).toEqual(wall(fac).notes.map((n) => n.id).sort());
  });

  it('keeps the session going on the other server when one is killed while every phone posts, losing nothing', { timeout: 90_000 }, async () => {
    const onA = phones.filter((_, i) => i % 2 === 0);
    const before = (await storedNotes(schema, s)).length;

    // Five notes each so far, of at most ten a participant; the phones on both servers post on.
    const posting = Promise.all([postAll(onA, 4, 'na A'), postAll(phones.filter((_, i) => i % 2 === 1), 4, 'na B')]);
    await sleep(150);
    await a.kill();
    const waiting = onA.reduce((sum, p) => sum + p.unacknowledged, 0);
    const seqsBefore = fac.events.length;
    // What a load balancer does when a server is gone: the phones reconnect to the other one.
    await Promise.all(onA.map((p) => p.moveTo(b.url)));
    await posting;
    await until(() => phones.every((p) => p.unacknowledged === 0), 30_000, 'every phone to have its notes acknowledged on B');

    const created = phones.flatMap((p) => [...p.created.keys()]);
    const stored = await storedNotes(schema, s);
    const counts = new Map<string, number>();
    for (const id of stored) counts.set(id, (counts.get(id) ?? 0) + 1);
    console.log(`two servers: ${created.length} notes created, ${waiting} waiting when A was killed, ${stored.length - before} stored after`);
    expect(waiting).toBeGreaterThan(0);
    expect(phones.flatMap((p) => p.refused)).toEqual([]);
    expect(created.filter((id) => !counts.has(id))).toEqual([]);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);

    // The console and screen on B never noticed: they hold every note, and a fresh view agrees.
    await fac.until((v) => wall(v).notes.length === stored.length, 10_000, 'the console to hold every note');
    const seqs = fac.events.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    expect(seqs.length).toBeGreaterThan(seqsBefore);
    const freshScreen = await screen(b.url, s);
    views.push(freshScreen);
    await screenB.until((v) => wall(v).notes.length === wall(freshScreen).notes.length, 10_000, 'the screen on B');
    expect(comparable(screenB.state)).toEqual(comparable(freshScreen.state));
  });
});
