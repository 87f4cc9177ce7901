/**
 * Opens the store for `main.ts`, checking the SQLite store first so that a damaged,
 * unwritable or full data folder stops the start with one plain sentence
 * (`StoreFault`) instead of starting with sessions missing or dying with a stack trace.
 *
 * While Oogst runs, `oogst.sqlite.open` lies beside the store; a clean stop removes
 * it. Found at start, it means Oogst was stopped uncleanly (a crash, kill -9, power
 * cut), and the write-ahead log (`oogst.sqlite-wal`) then holds contributions not yet
 * in `oogst.sqlite`: without it SQLite would silently start from the older file.
 * SQLite's shared-memory index (`oogst.sqlite-shm`, left by the crash) says how many
 * frames the log held, so a log that was deleted or cut short is told at start.
 */
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import { StoreFault, storeFault } from './store-errors.js';

export const STORE_FILE = 'oogst.sqlite';
export const OPEN_MARKER = `${STORE_FILE}.open`;

export async function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl) {
    // PostgreSQL's client is loaded only when it is used, so the embedded default starts as fast as before.
    try {
      return await (await import('./pg-store.js')).PgStore.open(config.databaseUrl, { schema: config.databaseSchema });
    } catch (error) {
      throw new StoreFault(`Oogst cannot use its PostgreSQL database (${(error as Error).message}): check DATABASE_URL and that the database is running and reachable.`);
    }
  }
  return openSqliteStore(config.dataDir, config.sqliteSynchronous);
}

export function openSqliteStore(dataDir: string, synchronous: 'normal' | 'full' = 'normal'): SqliteStore {
  const file = join(dataDir, STORE_FILE);
  const marker = join(dataDir, OPEN_MARKER);
  let uncleanBefore = false;
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.R_OK | constants.W_OK);
    uncleanBefore = existsSync(marker);
    if (uncleanBefore) checkAfterUncleanStop(file, marker);
    writeFileSync(marker, `Oogst (process ${process.pid}) has this store open since ${new Date().toISOString()}; a clean stop removes this file.\n`);
    const store = new SqliteStore(file, { synchronous, afterClose: () => rmSync(marker, { force: true }) });
    const problems = store.quickCheck();
    if (problems.length) throw new StoreFault(`The store ${file} is damaged (${problems[0]}): stop Oogst, put back the data folder from your latest backup, and start it again.`);
    return store;
  } catch (error) {
    // A start that failed after a clean stop leaves no marker: putting back a backup then just works.
    if (!uncleanBefore) removeQuietly(marker);
    throw storeFault(error, dataDir) ?? error;
  }
}

/** Removes a file if it can: an unwritable folder must not hide the error that is being reported. */
function removeQuietly(file: string) {
  try {
    rmSync(file, { force: true });
  } catch {
    // The folder itself is the problem; the error being thrown says so.
  }
}

function checkAfterUncleanStop(file: string, marker: string) {
  const carryOn = `or, to carry on with what is left, delete ${marker} and start Oogst again`;
  if (!existsSync(file))
    throw new StoreFault(`Oogst was not stopped cleanly and its store ${file} is gone: put back the data folder from your latest backup (${carryOn}).`);
  const wal = `${file}-wal`;
  const expected = walBytesExpected(`${file}-shm`);
  const actual = existsSync(wal) ? statSync(wal).size : undefined;
  if (actual === undefined && expected !== 0)
    throw new StoreFault(
      `Oogst was not stopped cleanly and the store's write-ahead log ${wal} is missing, so the latest contributions would be lost: put back the data folder from your latest backup (${carryOn}).`,
    );
  if (actual !== undefined && expected !== undefined && actual < expected)
    throw new StoreFault(
      `Oogst was not stopped cleanly and the store's write-ahead log ${wal} is cut short (${actual} of ${expected} bytes), so the latest contributions would be lost: put back the data folder from your latest backup (${carryOn}).`,
    );
}

/**
 * The length the write-ahead log had when SQLite last wrote its index: a 32-byte
 * header and `mxFrame` frames of a page plus 24 bytes. The index header is kept
 * twice (at 0 and 48, native byte order); read only when both copies agree.
 * See https://www.sqlite.org/walformat.html.
 */
function walBytesExpected(shm: string): number | undefined {
  if (!existsSync(shm)) return undefined;
  const header = Buffer.alloc(96);
  const fd = openSync(shm, 'r');
  const read = readSync(fd, header, 0, 96, 0);
  closeSync(fd);
  if (read < 96 || !header.subarray(0, 48).equals(header.subarray(48, 96))) return undefined;
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const u32 = (at: number) => (little ? header.readUInt32LE(at) : header.readUInt32BE(at));
  const u16 = (at: number) => (little ? header.readUInt16LE(at) : header.readUInt16BE(at));
  if (u32(0) !== 3007000 || header[12] !== 1) return undefined;
  const pageSize = u16(14) === 1 ? 65536 : u16(14);
  const frames = u32(16);
  return frames ? 32 + frames * (pageSize + 24) : 0;
}
