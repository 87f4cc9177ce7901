/**
 * What the store's own errors mean. Their texts (SQL, table and file names) are for
 * the server's log only: a client gets `internal` and no detail, an operator at start
 * gets one plain sentence (`StoreFault`) saying what is wrong and what to do.
 */

/** An error thrown by better-sqlite3 or by PostgreSQL's client, as opposed to one of Oogst's own. */
export function isStoreError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: unknown; code?: unknown; severity?: unknown; routine?: unknown };
  return e.name === 'SqliteError' || (typeof e.code === 'string' && e.code.startsWith('SQLITE_')) || (e.severity !== undefined && e.routine !== undefined);
}

/** A row whose key is already taken (SQLite's primary key or unique constraint, PostgreSQL's 23505). */
export function isTakenKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/** The store cannot be used as it is; the message is one sentence for whoever starts Oogst. */
export class StoreFault extends Error {}

/**
 * A start-up failure of the SQLite store in plain words: a file system error (errno
 * codes) or SQLite's own. Undefined for anything else, which then keeps its own text.
 */
export function storeFault(error: unknown, dataDir: string): StoreFault | undefined {
  if (error instanceof StoreFault) return error;
  const code = String((error as { code?: unknown } | undefined)?.code ?? '');
  const reason = (
    [
      [/^(EACCES|EPERM|SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM|SQLITE_AUTH)/, `Oogst may not write to its data folder ${dataDir}: give the user that runs Oogst write permission on the folder and the files in it, or set OOGST_DATA_DIR to a folder it may write.`],
      [/^EROFS/, `The data folder ${dataDir} is on a read-only file system: set OOGST_DATA_DIR to a folder on a writable disk.`],
      [/^(ENOSPC|EDQUOT|SQLITE_FULL)/, `The disk that holds the data folder ${dataDir} is full: free some space, then start Oogst again.`],
      [/^(ENOTDIR|EEXIST)/, `The data folder ${dataDir} is not a folder: set OOGST_DATA_DIR to a folder, or move the file that is in its place.`],
      [/^(SQLITE_CORRUPT|SQLITE_NOTADB)/, `The store ${dataDir}/oogst.sqlite is damaged: stop Oogst, put back the data folder from your latest backup, and start it again.`],
      [/^SQLITE_IOERR|^EIO/, `The disk that holds ${dataDir} could not be read or written: check the disk, then put back the data folder from your latest backup if Oogst still cannot start.`],
    ] as const
  ).find(([pattern]) => pattern.test(code))?.[1];
  return reason ? new StoreFault(reason) : undefined;
}
