#!/usr/bin/env node
/**
 * `npm run dev`: the server (restarted on change) and Vite (hot reload, proxying
 * /api, /socket.io, /j and /healthz to the server) side by side. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const port = process.env.PORT ?? '3000';
const env = { ...process.env, PORT: port, OOGST_DEV_SERVER: `http://localhost:${port}` };

const processes = [
  { name: 'server', color: 36, command: process.execPath, args: ['--import', 'tsx', '--watch', 'server/main.ts'] },
  { name: 'vite  ', color: 35, command: process.execPath, args: ['node_modules/vite/bin/vite.js'] },
];

let stopping = false;
const children = processes.map(({ name, color, command, args }) => {
  const child = spawn(command, args, { env, stdio: ['inherit', 'pipe', 'pipe'] });
  const prefix = `\x1b[${color}m${name}\x1b[0m │ `;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream }).on('line', (line) => out.write(prefix + line + '\n'));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}stopped (${signal ?? `exit code ${code}`}); stopping the other one too`);
      stop(code ?? 1);
    }
  });
  return child;
});

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  let left = running.length;
  if (!left) process.exit(code);
  for (const child of running)
    child.on('exit', () => {
      if (--left === 0) process.exit(code);
    });
  // A child that ignores SIGTERM does not keep the terminal hostage.
  setTimeout(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 5000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
