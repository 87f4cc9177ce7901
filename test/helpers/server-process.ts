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

  /** Starts the server from source and resolves once it answers /healthz. */
  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(this.port),
        OOGST_DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
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
