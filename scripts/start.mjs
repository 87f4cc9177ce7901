/**
 * `npm start`: builds what is missing or older than its sources, quietly, then runs
 * the server. A newcomer sees one line about the build and the banner, not two
 * hundred lines of file sizes; restarting mid-session with nothing changed starts
 * at once, without a rebuild. `npm run build` still shows everything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

/** Written after a build that succeeded: what is built is as new as this file. */
const STAMP = 'dist/.built';
/** What the build reads; facilitation-scripts/ and data/ are read when the server runs. */
const SOURCES = ['client', 'core', 'kinds', 'server', 'scripts/vite', 'package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time among the files under `path`. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((most, name) => Math.max(most, newest(join(path, name))), stat.mtimeMs);
}

function run(command, args) {
  // Only errors are shown; a failed step prints what its tool said and stops here.
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status === 0) return;
  process.stderr.write(`\n  The build failed (${command} ${args.join(' ')}):\n\n${result.stdout}${result.stderr}\n`);
  process.exit(result.status ?? 1);
}

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
if (!built || Math.max(...SOURCES.map(newest)) > built) {
  const started = Date.now();
  process.stdout.write('  Building Oogst (the pages and the server)…');
  run('npx', ['vite', 'build', '--logLevel', 'error']);
  run('npx', ['tsc', '-p', 'tsconfig.build.json']);
  writeFileSync(STAMP, new Date().toISOString());
  process.stdout.write(` done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

await import('../dist/server/main.js');
