// The parts of Oogst that serve every kind name none: the arena's harvest and page,
// the monitoring trend, the session runtime and the app's wiring ask each kind through
// its definition (kinds/definition.ts: `arena`, `arenaContext`, `onPresence`) or its
// model (`revealable`). A kind named here would be one more file to touch for the
// next kind, and a place that silently ignores it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kinds } from '../../kinds/registry.js';

const ROOT = join(import.meta.dirname, '../..');
/** Folders and files that must stay free of kind names. */
const NEUTRAL = ['server/harvest', 'server/sessions', 'server/realtime', 'server/routes', 'server/heavy', 'server/app.ts', 'client/home', 'client/console/App.svelte'];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

const source = (file: string) => /\.(ts|svelte)$/.test(file) && !/\.test\.ts$/.test(file);

/** Comments may name kinds as examples; code may not. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/^\s*\/\/.*$/gm, '');

/** A kind's name as code uses it: a string literal (`'wall'`, `'wall.post'`, `` `smallwin` ``) or a path segment (`kinds/wall/`, `/smallwins`). */
function mentions(text: string, kind: string): string[] {
  const patterns = [new RegExp(`(['"\`])${kind}(\\.[a-z-]+)?\\1`, 'g'), new RegExp(`/${kind}s?(?=[/'"\`.?])`, 'g')];
  return patterns.flatMap((p) => code(text).match(p) ?? []);
}

describe('code that serves every kind', () => {
  const scanned = NEUTRAL.flatMap(files).filter(source);

  it('covers the harvest, the sessions, the routes, the app and the arena page', () => {
    const names = scanned.map((f) => relative(ROOT, f));
    for (const expected of ['server/harvest/document.ts', 'server/harvest/monitoring.ts', 'server/sessions/session-runtime.ts', 'server/app.ts', 'client/home/ArenaView.svelte', 'client/home/ArenaAmbition.svelte'])
      expect(names).toContain(expected);
  });

  it('finds a kind named in code (the check can fail)', () => {
    expect(mentions("if (step.kind !== 'open') continue;", 'open')).toEqual(["'open'"]);
    expect(mentions("import { arenaWins } from '../../kinds/smallwin/arena.js';", 'smallwin')).toEqual(['/smallwin']);
    expect(mentions("api('GET', `${path}/smallwins`)", 'smallwin')).toEqual(['/smallwins']);
    expect(mentions("send('wall.post', payload)", 'wall')).toEqual(["'wall.post'"]);
    expect(mentions('/** Like `open`: a kind named in a comment. */\n// and here: kinds/open/\nconst opened = step.open;', 'open')).toEqual([]);
  });

  it('names no kind from the registry', () => {
    const found = scanned.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return kinds.flatMap((k) => mentions(text, k.kind).map((m) => `${relative(ROOT, file)}: ${m}`));
    });
    expect(found).toEqual([]);
  });
});
