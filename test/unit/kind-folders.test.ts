// A kind is one folder under kinds/ and one line in kinds/registry.ts: the server finds
// it through the registry, the pages find its model and views by folder name
// (client/lib/models.ts, client/lib/kind-views.ts). Both must name the same kinds.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KindModel } from '../../core/kind.js';
import { kindByName, kinds } from '../../kinds/registry.js';

const root = join(import.meta.dirname, '../../kinds');
const folders = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** What every kind has: the server's definition, the pure model, and a view per role. */
const COMMON_FILES = ['index.ts', 'model.ts', 'schema.ts', 'strings.ts', 'strings.en.ts', 'Console.svelte', 'Screen.svelte', 'Participant.svelte'];

const isModel = (value: unknown): value is KindModel => typeof value === 'object' && value !== null && typeof (value as KindModel).apply === 'function';

describe('kind folders and the registry', () => {
  it('name the same kinds, each once', () => {
    const names = kinds.map((k) => k.kind);
    expect(folders.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(folders);
    expect([...kindByName.keys()].sort()).toEqual(folders);
  });

  for (const folder of folders) {
    describe(folder, () => {
      it('is named as the pages and the build find it', () => {
        expect(folder).toMatch(/^[a-z][a-z0-9-]*$/);
      });

      it('has the common files', () => {
        const files = readdirSync(join(root, folder));
        expect(files).toEqual(expect.arrayContaining(COMMON_FILES));
      });

      it('keeps its unit tests in its folder', () => {
        expect(readdirSync(join(root, folder)).filter((file) => file.endsWith('.test.ts'))).not.toEqual([]);
      });

      it('defines in index.ts the kind the registry holds under its name', async () => {
        const definition = kindByName.get(folder);
        expect(definition?.kind).toBe(folder);
        const index: Record<string, unknown> = await import(`../../kinds/${folder}/index.ts`);
        expect(Object.values(index)).toContain(definition);
      });

      it('takes its step settings and event payloads from schema.ts', async () => {
        const schema: Record<string, unknown> = await import(`../../kinds/${folder}/schema.ts`);
        const definition = kindByName.get(folder)!;
        expect(definition.stepSchema).toBe(schema.stepSchema);
        expect(definition.events).toBe(schema.events);
      });

      it('has in model.ts the model the definition runs', async () => {
        const module: Record<string, unknown> = await import(`../../kinds/${folder}/model.ts`);
        const models = Object.values(module).filter(isModel);
        expect(models.map((m) => m.kind)).toEqual([folder]);
        const definition = kindByName.get(folder)!;
        expect(definition.apply).toBe(models[0]!.apply);
        expect(definition.project).toBe(models[0]!.project);
      });

      it("starts its commands' and events' types with its name", () => {
        const definition = kindByName.get(folder)!;
        const types = [...Object.keys(definition.commands), ...Object.keys(definition.events)];
        for (const type of types) expect(type.startsWith(`${folder}.`), type).toBe(true);
      });
    });
  }
});
