/**
 * `npm run scripts:check [path …]`: checks facilitation scripts (files or folders;
 * default facilitation-scripts/) and prints every problem with file, line and field.
 * Exits 1 when any script has a problem.
 */
import { readFileSync, statSync } from 'node:fs';
import { formatProblem, loadScriptDir, parseScript, type ScriptProblem } from '../server/scripts/load-scripts.js';

const paths = process.argv.slice(2);
const problems: ScriptProblem[] = [];
let checked = 0;
for (const path of paths.length ? paths : ['facilitation-scripts']) {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    problems.push({ file: path, field: '', message: 'no such file or folder' });
    continue;
  }
  if (isDir) {
    const result = loadScriptDir(path);
    checked += result.scripts.size;
    problems.push(...result.problems);
  } else {
    const parsed = parseScript(readFileSync(path, 'utf8'), path);
    if (parsed.ok) checked += 1;
    else problems.push(...parsed.problems);
  }
}
for (const p of problems) console.error(formatProblem(p));
console.log(problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'} found.` : `${checked} script${checked === 1 ? '' : 's'} OK.`);
process.exit(problems.length ? 1 : 0);
