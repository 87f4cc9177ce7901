// The documents name files and folders in backticks; when one is moved or removed
// the documents must follow. Every backticked repository path in docs/*.md, README.md
// and each folder's README.md has to exist: one that starts with a source folder from
// the repository's root, another one with a slash in a folder's README from that folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** The folders that hold the project's own files. */
const SOURCE_FOLDERS = ['bench', 'client', 'core', 'docs', 'facilitation-scripts', 'kinds', 'scripts', 'server', 'test'];
/** Made by a build, a run or a test, not in the repository. */
const MADE_FOLDERS = ['bench-results', 'data', 'dist', 'node_modules', 'profiles', 'test-results'];

const documents = [
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, 'docs', name)),
  join(root, 'README.md'),
  ...SOURCE_FOLDERS.map((folder) => join(root, folder, 'README.md')).filter((file) => existsSync(file)),
];

/** The backticked tokens of a Markdown text outside fenced code, with their line numbers. */
function backticked(markdown: string): { token: string; line: number }[] {
  const found: { token: string; line: number }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, i) => {
    if (text.trimStart().startsWith('```')) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    for (const match of text.matchAll(/`([^`\s]+)`/g)) found.push({ token: match[1]!, line: i + 1 });
  });
  return found;
}

/** A token that names a path in the repository, as a path from `base`; undefined for anything else. */
function repoPath(token: string, inFolder: boolean): string | undefined {
  // Placeholders (`kinds/<kind>/`, `*.ts`, `{a,b}`), addresses, options and code are no paths.
  if (!/^[\w.-]+(\/[\w.-]*)+$/.test(token) || token.includes('..')) return undefined;
  const first = token.split('/')[0]!;
  if (MADE_FOLDERS.includes(first)) return undefined;
  if (SOURCE_FOLDERS.includes(first)) return token;
  return inFolder ? `./${token}` : undefined;
}

describe('paths named in the documents', () => {
  it('finds paths to check', () => {
    expect(repoPath('kinds/registry.ts', false)).toBe('kinds/registry.ts');
    expect(repoPath('routes/', true)).toBe('./routes/');
    expect(repoPath('kinds/<kind>/model.ts', false)).toBeUndefined();
    expect(repoPath('/api/join', false)).toBeUndefined();
    expect(repoPath('dist/client', true)).toBeUndefined();
    expect(backticked('see `core/a.ts`\n```\n`core/b.ts`\n```\n`core/c.ts`')).toEqual([
      { token: 'core/a.ts', line: 1 },
      { token: 'core/c.ts', line: 5 },
    ]);
  });

  for (const file of documents) {
    const name = relative(root, file);
    it(`all exist in ${name}`, () => {
      const inFolder = dirname(file) !== root && dirname(file) !== join(root, 'docs');
      const missing = backticked(readFileSync(file, 'utf8')).flatMap(({ token, line }) => {
        const path = repoPath(token, inFolder);
        if (path === undefined) return [];
        const from = path.startsWith('./') ? dirname(file) : root;
        return existsSync(join(from, path)) ? [] : [`${name}:${line}: ${token}`];
      });
      expect(missing).toEqual([]);
    });
  }
});
