// The phone's browser floor (Safari 15.0, Chrome 91: client/README.md) is kept by lint:
// the project's own ESLint config refuses built-ins those browsers lack in the code a
// phone runs, and leaves the server's code alone.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '../..') });

async function findings(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const newerBuiltIns = [
  'export const last = (list: number[]) => list.at(-1);',
  'export const own = (o: object) => Object.hasOwn(o, "k");',
  'export const sorted = (list: number[]) => list.toSorted();',
];

describe("the phone's browser floor", () => {
  for (const path of ['client/participant/floor-check.ts', 'client/lib/floor-check.ts', 'core/floor-check.ts', 'kinds/wall/model.ts']) {
    it(`refuses built-ins newer than Safari 15.0 in ${path}`, async () => {
      for (const code of newerBuiltIns) expect(await findings(code, path), code).toHaveLength(1);
    });
  }

  it('refuses `.at(` in a view of a kind', async () => {
    const view = '<script lang="ts">\n  let { list }: { list: string[] } = $props();\n</script>\n\n<p>{list.at(-1)}</p>\n';
    expect(await findings(view, 'kinds/wall/Participant.svelte')).toEqual([expect.stringMatching(/^no-restricted-syntax: Safari before 15\.4/)]);
  });

  it('lets a field named `at` and index arithmetic pass', async () => {
    const code = 'export const last = (list: { at: string }[]) => list[list.length - 1]?.at;';
    expect(await findings(code, 'client/lib/floor-check.ts')).toEqual([]);
  });

  it('leaves the server and the tests free to use them', async () => {
    for (const path of ['server/floor-check.ts', 'test/unit/floor-check.ts', 'kinds/wall/index.ts'])
      for (const code of newerBuiltIns) expect(await findings(code, path), `${path}: ${code}`).toEqual([]);
  });
});
