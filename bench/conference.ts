/**
 * The conference day (`npm run bench -- --sessions 100 --n 40`): many sessions at
 * once on two Oogst servers (PostgreSQL and Redis), as parallel workshops of one
 * congress. Each session has its console on the first server and its screen on the
 * second, and its phones spread over both. The notes go round the sessions at
 * `--rate` notes per second per session; measured: each session's p95 submit →
 * screen, both servers' CPU and memory, and then, after the views of half the
 * sessions close, how many sessions the servers still hold in memory.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { SessionCreatedReply } from '../core/http.js';
import type { Ack } from '../core/protocol.js';
import { Fleet, type Target } from './processes.js';
import { commitCounts, http, serverCpuMs, serverUrls, View } from './scenario.js';
import { cpuMs, now, rssKB, sleep, spread, type SendRecord } from './shared.js';

export interface ConferenceOptions {
  sessions: number;
  n: number;
  workers: number;
  concurrency: number;
  /** Notes per second in each session. */
  rate: number;
  seconds: number;
  /** OOGST_SESSION_UNLOAD_MINUTES the servers were started with. */
  unloadMs: number;
}

const mb = (kb: number) => (kb / 1024).toFixed(0);
const loaded = async (target: Target) =>
  Promise.all(serverUrls(target).map(async (url) => ((await (await fetch(`${url}/healthz`)).json()) as { loaded?: number }).loaded ?? NaN));

export async function runConference(target: Target, o: ConferenceOptions, outDir: string) {
  const pids = target.pids ?? [target.pid];
  const rss = () => pids.map(rssKB);
  const rooms: { code: string; facilitator: View; screen: View }[] = [];
  for (let s = 0; s < o.sessions; s += 10) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(10, o.sessions - s) }, async () => {
        const arena = await http<{ id: string; key: string }>(target.url, '/api/arenas', { title: 'Congres', theme: 'Meten' });
        const session = await http<SessionCreatedReply>(target.url, `/api/arenas/${arena.id}/sessions`, { script: 'klaag-en-jubelmuur' }, arena.key);
        const facilitator = new View(target.url, { role: 'facilitator', sessionId: session.id, key: arena.key });
        const screen = new View(target.viewsUrl ?? target.url, { role: 'screen', sessionId: session.id, key: new URL(session.screenUrl).hash.replace('#key=', '') });
        await Promise.all([facilitator.ready, screen.ready]);
        const ack = (await facilitator.socket.timeout(30_000).emitWithAck('command', { id: `goto-${session.id}`, type: 'session.goto', payload: { stepId: 'muur' } })) as Ack;
        if (!ack.ok) throw new Error(`session.goto refused: ${ack.error}`);
        return { code: session.code, facilitator, screen };
      }),
    );
    rooms.push(...opened);
  }
  const codes = rooms.map((r) => r.code);
  const total = o.sessions * o.n;
  const fleet = await Fleet.start(o.workers);
  try {
    await sleep(1000);
    const rssBefore = rss();
    let cpu = serverCpuMs(target);
    let started = now();
    const joins = await fleet.all(
      (w) => ({
        type: 'join',
        room: 'oogst',
        bases: target.phoneUrls ?? [target.url],
        code: '',
        codes,
        indices: Array.from({ length: total }, (_, i) => i).filter((i) => i % o.workers === w),
        concurrency: o.concurrency,
      }),
      900_000,
    );
    const joined = joins.flatMap((j) => j.joins).length;
    /** Why phones did not get in: a handful of each load process's messages. */
    const joinErrors = joins.flatMap((j) => j.errors);
    const joinMs = now() - started;
    const joinCpuMs = serverCpuMs(target) - cpu;
    await sleep(2000);
    const rssJoined = rss();

    // Note k goes to session k mod S (phone k mod N is in that session): round the sessions, `rate` a second in each.
    const tag = `conf${Date.now()}`;
    const rate = o.rate * o.sessions;
    cpu = serverCpuMs(target);
    const commitsBefore = await commitCounts(target);
    started = now();
    const answers = await fleet.all(
      () => ({ type: 'post', plans: [{ room: 'oogst', start: now() + 500, rate, total: Math.round(rate * o.seconds), n: total, tag }] }),
      (o.seconds + 60) * 1000,
    );
    const postMs = now() - started;
    const postCpuMs = serverCpuMs(target) - cpu;
    const commitsAfter = await commitCounts(target);
    const sends: SendRecord[] = answers.flatMap((a) => a.sends.oogst);
    const accepted = sends.filter((s) => s[2] >= 0 && s[3] === '');
    const sessionOf = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1)) % o.sessions;
    const seenAt = (id: string) => rooms[sessionOf(id)]!.screen.notesSeen.get(id);
    for (let i = 0; i < 100 && accepted.some((s) => seenAt(s[0]) === undefined); i++) await sleep(50);
    const perSession = rooms.map((_, s) => spread(accepted.filter((a) => sessionOf(a[0]) === s && seenAt(a[0]) !== undefined).map((a) => seenAt(a[0])! - a[1])));
    const all = spread(accepted.filter((a) => seenAt(a[0]) !== undefined).map((a) => seenAt(a[0])! - a[1]));
    const rssPosted = rss();

    // The views of every other session close: those sessions have nobody left and are let go after the idle time.
    const loadedBefore = await loaded(target);
    const leaving = rooms.map((_, s) => s).filter((s) => s % 2 === 1);
    for (const s of leaving) {
      rooms[s]!.facilitator.socket.disconnect();
      rooms[s]!.screen.socket.disconnect();
    }
    await fleet.all((w) => ({ type: 'leave', room: 'oogst', indices: Array.from({ length: total }, (_, i) => i).filter((i) => i % o.workers === w && (i % o.sessions) % 2 === 1) }), 30_000);
    const left = now();
    let loadedAfter = loadedBefore;
    while (now() - left < o.unloadMs + 60_000) {
      await sleep(1000);
      loadedAfter = await loaded(target);
      if (loadedAfter.every((count) => count <= o.sessions - leaving.length)) break;
    }
    const unloadedAfterMs = now() - left;
    global.gc?.();
    await sleep(2000);
    const rssUnloaded = rss();

    const p95s = perSession.map((p) => p.p95).sort((a, b) => a - b);
    const result = {
      date: new Date().toISOString(),
      options: o,
      joined,
      joinMs,
      joinCpuMsPerPhone: joinCpuMs / Math.max(1, joined),
      joinErrors: [...new Set(joinErrors)].slice(0, 5),
      notes: { sent: sends.length, accepted: accepted.length, refused: sends.length - accepted.length, lostOnScreen: accepted.filter((a) => seenAt(a[0]) === undefined).length },
      screen: all,
      sessionP95: { min: p95s[0], median: p95s[Math.floor(p95s.length / 2)], p90: p95s[Math.floor(p95s.length * 0.9)], max: p95s.at(-1) },
      cpuPercent: { join: (joinCpuMs / joinMs) * 100, posts: (postCpuMs / postMs) * 100 },
      cpuMsPerNote: postCpuMs / Math.max(1, accepted.length),
      perServerCpuMs: pids.map(cpuMs),
      rssKB: { before: rssBefore, joined: rssJoined, posted: rssPosted, unloaded: rssUnloaded },
      commits: commitsBefore && commitsAfter ? { batches: commitsAfter.batches - commitsBefore.batches, events: commitsAfter.events - commitsBefore.events, retries: commitsAfter.retries - commitsBefore.retries, caughtUp: commitsAfter.caughtUp - commitsBefore.caughtUp } : undefined,
      loaded: { before: loadedBefore, after: loadedAfter, afterMs: unloadedAfterMs },
    };
    const file = join(outDir, `conference-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(`
Conference day: ${o.sessions} sessions × ${o.n} phones on two servers (phones spread), ${o.rate} note/s in each session for ${o.seconds} s (${rate} notes/s in all)

| measure | value |
| --- | --- |
| joined | ${joined} of ${total} in ${(joinMs / 1000).toFixed(1)} s, ${result.joinCpuMsPerPhone.toFixed(2)} ms of server CPU each${joinErrors.length ? `; not in: ${result.joinErrors.join('; ')}` : ''} |
| notes | ${accepted.length} stored, ${result.notes.refused} refused, ${result.notes.lostOnScreen} not on their screen |
| submit → screen, all notes | p50 ${all.p50.toFixed(1)} ms, p95 ${all.p95.toFixed(1)} ms, p99 ${all.p99.toFixed(1)} ms |
| each session's p95 | median ${result.sessionP95.median?.toFixed(1)} ms, 90th percentile ${result.sessionP95.p90?.toFixed(1)} ms, worst ${result.sessionP95.max?.toFixed(1)} ms |
| servers' CPU (both, % of one core) | joining ${result.cpuPercent.join.toFixed(0)} %, posting ${result.cpuPercent.posts.toFixed(0)} % (${result.cpuMsPerNote.toFixed(2)} ms per note) |
| group commits while posting | ${result.commits ? `${result.commits.batches} transactions for ${result.commits.events} events, ${result.commits.retries} retries, ${result.commits.caughtUp} caught up` : '–'} |
| RSS per server (MB) | before ${rssBefore.map(mb).join(' / ')}, joined ${rssJoined.map(mb).join(' / ')}, after posting ${rssPosted.map(mb).join(' / ')}, after unloading ${rssUnloaded.map(mb).join(' / ')} |
| sessions in memory per server | ${loadedBefore.join(' / ')} → ${loadedAfter.join(' / ')} ${(unloadedAfterMs / 1000).toFixed(0)} s after the views of ${leaving.length} sessions closed |

Written: ${file}`);
  } finally {
    await fleet.close();
    for (const r of rooms) {
      r.facilitator.socket.disconnect();
      r.screen.socket.disconnect();
    }
  }
}
