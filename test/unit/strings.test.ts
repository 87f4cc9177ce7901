/**
 * The UI strings, in their parts: the phone's and the facilitator's pages' in
 * client/lib/i18n, each kind's in its folder. Every part reads the same in Dutch and
 * English (same keys, same `{params}`), every key a view names is there, and a kind's
 * keys are its own, so two parts never fight over one key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enFacilitator } from '../../client/lib/i18n/facilitator.en.js';
import { nlFacilitator } from '../../client/lib/i18n/facilitator.nl.js';
import { t, type MessageKey } from '../../client/lib/i18n/index.svelte.js';
import { enLogbook } from '../../client/lib/i18n/logbook.en.js';
import { nlLogbook } from '../../client/lib/i18n/logbook.nl.js';
import { enPhone } from '../../client/lib/i18n/phone.en.js';
import { nlPhone } from '../../client/lib/i18n/phone.nl.js';

type Catalogue = Record<string, string>;

const repo = join(import.meta.dirname, '../..');
const kinds = readdirSync(join(repo, 'kinds'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const folderOf = (path: string) => path.split('/').slice(-2)[0]!;
const strings = Object.entries(import.meta.glob<{ nl: Catalogue; en: () => Promise<Catalogue> }>('../../kinds/*/strings.ts', { eager: true }));
const kindDutch = Object.fromEntries(strings.map(([path, m]) => [folderOf(path), m.nl]));
// Each kind's English as the page fetches it: through its strings.ts.
const kindEnglish = Object.fromEntries(await Promise.all(strings.map(async ([path, m]) => [folderOf(path), await m.en()] as const)));

const parts: [string, Catalogue, Catalogue][] = [
  ['phone', nlPhone, enPhone],
  ['facilitator', nlFacilitator, enFacilitator],
  ['logbook', nlLogbook, enLogbook],
  ...kinds.map((kind): [string, Catalogue, Catalogue] => [kind, kindDutch[kind] ?? {}, kindEnglish[kind] ?? {}]),
];

/** Literal keys a source names: `t('wall.post')`, `tn('count.notes', n)` (its `.one`), and the fixed part of `t(\`interview.field.${f}\`)`. */
function keysIn(source: string): { keys: string[]; prefixes: string[] } {
  const keys = [...source.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!);
  const counted = [...source.matchAll(/\btn\(\s*'([^']+)'/g)].map((m) => `${m[1]}.one`);
  const prefixes = [...source.matchAll(/\bt\(\s*`([^`$]+)\$\{/g)].map((m) => m[1]!);
  return { keys: [...keys, ...counted], prefixes };
}

function filesUnder(folder: string, pattern: RegExp): string[] {
  return readdirSync(join(repo, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file))
    .map((file) => join(repo, folder, file));
}

function missing(files: string[], catalogue: Catalogue): string[] {
  const known = Object.keys(catalogue);
  return files.flatMap((file) => {
    const { keys, prefixes } = keysIn(readFileSync(file, 'utf8'));
    const where = relative(repo, file);
    return [
      ...keys.filter((key) => !(key in catalogue)).map((key) => `${where}: ${key}`),
      ...prefixes.filter((prefix) => !known.some((key) => key.startsWith(prefix))).map((prefix) => `${where}: ${prefix}…`),
    ];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  for (const [part, nl, en] of parts)
    it(`${part}: Dutch and English have the same keys and the same {params}`, () => {
      expect(Object.keys(nl).length).toBeGreaterThan(0);
      expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
      for (const key of Object.keys(nl)) expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(nl[key]!));
    });

  it('every kind has its strings in its folder, named in kinds/strings.ts for the type of t()', () => {
    const list = readFileSync(join(repo, 'kinds/strings.ts'), 'utf8');
    for (const kind of kinds) {
      expect(Object.keys(kindDutch[kind] ?? {}), kind).not.toEqual([]);
      expect(list, kind).toContain(`'./${kind}/strings.js'`);
    }
  });

  it("a kind's keys are its own: its name first, its display name, or a count", () => {
    for (const kind of kinds) {
      const foreign = Object.keys(kindDutch[kind]!).filter((key) => !key.startsWith(`${kind}.`) && key !== `kind.${kind}` && !key.startsWith('count.'));
      expect(foreign, kind).toEqual([]);
      expect(kindDutch[kind], kind).toHaveProperty(`kind.${kind}`);
    }
  });

  it('no key is in two parts', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [part, nl] of parts)
      for (const key of Object.keys(nl)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${part}`);
        seen.set(key, part);
      }
    expect(twice).toEqual([]);
  });

  for (const kind of kinds)
    it(`${kind}: every key its views name is there, and its phone view names none of the facilitator's`, () => {
      const own = kindDutch[kind]!;
      expect(missing(filesUnder(`kinds/${kind}`, /\.svelte$/), { ...nlPhone, ...nlFacilitator, ...own })).toEqual([]);
      expect(missing([join(repo, 'kinds', kind, 'Participant.svelte')], { ...nlPhone, ...own })).toEqual([]);
    });

  it("every key the pages name is there; the phone's pages name only the phone's", () => {
    const kindNames = Object.fromEntries(kinds.map((kind) => [`kind.${kind}`, kindDutch[kind]![`kind.${kind}`]!]));
    expect(missing(filesUnder('client', /\.(svelte|ts)$/).filter((file) => !file.includes('/i18n/')), { ...nlPhone, ...nlFacilitator, ...nlLogbook, ...kindNames })).toEqual([]);
    expect(missing(filesUnder('client/participant', /\.(svelte|ts)$/), nlPhone)).toEqual([]);
  });

  it('a key the catalogues lack fails the type check, and shows as itself', () => {
    // @ts-expect-error -- a typo in a kind's key
    expect(t('wall.adNote')).toBe('wall.adNote');
    const known: MessageKey = 'wall.post';
    expect(known).toBe('wall.post');
  });
});
