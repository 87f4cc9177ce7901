/**
 * An arena on a real server (SQLite file) with the test's own scripts, for tests that
 * run several meetings of one arena: call it in a `describe`; it starts the server and
 * makes the arena before the tests, and closes every tracked view and the server after.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { api, startOogst, type Running, type StartedSession, type ViewClient } from './oogst.js';

/** `scripts`: YAML by script id. */
export function scriptedArena(scripts: Record<string, string>, fields = { title: 'Jonge mantelzorgers', theme: 'Gehoord worden' }) {
  let scriptsDir: string;
  let oogst: Running;
  let arena: { id: string; key: string };
  const open: ViewClient[] = [];

  beforeAll(async () => {
    scriptsDir = mkdtempSync(join(tmpdir(), 'oogst-arena-'));
    for (const [id, yaml] of Object.entries(scripts)) writeFileSync(join(scriptsDir, `${id}.yaml`), yaml);
    oogst = await startOogst({ scriptsDir, env: { OOGST_COMMAND_BURST: '1000' } });
    const made = await api(oogst.url, 'POST', '/api/arenas', fields);
    arena = { id: made.body.id, key: made.body.key };
  });
  afterAll(async () => {
    for (const v of open) v.close();
    await oogst?.stop();
    rmSync(scriptsDir, { recursive: true, force: true });
  });

  return {
    get url() {
      return oogst.url;
    },
    get arena() {
      return arena;
    },
    /** A session of the arena from one of the scripts; `plannedAt` its planned day (YYYY-MM-DD). */
    async newSession(script: string, title: string, plannedAt?: string): Promise<StartedSession> {
      const created = await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script, title, ...(plannedAt ? { plannedAt } : {}) }, arena.key);
      expect(created.status).toBe(201);
      return { arena, session: created.body, screenKey: new URL(created.body.screenUrl).hash.replace('#key=', '') };
    },
    /** A view closed after the tests (or by `closeViews`). */
    track<V extends ViewClient>(view: V): V {
      open.push(view);
      return view;
    },
    closeViews() {
      for (const v of open.splice(0)) v.close();
    },
  };
}
