/**
 * The benchmark's child processes: the server under test (Oogst's production
 * build, or the bare socket.io floor) and the load workers. Every child is
 * registered so that the orchestrator kills it on any exit, and every start and
 * stop is bounded.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep, within, type FromWorker, type ToWorker } from './shared.js';

export const ROOT = join(import.meta.dirname, '..');
const children = new Set<ChildProcess>();

/** Kills every child still running; safe to call more than once, and from an exit handler. */
export function killChildren() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** The open-file limits of this shell (soft, hard): each loopback socket costs one descriptor per end. */
export function fileLimits(): { soft: number; hard: number } {
  const read = (flag: string) => execFileSync('sh', ['-c', `ulimit ${flag}`], { encoding: 'utf8' }).trim();
  const parse = (v: string) => (v === 'unlimited' ? Infinity : Number(v));
  return { soft: parse(read('-Sn')), hard: parse(read('-Hn')) };
}

/** Runs `command` with the soft open-file limit raised to the hard one, when it is lower. */
function withFileLimit(command: string, args: string[]): [string, string[]] {
  const { soft, hard } = fileLimits();
  if (soft >= hard) return [command, args];
  return ['sh', ['-c', `ulimit -n ${hard === Infinity ? 'unlimited' : hard} && exec "$0" "$@"`, command, ...args]];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Target {
  kind: 'oogst' | 'floor';
  /** Where phones join and connect. */
  url: string;
  /** Where the console and screen connect: another server of the same cluster (`--servers 2`), or `url`. */
  viewsUrl?: string;
  /** With `--spread`: phone i joins `phoneUrls[i mod length]` (round robin, as a load balancer), and the screen is on `viewsUrl`, the console on `url`. */
  phoneUrls?: string[];
  pid: number;
  /** Every server process of this target, for CPU: `pid`, plus the second server with `--servers 2`. */
  pids?: number[];
  /** The last lines the server wrote, for a report when something fails. */
  output(): string;
  stop(): Promise<void>;
}

async function startServer(kind: Target['kind'], args: string[], env: Record<string, string>, cleanup = () => {}): Promise<Target> {
  const port = await freePort();
  const [command, argv] = withFileLimit(process.execPath, args);
  const child = track(
    spawn(command, argv, {
      cwd: ROOT,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await within(exited, 10_000, `${kind} server stop`).catch(() => child.kill('SIGKILL'));
    }
    cleanup();
  };
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { kind, url, pid: child.pid!, output: () => output, stop };
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`${kind} server did not start within 60 s:\n${output}`);
}

/** Several servers: the PostgreSQL and Redis they share (`--servers 2`). */
export interface ClusterEnv {
  DATABASE_URL: string;
  DATABASE_SCHEMA: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
}

/**
 * Oogst as `npm run serve` runs it: the production build, a fresh SQLite store (or,
 * with `cluster`, the shared PostgreSQL schema and Redis), limits out of the load's way.
 */
export function startOogst(maxParticipants: number, nodeArgs: string[] = [], main = join(ROOT, 'dist/server/main.js'), cluster?: ClusterEnv): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oogst-bench-'));
  return startServer(
    'oogst',
    [...nodeArgs, main],
    {
      ...cluster,
      OOGST_DATA_DIR: dataDir,
      // A phone posts at most a few notes a minute; the default limit (20, then 3/s) is not what is measured here.
      OOGST_COMMAND_BURST: '1000',
      OOGST_COMMANDS_PER_SECOND: '1000',
      // Thousands of phones join from this one address: the per-address join limit is not what is measured.
      OOGST_JOIN_BURST: '100000',
      OOGST_JOINS_PER_SECOND: '100000',
      // Every phone comes from 127.0.0.1; arenas and sessions too (the conference day makes 100).
      OOGST_MAX_CONNECTIONS_PER_ADDRESS: '100000',
      OOGST_ARENAS_PER_HOUR: '100000',
      OOGST_SESSIONS_PER_HOUR: '100000',
      OOGST_MAX_PARTICIPANTS: String(maxParticipants),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    () => rmSync(dataDir, { recursive: true, force: true }),
  );
}

/**
 * Two Oogst servers on one PostgreSQL schema and one Redis prefix, as one target.
 * Spread (the default): phones round robin over both, the console on the first and
 * the screen on the second. Not spread: phones on the first, console and screen on
 * the second, so every note crosses from one server to the other. `cleanup` removes
 * the schema and the Redis keys.
 */
export async function startOogstPair(
  maxParticipants: number,
  nodeArgs: string[],
  main: string | undefined,
  cluster: ClusterEnv & Record<string, string>,
  cleanup: () => Promise<void>,
  spread: boolean,
): Promise<Target> {
  const [a, b] = await Promise.all([1, 2].map(() => startOogst(maxParticipants, nodeArgs, main, cluster)));
  return pairOf(a!, b!, cleanup, spread);
}

export function startFloor(snapshotFile: string, nodeArgs: string[] = [], stored?: ClusterEnv): Promise<Target> {
  return startServer('floor', [...nodeArgs, '--import', 'tsx', join(ROOT, 'bench/floor-server.ts')], {
    FLOOR_SNAPSHOT: snapshotFile,
    NODE_ENV: 'production',
    ...(stored
      ? { FLOOR_DATABASE_URL: stored.DATABASE_URL, FLOOR_DATABASE_SCHEMA: stored.DATABASE_SCHEMA, FLOOR_REDIS_URL: stored.REDIS_URL, FLOOR_REDIS_PREFIX: stored.REDIS_PREFIX }
      : {}),
  });
}

/** The stored floor (floor-store.ts): two floor servers on one PostgreSQL schema and Redis prefix, spread as Oogst's pair is. */
export async function startFloorPair(snapshotFile: string, nodeArgs: string[], stored: ClusterEnv, cleanup: () => Promise<void>, spread: boolean): Promise<Target> {
  const [a, b] = await Promise.all([1, 2].map(() => startFloor(snapshotFile, nodeArgs, stored)));
  return pairOf(a!, b!, cleanup, spread);
}

/** Two servers as one target: phones on both (spread) or on the first, the console on the first, the screen on the second. */
function pairOf(a: Target, b: Target, cleanup: () => Promise<void>, spread: boolean): Target {
  return {
    ...a,
    viewsUrl: b.url,
    ...(spread ? { phoneUrls: [a.url, b.url] } : {}),
    pids: [a.pid, b.pid],
    output: () => `${a.output()}\n--- second server\n${b.output()}`,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await cleanup();
    },
  };
}

/** The load workers; each handles one request at a time and answers with a message of the same type. */
export class Fleet {
  private closed = false;
  private constructor(private readonly workers: ChildProcess[]) {}

  static async start(count: number): Promise<Fleet> {
    const workers = Array.from({ length: count }, () => {
      const [command, argv] = withFileLimit(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/load-worker.ts')]);
      // fork() cannot go through sh; when the limit needs raising, spawn with an IPC channel instead.
      return track(
        command === process.execPath
          ? fork(argv.at(-1)!, [], { cwd: ROOT, execArgv: argv.slice(0, -1), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
          : spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
      );
    });
    const fleet = new Fleet(workers);
    await Promise.all(workers.map((_, w) => fleet.answer(w, 'ready', 30_000)));
    return fleet;
  }

  get size() {
    return this.workers.length;
  }

  pids(): number[] {
    return this.workers.map((w) => w.pid!);
  }

  private answer<T extends FromWorker['type']>(w: number, type: T, timeoutMs: number): Promise<Extract<FromWorker, { type: T }>> {
    const worker = this.workers[w]!;
    return within(
      new Promise((resolve, reject) => {
        const onMessage = (message: FromWorker) => {
          if (message.type !== type) return;
          worker.off('message', onMessage);
          worker.off('exit', onExit);
          resolve(message as Extract<FromWorker, { type: T }>);
        };
        const onExit = (code: number | null) => reject(new Error(`load worker ${w} exited (${code}) before answering ${type}`));
        worker.on('message', onMessage);
        worker.once('exit', onExit);
      }),
      timeoutMs,
      `load worker ${w}, ${type}`,
    );
  }

  /** Sends each worker its message and waits for every answer. */
  all<T extends ToWorker['type']>(message: (w: number) => Extract<ToWorker, { type: T }>, timeoutMs: number) {
    return Promise.all(
      this.workers.map((worker, w) => {
        const m = message(w);
        const answered = this.answer(w, m.type, timeoutMs);
        worker.send(m);
        return answered;
      }),
    ) as Promise<Extract<FromWorker, { type: T }>[]>;
  }

  async close(): Promise<number> {
    if (this.closed) return 0;
    this.closed = true;
    const answers = await this.all(() => ({ type: 'close' }), 10_000).catch(() => []);
    for (const worker of this.workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    return answers.reduce((sum, a) => sum + a.disconnects, 0);
  }
}
