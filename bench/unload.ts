/**
 * What unloading idle sessions gives back (npm run bench:unload): 2,000 sessions,
 * each joined once by one phone over the real HTTP API (which loads it), then
 * left alone. Prints the heap and resident memory before, with all of them
 * loaded, and after the hub lets go of the idle ones (as it does
 * OOGST_SESSION_UNLOAD_MINUTES after their last use). Run with --expose-gc.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { SqliteStore } from '../server/store/sqlite-store.js';

const SESSIONS = Number(process.env.SESSIONS ?? 2000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (npm run bench:unload).');

const dataDir = mkdtempSync(join(tmpdir(), 'oogst-bench-unload-'));
const store = new SqliteStore(join(dataDir, 'oogst.sqlite'));
const config = configFromEnv({ PORT: '0', HOST: '127.0.0.1', OOGST_DATA_DIR: dataDir, OOGST_SESSION_UNLOAD_MINUTES: '10' });
const app = await buildApp({ config, store, logger: false });
await app.ready();
const call = async (method: 'POST', url: string, payload: unknown, key?: string) => {
  const res = await app.inject({ method, url, payload: payload as object, headers: key ? { authorization: `Bearer ${key}` } : {} });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};
const memory = () => {
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed / 2 ** 20, rss: rss / 2 ** 20 };
};

const arena = await call('POST', '/api/arenas', { title: 'Veel bijeenkomsten' });
const before = memory();
for (let i = 0; i < SESSIONS; i++) {
  const session = await call('POST', `/api/arenas/${arena.id}/sessions`, { script: 'klaag-en-jubelmuur', title: `Bijeenkomst ${i}` }, arena.key);
  await call('POST', '/api/join', { code: session.code });
}
const hub = app.oogst.hub;
const loaded = memory();
const unloaded = hub.unloadIdle(Date.now() + config.sessionUnloadMs);
const after = memory();
const row = (what: string, m: { heap: number; rss: number }) => console.log(`| ${what} | ${m.heap.toFixed(0)} | ${(m.heap - before.heap).toFixed(0)} | ${m.rss.toFixed(0)} |`);
console.log(`${SESSIONS} sessions, each joined once by one phone; ${unloaded} unloaded after the idle time. Node ${process.version}.\n`);
console.log('| Moment | heap MB | heap over the start MB | RSS MB |');
console.log('| --- | ---: | ---: | ---: |');
row('before the sessions', before);
row(`${SESSIONS} sessions loaded`, loaded);
row('after unloading the idle ones', after);
await app.close();
await store.close();
rmSync(dataDir, { recursive: true, force: true });
