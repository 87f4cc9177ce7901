/**
 * A bystander during heavy work (part of npm run bench:harvest): the real server
 * on a SQLite file holding the bench's arena, and in another live session first
 * phones posting wall notes, one every 20 ms, while one Word harvest of the arena
 * renders; then a console sending a command every 20 ms while three of them are
 * asked for at once. The bystander is a socket.io client in this same process, so
 * a stalled event loop delays its sending too: each command is timed from when it
 * was due. Prints the bystander's command latency (p50, p95, max) with the
 * harvests in worker threads, and once more with them rendered on the event loop
 * (the way it was) for comparison; and how long each harvest took in its thread.
 */
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { Joined } from '../core/http.js';
import { PROTOCOL_VERSION, type Ack, type Snapshot } from '../core/protocol.js';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { HeavyPool, type JobDone } from '../server/heavy/pool.js';
import type { SqliteStore } from '../server/store/sqlite-store.js';

const HARVESTS = 3;
const EVERY_MS = 20;
/** Phones posting on the wall, each up to the wall's 10 notes: enough for 15 s of notes in each of three rounds. */
const PHONES = 240;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

/** `arenaId` is in `store`, with `key`. */
export async function bystander(store: SqliteStore, dataDir: string, arenaId: string, key: string) {
  const config = configFromEnv({ PORT: '0', HOST: '127.0.0.1', OOGST_DATA_DIR: dataDir, OOGST_COMMAND_BURST: '100000', OOGST_COMMANDS_PER_SECOND: '100000', OOGST_JOIN_BURST: '100000' });
  const app = await buildApp({ config, store, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const post = async (path: string, body: unknown, bearer?: string) =>
    (await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }, body: JSON.stringify(body) })).json();
  const other = await post('/api/arenas', { title: 'Een andere zaal' });
  const live = await post(`/api/arenas/${other.id}/sessions`, { script: 'klaag-en-jubelmuur' }, other.key);
  const socket = io(base, { auth: { protocol: PROTOCOL_VERSION, role: 'facilitator', sessionId: live.id, key: other.key }, transports: ['websocket'] });
  socket.on('disconnect', (reason) => reason !== 'io client disconnect' && console.error(`the console was disconnected: ${reason}`));
  const steps = await new Promise<string[]>((resolve) => socket.once('snapshot', (s: Snapshot) => resolve(s.state.steps.map((x) => x.id))));
  const done: JobDone[] = [];
  const ctx = app.oogst;
  const threaded = ctx.heavy;
  threaded.on('done', (d) => done.push(d));
  // The same pool, with no store a worker could open: every job runs on the event loop.
  const inline = new HeavyPool(Object.assign(Object.create(store) as SqliteStore, { workerSource: () => undefined }), { workers: HARVESTS, queue: 0 });
  inline.on('done', (d) => done.push(d));

  // Phones joined to the live session as a participant's page joins, each posting on its wall in turn.
  const phones = await Promise.all(
    Array.from({ length: PHONES }, async () => {
      const joined = (await post('/api/join', { code: live.code })) as Joined;
      const phone = io(base, { auth: { protocol: PROTOCOL_VERSION, role: 'participant', sessionId: joined.sessionId, token: joined.token }, transports: ['websocket'] });
      await new Promise<void>((resolve, reject) => {
        phone.once('connect', () => resolve());
        phone.once('connect_error', reject);
      });
      phone.on('disconnect', (reason) => reason !== 'io client disconnect' && console.error(`a phone was disconnected: ${reason}`));
      return phone;
    }),
  );
  let notes = 0;
  const postNote = (n: number) => {
    const k = notes++;
    const phone = phones[k % PHONES]!;
    return phone.timeout(60_000).emitWithAck('command', { id: `note-${k}`, type: 'wall.post', stepId: 'muur', payload: { column: 'klaagmuur', text: `Briefje ${k} (${n})` } });
  };
  let gotos = 0;
  const consoleGoto = (n: number) =>
    socket.timeout(60_000).emitWithAck('command', { id: `goto-${gotos++}`, type: 'session.goto', payload: { stepId: steps[n % 2]! } }) as Promise<Ack>;

  const harvests = (count: number) => (t0: number) =>
    Promise.all(
      Array.from({ length: count }, async () => {
        const response = await fetch(`${base}/api/arenas/${arenaId}/harvest.docx`, { headers: { authorization: `Bearer ${key}` } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`harvest: ${response.status}`);
        return performance.now() - t0;
      }),
    );

  /** The bystander's latencies while `work` runs on `pool`. */
  async function round(pool: HeavyPool, work: (t0: number) => Promise<number[]>, send: (n: number) => Promise<Ack>) {
    ctx.heavy = pool;
    done.length = 0;
    const latencies: number[] = [];
    let running = true;
    const t0 = performance.now();
    const walls = work(t0).finally(() => (running = false));
    // Every 20 ms on a fixed schedule, each timed from when it was due: a stalled loop shows as the wait it caused.
    const acks: Promise<void>[] = [];
    for (let n = 0; running; n++) {
      const due = t0 + n * EVERY_MS;
      if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      acks.push(
        send(n).then((ack: Ack) => {
          if (!ack.ok) throw new Error(`bystander: ${ack.error}`);
          latencies.push(performance.now() - due);
        }),
      );
    }
    await Promise.all(acks);
    return { latencies, walls: await walls, jobs: done.map((d) => d.ms) };
  }
  const line = (what: string, { latencies, walls, jobs }: Awaited<ReturnType<typeof round>>) => {
    const f = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(
      `| ${what} | ${latencies.length} | ${quantile(latencies, 0.5).toFixed(1)} | ${quantile(latencies, 0.95).toFixed(1)} | ${Math.max(...latencies).toFixed(0)} | ${f(walls)} | ${f(jobs)} |`,
    );
  };

  await round(threaded, harvests(HARVESTS), consoleGoto); // warm-up: workers started, code loaded
  const wall = (await socket.timeout(10_000).emitWithAck('command', { id: 'to-the-wall', type: 'session.goto', payload: { stepId: 'muur' } })) as Ack;
  if (!wall.ok) throw new Error(`bystander: the live session did not go to its wall (${wall.error})`);
  const header = () => {
    console.log('| Harvests rendered | commands | bystander p50 ms | p95 ms | max ms | harvest wall ms (each) | render ms in its thread (each) |');
    console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
  };
  console.log(`\nA phone posting wall notes during one Word harvest of the arena (a note every ${EVERY_MS} ms, from ${PHONES} phones in turn, in another live session of the same server):\n`);
  header();
  for (const [what, pool] of [['in a worker thread', threaded], ['on the event loop (before)', inline]] as const) line(what, await round(pool, harvests(1), postNote));
  // The phones leave: every step change below would go to each of them, in this same process.
  for (const phone of phones) phone.close();
  console.log(`\nA console during ${HARVESTS} concurrent Word harvests of the arena (a command every ${EVERY_MS} ms on another live session of the same server):\n`);
  header();
  for (const [what, pool] of [['in worker threads', threaded], ['on the event loop (before)', inline]] as const) line(what, await round(pool, harvests(HARVESTS), consoleGoto));

  // An import of a large file: the arena's export, its sessions copied under new ids up to about 60 MB.
  const file = JSON.parse(Buffer.from((await threaded.run({ kind: 'export', arenaId })).body).toString('utf8'));
  const sessions = file.sessions as { id: string; code: string }[];
  const copies = Math.max(1, Math.ceil((60 * 2 ** 20) / JSON.stringify(file).length));
  const big = (tag: string) =>
    JSON.stringify({
      ...file,
      arena: { ...file.arena, id: `${tag}-arena` },
      // Participant ids are unique on a server: each copy renames its own (the bench names them p<meeting>-<n>).
      sessions: Array.from({ length: copies }, (_, c) =>
        (JSON.parse(JSON.stringify(sessions).replace(/"(p\d+-\d+)"/g, `"${tag}${c}$1"`)) as typeof sessions).map((s) => ({ ...s, id: `${tag}-${c}-${s.id}`, code: `${tag}${c}${s.code}`.slice(0, 20) })),
      ).flat(),
    });
  const upload = (body: string) => async (t0: number) => {
    const response = await fetch(`${base}/api/arenas/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (response.status !== 201) throw new Error(`import: ${response.status} ${await response.text()}`);
    return [performance.now() - t0];
  };
  const bodies = { threaded: big('w'), inline: big('m') };
  console.log(`\nThe same bystander during the import of a ${(bodies.threaded.length / 2 ** 20).toFixed(0)} MB arena file (${sessions.length * copies} sessions):\n`);
  console.log('| Import done | commands | bystander p50 ms | p95 ms | max ms | import wall ms | parse, check, replay and store ms in its thread |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
  line('in a worker thread', await round(threaded, upload(bodies.threaded), consoleGoto));
  line('on the event loop (before)', await round(inline, upload(bodies.inline), consoleGoto));
  ctx.heavy = threaded;
  socket.close();
  await inline.close();
  await app.close();
}
