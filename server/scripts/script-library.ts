/**
 * The scripts a session can start from: the shipped ones (facilitation-scripts/)
 * and an arena's own, copied and adapted or uploaded. An arena's script is
 * checked exactly as a shipped one; an invalid one is refused and nothing saved.
 */
import type { Store } from '../store/store.js';
import { parseScript, type Script, type ScriptProblem } from './load-scripts.js';

export type ScriptSource = 'shipped' | 'arena';

export interface LibraryEntry {
  script: Script;
  yaml: string;
  source: ScriptSource;
  updatedAt?: number;
}

/** Longest script text an arena may store: far above any real agenda. */
export const MAX_SCRIPT_BYTES = 60_000;

export class ScriptLibrary {
  constructor(
    private readonly shipped: ReadonlyMap<string, Script>,
    private readonly sources: ReadonlyMap<string, string>,
    private readonly store: Store,
  ) {}

  shippedScripts(): Script[] {
    return [...this.shipped.values()];
  }

  /** The shipped scripts, then the arena's own, by id. */
  async list(arenaId: string): Promise<LibraryEntry[]> {
    const own = await this.store.listArenaScripts(arenaId);
    const entries: LibraryEntry[] = this.shippedScripts().map((script) => ({ script, yaml: this.sources.get(script.id) ?? '', source: 'shipped' }));
    for (const row of own) {
      const parsed = parseScript(row.yaml, `${row.id}.yaml`);
      // A stored script was valid when saved; one that a later version no longer accepts is left out, not fatal.
      if (parsed.ok) entries.push({ script: parsed.script, yaml: row.yaml, source: 'arena', updatedAt: row.updatedAt });
    }
    return entries;
  }

  async get(id: string, arenaId: string): Promise<LibraryEntry | undefined> {
    const shipped = this.shipped.get(id);
    if (shipped) return { script: shipped, yaml: this.sources.get(id) ?? '', source: 'shipped' };
    return (await this.list(arenaId)).find((e) => e.script.id === id);
  }

  /** Checks and stores an arena's script under `id`; the problems, with line and field, when it is not valid. */
  async save(arenaId: string, id: string, yaml: string): Promise<{ ok: true; script: Script } | { ok: false; problems: ScriptProblem[] }> {
    const file = `${id}.yaml`;
    const problem = (field: string, message: string) => ({ ok: false as const, problems: [{ file, line: 1, field, message }] });
    if (Buffer.byteLength(yaml) > MAX_SCRIPT_BYTES) return problem('', `is too long (at most ${MAX_SCRIPT_BYTES / 1000} KB)`);
    const parsed = parseScript(yaml, file);
    if (!parsed.ok) return parsed;
    if (parsed.script.id !== id) return problem('id', `is "${parsed.script.id}", but this script is saved as "${id}": make them the same`);
    if (this.shipped.has(id)) return problem('id', `"${id}" is a shipped script: give your copy its own id, e.g. "${id}-eigen"`);
    await this.store.saveArenaScript({ arenaId, id, yaml, updatedAt: Date.now() });
    return { ok: true, script: parsed.script };
  }

  remove(arenaId: string, id: string): Promise<boolean> {
    return this.store.deleteArenaScript(arenaId, id);
  }
}
