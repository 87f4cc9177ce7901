/**
 * A store Oogst cannot trust stops the start with one plain sentence and a non-zero
 * exit code, never a stack trace and never a start with sessions silently missing;
 * and a store's error text never reaches a client.
 */
import { chmodSync, mkdtempSync, openSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import { api, participant, startOogst, startSession, ViewClient, type Running } from '../helpers/oogst.js';
import { freePort, ServerProcess } from '../helpers/server-process.js';

const servers: ServerProcess[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function serverWithAnArena() {
  const server = new ServerProcess(await freePort());
  servers.push(server);
  await server.start();
  const s = await startSession(server.url);
  const phone = await participant(server.url, s);
  phone.close();
  return { server, s };
}

/** One sentence after "Oogst cannot start:", no stack frame, exit code 1. */
function expectPlainRefusal(result: { code: number | null; output: string }, says: RegExp) {
  expect(result.code).toBe(1);
  expect(result.output).toMatch(/Oogst cannot start: /);
  expect(result.output).toMatch(says);
  expect(result.output).not.toMatch(/^\s+at /m);
  expect(result.output).not.toMatch(/SqliteError|Error:/);
}

describe('starting on a store Oogst cannot use', () => {
  it('says the data folder is not writable, and how to fix it', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oogst-ro-'));
    chmodSync(dataDir, 0o555);
    const server = new ServerProcess(await freePort(), dataDir);
    servers.push(server);
    // root may write anywhere: the check then runs as an ordinary user (nobody).
    const result = await server.failedStart(process.getuid?.() === 0 ? 65534 : undefined);
    expectPlainRefusal(result, /may not write to its data folder .*write permission/);
  });

  it('refuses a write-ahead log deleted after a crash, instead of starting without the arena', { timeout: 120_000 }, async () => {
    const { server } = await serverWithAnArena();
    await server.kill();
    unlinkSync(join(server.dataDir, 'oogst.sqlite-wal'));
    expectPlainRefusal(await server.failedStart(), /write-ahead log .* is missing.*backup.*delete .*oogst\.sqlite\.open/);
    // Refused again until someone decides: then it carries on with what is left.
    expect((await server.failedStart()).code).toBe(1);
    unlinkSync(join(server.dataDir, 'oogst.sqlite.open'));
    await server.start();
  });

  it('refuses a write-ahead log cut short after a crash', { timeout: 120_000 }, async () => {
    const { server } = await serverWithAnArena();
    await server.kill();
    const wal = join(server.dataDir, 'oogst.sqlite-wal');
    truncateSync(wal, Math.floor(statSync(wal).size / 2));
    expectPlainRefusal(await server.failedStart(), /write-ahead log .* is cut short.*backup/);
  });

  it('says a damaged store file is damaged, and starts again on the backup put back', { timeout: 150_000 }, async () => {
    const { server, s } = await serverWithAnArena();
    await server.stop(false);
    const file = join(server.dataDir, 'oogst.sqlite');
    // Keep SQLite's 100-byte header, overwrite the pages behind it.
    const fd = openSync(file, 'r+');
    const backup = readFileSync(file);
    writeSync(fd, Buffer.alloc(statSync(file).size - 4096, 0x5a), 0, undefined, 4096);
    expectPlainRefusal(await server.failedStart(), /is damaged.*backup/);
    // The backup put back, Oogst starts with the arena there.
    writeFileSync(file, backup);
    await server.start();
    expect((await api(server.url, 'GET', `/api/arenas/${s.arena.id}`, undefined, s.arena.key)).status).toBe(200);
  });

  it('says a file that is no store at all is damaged', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oogst-bad-'));
    const fd = openSync(join(dataDir, 'oogst.sqlite'), 'w');
    writeSync(fd, Buffer.alloc(8192, 0x41));
    const server = new ServerProcess(await freePort(), dataDir);
    servers.push(server);
    expectPlainRefusal(await server.failedStart(), /is damaged.*backup/);
  });
});

describe('a store failing while Oogst runs', () => {
  let oogst: Running | undefined;
  afterEach(async () => {
    await oogst?.stop();
    oogst = undefined;
  });

  it('tells a client "internal" and nothing of the SQL', async () => {
    oogst = await startOogst();
    const s = await startSession(oogst.url);
    // Another connection breaks the schema under the running server.
    const db = new Database(join(oogst.dataDir, 'oogst.sqlite'));
    db.exec('ALTER TABLE participants RENAME TO gone; ALTER TABLE sessions RENAME TO gone_too');
    db.close();
    const leaks = /sqlite|participants|sessions|no such table|constraint|gone/i;

    const join_ = await api(oogst.url, 'POST', '/api/join', { code: s.session.code });
    expect(join_.status).toBe(500);
    expect(join_.body.error).toBe('internal');
    expect(JSON.stringify(join_.body)).not.toMatch(leaks);

    // A session not loaded yet: the handshake looks it up in the store.
    const phone = new ViewClient(oogst.url, { protocol: PROTOCOL_VERSION, role: 'participant', sessionId: 'never-loaded-session', token: 'x'.repeat(32) });
    const refusal = await phone.connected().then(
      () => undefined,
      (err: Error & { code?: string }) => err,
    );
    phone.close();
    expect(refusal?.code).toBe('internal');
    expect(refusal?.message).not.toMatch(leaks);
  });
});
