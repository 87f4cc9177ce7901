/** What the store's errors mean, in words for whoever starts Oogst, and never in words for a client. */
import { describe, expect, it } from 'vitest';
import { isStoreError, isTakenKey, storeFault, StoreFault } from '../../server/store/store-errors.js';

const fault = (code: string) => storeFault(Object.assign(new Error('raw text'), { code }), '/srv/oogst/data')?.message;

describe('store faults at start', () => {
  it('say what is wrong and what to do, for every way a data folder fails', () => {
    for (const code of ['ENOSPC', 'EDQUOT', 'SQLITE_FULL']) expect(fault(code)).toMatch(/\/srv\/oogst\/data is full: free some space/);
    for (const code of ['EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']) expect(fault(code)).toMatch(/may not write to its data folder .*write permission/);
    expect(fault('EROFS')).toMatch(/read-only file system: set OOGST_DATA_DIR/);
    expect(fault('ENOTDIR')).toMatch(/is not a folder/);
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_NOTADB']) expect(fault(code)).toMatch(/is damaged: .*backup/);
    expect(fault('SQLITE_IOERR_SHORT_READ')).toMatch(/could not be read or written/);
    for (const code of ['ENOSPC', 'EACCES', 'SQLITE_CORRUPT']) expect(fault(code)).not.toContain('raw text');
  });

  it('leave any other error as it is', () => {
    expect(storeFault(new Error('a bug'), '/d')).toBeUndefined();
    const own = new StoreFault('already plain');
    expect(storeFault(own, '/d')).toBe(own);
  });
});

describe('store errors while running', () => {
  it("are told apart from Oogst's own, for SQLite and PostgreSQL", () => {
    expect(isStoreError(Object.assign(new Error('no such table: x'), { name: 'SqliteError', code: 'SQLITE_ERROR' }))).toBe(true);
    expect(isStoreError(Object.assign(new Error('relation "x" does not exist'), { severity: 'ERROR', code: '42P01', routine: 'parserOpenTable' }))).toBe(true);
    expect(isStoreError(new Error('plain'))).toBe(false);
    expect(isStoreError(Object.assign(new Error('bad'), { statusCode: 400 }))).toBe(false);
  });

  it('know a taken key', () => {
    for (const code of ['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE', '23505']) expect(isTakenKey({ code })).toBe(true);
    for (const code of ['SQLITE_CONSTRAINT_FOREIGNKEY', '23503', undefined]) expect(isTakenKey({ code })).toBe(false);
  });
});
