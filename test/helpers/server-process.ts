/** Oogst as a real child process, for tests that kill it (kill -9) and start it again on the same store. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** A child killed by a signal has no exit code, only a signal code. */
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export class ServerProcess {
  private child: ChildProcess | undefined;
  readonly url: string;

  constructor(
    readonly port: number,
    readonly dataDir = mkdtempSync(join(tmpdir(), 'oogst-proc-')),
    private readonly env: Record<string, string> = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  private spawn(options: { stdio: ('ignore' | 'inherit' | 'pipe')[]; uid?: number }): ChildProcess {
    return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(this.port),
        OOGST_DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: options.stdio,
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    });
  }

  /** Starts the server from source and resolves once it answers /healthz. */
  async start(): Promise<void> {
    this.child = this.spawn({ stdio: ['ignore', 'ignore', 'inherit'] });
    // A bound on a hang, not a timing: from source (tsx) on a busy shared machine a start can take 20 s.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited with ${this.child.exitCode}`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server did not start within 60 s');
  }

  /** Starts a server that is expected not to start: its exit code and what it printed. `uid` runs it as another user. */
  async failedStart(uid?: number): Promise<{ code: number | null; output: string }> {
    const child = this.spawn({ stdio: ['ignore', 'pipe', 'pipe'], uid });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    return { code, output };
  }

  /** SIGKILL: no shutdown code runs, as in a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !running(child)) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(removeData = true): Promise<void> {
    const child = this.child;
    if (child && running(child)) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (removeData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
