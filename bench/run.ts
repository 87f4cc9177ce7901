/**
 * `npm run bench`: Oogst against the floor (bare socket.io with the same delivery
 * design), in the same run, on this machine. Prints tables and writes JSON to
 * bench-results/. Flags (all optional):
 *   --n 250,1000,2000,4000   rooms to measure (steady mode)
 *   --rate 10 --seconds 20   notes per second for the whole room, and for how long
 *   --capacity-rate 200      then 5 s at this rate, for CPU per note and headroom (0: skip)
 *   --mode steady,burst,joining   or --burst / --joining for one of them
 *   --burst-n 200 --bursts 3      phones posting at the same moment, and how many times
 *   --join-n 2000                 phones joining as fast as they can
 *   --workers 2 --concurrency 50  load processes, and joins in flight per process
 *   --no-build                    use dist/ as it is
 *   --profile                     write a CPU profile of each server to bench-results/profiles/
 *   --oogst <path/to/main.js>     measure another build (e.g. a copy with a proposed change)
 *   --servers 2                   Oogst as two servers on PostgreSQL and Redis (--database-url, --redis-url;
 *                                 local defaults), phones spread round robin over both, console and screen
 *                                 on different ones; --phones-on-one: phones on one, console and screen on the other
 *   --sessions 100 --n 40         the conference day instead (bench/conference.ts): many sessions at once on
 *                                 two servers, --rate notes/s in each (default 1) for --seconds
 *   --floor stored                with --servers 2: the floor is two bare servers that store every event in
 *                                 PostgreSQL as Oogst does and cross over Redis (bench/floor-store.ts), so the
 *                                 ratio is what Oogst's own code costs beyond storing and crossing servers
 *   --phone [--runs 3] [--cpu-slowdown 4]   the phone benchmark instead (bench/phone.ts)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dropRedisKeys, dropSchema, freshRedisPrefix, freshSchema, requirePostgres, requireRedis } from '../test/helpers/services.js';
import { fileLimits, killChildren, ROOT, startFloor, startFloorPair, startOogst, startOogstPair, type Target } from './processes.js';
import { printTables, verdicts } from './report.js';
import { runConference } from './conference.js';
import { CAPACITY_SECONDS, runPair, type ScenarioOptions, type ScenarioResult } from './scenario.js';

const { values: flags } = parseArgs({
  options: {
    n: { type: 'string', default: '250,1000,2000,4000' },
    rate: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '20' },
    'capacity-rate': { type: 'string', default: '200' },
    mode: { type: 'string', default: 'steady,burst,joining' },
    burst: { type: 'boolean', default: false },
    joining: { type: 'boolean', default: false },
    'burst-n': { type: 'string', default: '200' },
    bursts: { type: 'string', default: '3' },
    'join-n': { type: 'string', default: '2000' },
    workers: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '50' },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    oogst: { type: 'string' },
    phone: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    'cpu-slowdown': { type: 'string', default: '4' },
    servers: { type: 'string', default: '1' },
    'phones-on-one': { type: 'boolean', default: false },
    floor: { type: 'string', default: 'bare' },
    sessions: { type: 'string', default: '1' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
  },
});

// Whatever happens, no server or load worker outlives the benchmark.
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(signal, () => {
    killChildren();
    process.exit(130);
  });
// Every wait inside is bounded; this bounds the whole run as well.
setTimeout(() => {
  console.error('The benchmark did not finish within 60 minutes; stopping.');
  process.exit(2);
}, 60 * 60_000).unref();

const positive = (name: string, text: string) => {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not "${text}"`);
  return value;
};

/** Newest modification time of the server's sources, to know whether dist/ is stale. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|svelte|yaml)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const main = join(ROOT, 'dist/server/main.js');
  const built = existsSync(main) && existsSync(join(ROOT, 'dist/client/participant.html')) ? statSync(main).mtimeMs : 0;
  const sources = Math.max(...['server', 'core', 'kinds', 'client'].map((d) => newestSource(join(ROOT, d))));
  if (flags['no-build'] && built) return;
  if (built >= sources) return;
  console.log('Building (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status === 0) return;
  if (!built) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  // A tree in the middle of an edit need not stop a measurement of the last good build; say so loudly.
  console.warn(`npm run build failed; measuring the build in dist/ from ${new Date(built).toISOString()} instead.\n${build.stderr.slice(-600)}`);
}

if (!flags.oogst) buildIfNeeded();
if (flags.phone) {
  await import('./phone.js');
} else {
  const modes = (flags.burst || flags.joining ? [flags.burst && 'burst', flags.joining && 'joining'] : flags.mode.split(',')).filter(
    Boolean,
  ) as ScenarioOptions['mode'][];
  const workers = Math.floor(positive('workers', flags.workers));
  const rate = positive('rate', flags.rate);
  let seconds = positive('seconds', flags.seconds);
  const concurrency = Math.floor(positive('concurrency', flags.concurrency));
  const sizes = flags.n.split(',').map((n) => Math.floor(positive('n', n)));
  const plan = modes.flatMap((mode): [ScenarioOptions['mode'], number][] =>
    mode === 'steady'
      ? sizes.map((n) => [mode, n])
      : [[mode, Math.floor(positive(`${mode}-n`, mode === 'burst' ? flags['burst-n'] : flags['join-n']))]],
  );

  // A wall takes at most 10 notes per phone (maxNotes in the script): more would be refused, not measured.
  const smallest = Math.min(...plan.filter(([m]) => m === 'steady').map(([, n]) => n));
  let capacityRate = Number(flags['capacity-rate']);
  if (!Number.isFinite(capacityRate) || capacityRate < 0) throw new Error(`--capacity-rate must be 0 or more, not "${flags['capacity-rate']}"`);
  if (rate * seconds > smallest * 10) {
    seconds = Math.floor((smallest * 10) / rate);
    console.log(`Posting for ${seconds} s, so that no phone in the room of ${smallest} posts more than the wall's 10 notes.`);
  }
  if (rate * seconds + capacityRate * CAPACITY_SECONDS > smallest * 10) {
    capacityRate = Math.floor((smallest * 10 - rate * seconds) / CAPACITY_SECONDS);
    console.log(`Capacity phase at ${capacityRate} notes/s, for the same reason.`);
  }
  const limits = fileLimits();
  const largest = Math.max(...plan.map(([, n]) => n));
  // The server holds one descriptor per phone, each worker one per phone it runs in both rooms, plus a few hundred more.
  const descriptors = Math.max(largest, Math.ceil((2 * largest) / workers)) + 500;
  if (descriptors > limits.hard) throw new Error(`${largest} phones need ${descriptors} open files in one process; this machine allows ${limits.hard} (ulimit -Hn).`);

  const servers = Math.floor(positive('servers', flags.servers));
  if (servers > 2) throw new Error('--servers is 1 or 2');
  const spread = servers === 2 && !flags['phones-on-one'];
  if (flags.floor !== 'bare' && flags.floor !== 'stored') throw new Error('--floor is bare or stored');
  if (flags.floor === 'stored' && servers !== 2) throw new Error('--floor stored is a two-server floor: add --servers 2');
  const databaseUrl = flags['database-url'];
  const redisUrl = flags['redis-url'];
  if (servers === 2) {
    process.env.OOGST_TEST_DATABASE_URL = databaseUrl;
    process.env.OOGST_TEST_REDIS_URL = redisUrl;
    await requirePostgres();
    await requireRedis();
  }
  /** Oogst for one pair: one server on SQLite, or two sharing a fresh PostgreSQL schema and Redis prefix. */
  const startTarget = (profile: string[]): Promise<Target> => {
    const main = flags.oogst ? resolve(flags.oogst) : undefined;
    if (servers === 1) return startOogst(largest + 1000, profile, main);
    const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: freshSchema(), REDIS_URL: redisUrl, REDIS_PREFIX: freshRedisPrefix() };
    const cleanup = async () => {
      await dropSchema(env.DATABASE_SCHEMA, databaseUrl);
      await dropRedisKeys(env.REDIS_PREFIX, redisUrl);
    };
    return startOogstPair(largest + 1000, profile, main, env, cleanup, spread);
  };

  /** The floor for one pair: one bare socket.io server, or (`--floor stored`) two that store and cross as Oogst's do. */
  const startFloorTarget = (profile: string[]): Promise<Target> => {
    if (flags.floor === 'bare') return startFloor(snapshotFile, profile);
    const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: freshSchema(), REDIS_URL: redisUrl, REDIS_PREFIX: freshRedisPrefix() };
    return startFloorPair(snapshotFile, profile, env, async () => {
      await dropSchema(env.DATABASE_SCHEMA, databaseUrl);
      await dropRedisKeys(env.REDIS_PREFIX, redisUrl);
    }, spread);
  };

  const outDir = join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const sessions = Math.floor(positive('sessions', flags.sessions));
  if (sessions > 1) {
    if (servers !== 2) throw new Error('--sessions runs on two servers: add --servers 2');
    // A session nobody watches is let go after 6 s (and looked at every 1.5 s), so that unloading shows within the run.
    const unloadMinutes = 0.1;
    const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: freshSchema(), REDIS_URL: redisUrl, REDIS_PREFIX: freshRedisPrefix(), OOGST_SESSION_UNLOAD_MINUTES: String(unloadMinutes) };
    const target = await startOogstPair(sessions * sizes[0]! + 1000, [], flags.oogst ? resolve(flags.oogst) : undefined, env, async () => {
      await dropSchema(env.DATABASE_SCHEMA, databaseUrl);
      await dropRedisKeys(env.REDIS_PREFIX, redisUrl);
    }, true);
    try {
      const options = { sessions, n: sizes[0]!, workers, concurrency, rate: flags.rate === '10' ? 1 : rate, seconds, unloadMs: unloadMinutes * 60_000 };
      await runConference(target, options, outDir);
    } finally {
      await target.stop();
    }
    process.exit(0);
  }
  const snapshotFile = join(tmpdir(), `oogst-bench-snapshot-${process.pid}.json`);
  writeFileSync(snapshotFile, JSON.stringify({ protocol: 1 }));
  process.on('exit', () => rmSync(snapshotFile, { force: true }));
  const startedAt = new Date();
  const load = loadavg();
  const results: ScenarioResult[] = [];

  for (const [mode, n] of plan) {
    process.stdout.write(`${mode.padEnd(7)} N=${String(n).padEnd(5)} … `);
    const profile = flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(outDir, 'profiles', `${mode}-${n}`)}`] : [];
    const oogst = await startTarget(profile);
    const floor = await startFloorTarget(profile).catch(async (error) => {
      await oogst.stop();
      throw error;
    });
    try {
      const options = { n, workers, concurrency, mode, rate, seconds, capacityRate, bursts: positive('bursts', flags.bursts) };
      const pair = await runPair({ oogst, floor }, options, (snapshot) => writeFileSync(snapshotFile, JSON.stringify(snapshot)));
      results.push(...pair);
      console.log(
        pair
          .map((r) => `${r.server}: ${r.joined} joined in ${(r.joinAllMs / 1000).toFixed(1)} s` + (r.posts ? `, screen p95 ${r.posts.screen.p95.toFixed(1)} ms` : ''))
          .join('; ') + (pair.some((r) => r.joinErrors.length) ? ` (join errors: ${pair.flatMap((r) => r.joinErrors)[0]})` : ''),
      );
    } catch (error) {
      console.log('failed');
      console.error((error as Error).message, '\n', oogst.output(), '\n', floor.output());
      throw error;
    } finally {
      await Promise.all([oogst.stop(), floor.stop()]);
    }
  }
  const report = {
    date: startedAt.toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      loadBefore: load,
      loadAfter: loadavg(),
      openFiles: limits,
      commit: (() => {
        try {
          return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
        } catch {
          return undefined;
        }
      })(),
    },
    options: { workers, concurrency, rate, seconds, capacityRate, capacitySeconds: CAPACITY_SECONDS, modes, plan, oogst: flags.oogst, servers, spread, floor: flags.floor },
    results,
  };
  const file = join(outDir, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  printTables(report);
  console.log(verdicts(results).join('\n'));
  console.log(`\nWritten: ${file}`);
  process.exit(0);
}
