/**
 * Join links and QR codes come from PUBLIC_URL or an address Oogst really listens
 * on, never from the request's Host header; when phones cannot reach the server,
 * the join info, the screen and the start-up message say so.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type Snapshot } from '../../core/protocol.js';
import { configFromEnv } from '../../server/config.js';
import { joinBase, startBanner } from '../../server/listen-addresses.js';
import { startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';

const FORGED = 'evil.example';

/** A request with the Host header of the caller's choosing (fetch would send the real one). */
function send(base: string, method: string, path: string, host?: string, body?: unknown): Promise<{ headers: IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, method, path, headers: { ...(host ? { host } : {}), ...(body ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function joinAs(base: string, code: string, host?: string) {
  return JSON.parse((await send(base, 'POST', '/api/join', host, { code })).text) as { snapshot: Snapshot };
}

async function qr(base: string, s: StartedSession, host?: string) {
  const response = await send(base, 'GET', `/api/sessions/${s.session.id}/qr.svg`, host);
  expect(response.headers['cache-control']).toBe('no-cache');
  return response.text;
}

/** The screen's snapshot, with a Host header of the caller's choosing on the handshake. */
function screenSnapshot(base: string, s: StartedSession, host?: string): Promise<Snapshot> {
  const socket = io(base, {
    auth: { protocol: PROTOCOL_VERSION, role: 'screen', sessionId: s.session.id, key: s.screenKey },
    // On WebSocket the handshake carries the chosen Host (the polling transport would send the real one).
    transports: ['websocket'],
    extraHeaders: host ? { host } : {},
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('snapshot', (snapshot) => (socket.disconnect(), resolve(snapshot)));
    socket.once('connect_error', reject);
  });
}

const lanUrls = (port: number) =>
  Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => `http://${i!.address}:${port}`);

describe('listening on every interface, PUBLIC_URL unset', () => {
  let oogst: Running;
  let s: StartedSession;
  let lan: string[];
  beforeAll(async () => {
    oogst = await startOogst({ listen: '0.0.0.0' });
    s = await startSession(oogst.url);
    lan = lanUrls((oogst.app.server.address() as AddressInfo).port);
  });
  afterAll(() => oogst?.stop());

  it('builds join links from an address it listens on, whatever Host a visitor sends', async () => {
    const expected = lan[0] ? { url: `${lan[0]}/j/${s.session.code}`, reachable: true } : { reachable: false };
    const forged = await joinAs(oogst.url, s.session.code, FORGED);
    expect(forged.snapshot.join).toMatchObject(expected);
    expect(JSON.stringify(forged)).not.toContain(FORGED);
    expect((await screenSnapshot(oogst.url, s, FORGED)).join).toMatchObject(expected);
    expect(await qr(oogst.url, s, FORGED)).toBe(await qr(oogst.url, s));
    // The screen's own page, opened on localhost: the same, reachable address.
    expect((await screenSnapshot(oogst.url, s)).join).toMatchObject(expected);
  });

  it("uses the network address the page was opened on, when it is one of this machine's", async () => {
    const last = lan.at(-1);
    if (!last) return; // no network here: nothing to choose from
    const host = new URL(last).host;
    expect((await joinAs(oogst.url, s.session.code, host)).snapshot.join).toMatchObject({ url: `${last}/j/${s.session.code}`, reachable: true });
  });
});

describe('listening on this computer only (HOST=127.0.0.1)', () => {
  let oogst: Running;
  let s: StartedSession;
  beforeAll(async () => {
    oogst = await startOogst();
    s = await startSession(oogst.url);
  });
  afterAll(() => oogst?.stop());

  it('says phones cannot reach it, in the join answer and the screen snapshot, and never follows a forged Host', async () => {
    const joined = await joinAs(oogst.url, s.session.code, FORGED);
    expect(joined.snapshot.join).toMatchObject({ reachable: false, url: `${oogst.url}/j/${s.session.code}` });
    expect((await screenSnapshot(oogst.url, s, FORGED)).join).toMatchObject({ reachable: false, url: `${oogst.url}/j/${s.session.code}` });
    expect(await qr(oogst.url, s, FORGED)).toBe(await qr(oogst.url, s));
  });

  it('says so at start, with what to do', () => {
    const config = configFromEnv({ HOST: '127.0.0.1' });
    const banner = startBanner(config, { address: '127.0.0.1', family: 'IPv4', port: 3000 }).join('\n');
    expect(banner).toContain('Phones cannot reach this server');
    expect(banner).toContain('HOST=0.0.0.0');
    const everywhere = startBanner(configFromEnv({}), { address: '0.0.0.0', family: 'IPv4', port: 3000 }, {
      wlan0: [{ address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null }],
    });
    expect(everywhere.join('\n')).toContain('http://192.168.1.20:3000');
    expect(everywhere.join('\n')).not.toContain('cannot reach');
  });
});

describe('PUBLIC_URL set', () => {
  it('puts it in every join link, whatever Host a visitor sends', async () => {
    const oogst = await startOogst({ env: { PUBLIC_URL: 'https://oogst.example.nl/' } });
    const s = await startSession(oogst.url);
    expect((await joinAs(oogst.url, s.session.code, FORGED)).snapshot.join).toMatchObject({
      url: `https://oogst.example.nl/j/${s.session.code}`,
      reachable: true,
    });
    expect((await screenSnapshot(oogst.url, s, FORGED)).join.url).toBe(`https://oogst.example.nl/j/${s.session.code}`);
    await oogst.stop();
  });

  it('is the join base even before the server listens; without it and without an address, nothing is reachable', () => {
    expect(joinBase(configFromEnv({ PUBLIC_URL: 'https://oogst.example.nl' }), null)).toEqual({ url: 'https://oogst.example.nl', reachable: true });
    expect(joinBase(configFromEnv({}), { address: '0.0.0.0', family: 'IPv4', port: 3000 }, 'evil.example', {})).toEqual({
      url: 'http://localhost:3000',
      reachable: false,
    });
  });
});
