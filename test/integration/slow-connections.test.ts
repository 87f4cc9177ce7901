/**
 * Slow and many connections: half-sent requests are closed after the header
 * timeout while everyone else is served, live connections (socket.io on both
 * transports) outlive every HTTP timeout, and one address holds at most its cap
 * of connections, except a trusted proxy.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import { startOogst, startSession, type Running } from '../helpers/oogst.js';

const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.destroy()));

/** A raw connection from `from`; `closed` resolves when the server ends it. */
function open(url: string, from = '127.0.0.1', send?: string) {
  const { port } = new URL(url);
  const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress: from });
  sockets.push(socket);
  socket.on('error', () => {});
  socket.resume();
  if (send) socket.once('connect', () => socket.write(send));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, closed };
}

/** GET /healthz from a chosen local address; the status, or the error's code when the connection is refused. */
function healthz(url: string, from = '127.0.0.1'): Promise<number | string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: Number(port), path: '/healthz', localAddress: from, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    req.end();
  });
}

describe('half-sent requests', () => {
  let oogst: Running;
  afterAll(() => oogst?.stop());

  it('are closed after the header timeout, while a normal request is served meanwhile', async () => {
    oogst = await startOogst({ env: { OOGST_HEADERS_TIMEOUT_SECONDS: '1', OOGST_REQUEST_TIMEOUT_SECONDS: '2' } });
    const slow = [
      // Headers that never end, a body that never comes, and nothing at all.
      ...Array.from({ length: 20 }, () => open(oogst.url, '127.0.0.1', 'GET /healthz HTTP/1.1\r\nHost: oogst\r\nX-Slow: 1\r\n')),
      ...Array.from({ length: 5 }, () => open(oogst.url, '127.0.0.1', 'POST /api/join HTTP/1.1\r\nHost: oogst\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"co')),
      ...Array.from({ length: 5 }, () => open(oogst.url)),
    ];
    const started = Date.now();
    expect(await healthz(oogst.url)).toBe(200);
    await Promise.all(slow.map((s) => s.closed));
    console.log(`slow connections: ${slow.length} half-sent requests closed after ${((Date.now() - started) / 1000).toFixed(1)} s (header timeout 1 s, request timeout 2 s)`);
    expect(await healthz(oogst.url)).toBe(200);
  });

  it('leave socket.io on long-polling and on WebSocket connected past every HTTP timeout', async () => {
    const s = await startSession(oogst.url);
    const views = (['polling', 'websocket'] as const).map((transport) => {
      const socket = io(oogst.url, {
        auth: { protocol: PROTOCOL_VERSION, role: 'facilitator', sessionId: s.session.id, key: s.arena.key },
        transports: [transport],
        reconnection: false,
        forceNew: true,
      });
      const events: unknown[] = [];
      let disconnected = false;
      socket.on('event', (e) => events.push(e));
      socket.on('disconnect', () => (disconnected = true));
      return { socket, events, disconnected: () => disconnected };
    });
    await Promise.all(views.map((v) => new Promise((resolve) => v.socket.once('snapshot', resolve))));
    // Longer than the header (1 s) and request (2 s) timeouts, and than a long-poll's wait for news.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const ack = await views[0]!.socket.timeout(5000).emitWithAck('command', { id: 'na-de-stilte', type: 'session.goto', payload: { stepId: 'muur' } });
    expect(ack).toMatchObject({ ok: true });
    for (const v of views) {
      await expect.poll(() => v.events.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(v.disconnected()).toBe(false);
      v.socket.disconnect();
    }
  }, 20_000);
});

describe('connections per address', () => {
  it('are capped: past the cap a new one is closed at once, other addresses are served, and a freed place can be used again', async () => {
    const oogst = await startOogst({ env: { OOGST_MAX_CONNECTIONS_PER_ADDRESS: '10' } });
    const warn = vi.spyOn(oogst.app.log, 'warn');
    const held = Array.from({ length: 15 }, () => open(oogst.url));
    // Five of them are over the cap: closed at once, long before any timeout.
    let closed = 0;
    await new Promise<void>((resolve) => held.forEach((h) => h.closed.then(() => ++closed === 5 && resolve())));
    // Logged once, not once per connection: the rest of the minute's refusals are counted for the next line.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toMatch(/refused 1 connection\(s\): more than 10 open from one address \(e\.g\. 127\.0\.0\.1\)/);
    expect(await healthz(oogst.url)).toMatch(/ECONNRESET|EPIPE|ECONNREFUSED/);
    expect(await healthz(oogst.url, '127.0.0.2')).toBe(200);
    held.forEach((h) => h.socket.destroy());
    await expect.poll(() => healthz(oogst.url), { timeout: 5000 }).toBe(200);
    await oogst.stop();
  });

  it("do not count a trusted proxy's, which carry many visitors", async () => {
    const oogst = await startOogst({ env: { OOGST_MAX_CONNECTIONS_PER_ADDRESS: '10', TRUST_PROXY: '127.0.0.1' } });
    const proxy = Array.from({ length: 15 }, () => open(oogst.url));
    let proxyClosed = 0;
    for (const p of proxy) void p.closed.then(() => proxyClosed++);
    const direct = Array.from({ length: 15 }, () => open(oogst.url, '127.0.0.2'));
    let closed = 0;
    await new Promise<void>((resolve) => direct.forEach((h) => h.closed.then(() => ++closed === 5 && resolve())));
    expect(await healthz(oogst.url)).toBe(200);
    expect(await healthz(oogst.url, '127.0.0.2')).toMatch(/ECONNRESET|EPIPE|ECONNREFUSED/);
    expect(proxyClosed).toBe(0);
    // A stopping server waits for its connections: a silent one would hold it up.
    sockets.splice(0).forEach((socket) => socket.destroy());
    await oogst.stop();
  });
});
