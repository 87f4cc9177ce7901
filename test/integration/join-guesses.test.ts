/**
 * Guessing join codes: wrong codes are answered slowly, the right code never is,
 * and behind a proxy the address that counts is the one the proxy saw, whatever
 * X-Forwarded-For the visitor sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config.js';
import { api, startOogst, startSession, type Running } from '../helpers/oogst.js';

/** A join that can be given up on: answers to wrong codes past the burst wait, and a test need not wait for them. */
const controllers: AbortController[] = [];
function join(base: string, code: string, headers: Record<string, string> = {}, token?: string) {
  const controller = new AbortController();
  controllers.push(controller);
  return fetch(`${base}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code, ...(token ? { token } : {}) }),
    signal: controller.signal,
  });
}
/** The status, or "waiting" for an answer still held when the test ends. */
const statusOf = (r: Promise<Response>) => r.then((res) => res.status as number | 'waiting', () => 'waiting' as const);
const giveUp = () => controllers.splice(0).forEach((c) => c.abort());

describe('wrong join codes', () => {
  afterAll(giveUp);

  it('never lock the right code, a returning phone or the QR link out, however many wrong codes the network tried', async () => {
    const oogst = await startOogst();
    const s = await startSession(oogst.url);
    const phone = await api(oogst.url, 'POST', '/api/join', { code: s.session.code });
    // More wrong codes than a room's typos come to, and more than the old limit (20 locked everyone out).
    for (let i = 0; i < 30; i++) expect((await join(oogst.url, `WRNG${i}`)).status).toBe(404);
    expect((await join(oogst.url, s.session.code)).status).toBe(200);
    expect((await join(oogst.url, s.session.code, {}, phone.body.token)).status).toBe(200);
    expect((await fetch(`${oogst.url}/j/${s.session.code}`)).status).toBe(200);
    await oogst.stop();
  });

  it('answer wrong codes past the burst slowly, one an interval, while the right code passes them', async () => {
    const oogst = await startOogst({ env: { OOGST_WRONG_CODE_BURST: '2', OOGST_WRONG_CODE_SECONDS: '1' } });
    const s = await startSession(oogst.url);
    for (const code of ['WRNG01', 'WRNG02']) expect((await join(oogst.url, code)).status).toBe(404);
    let answered = 0;
    const waiting = ['WAIT01', 'WAIT02', 'WAIT03'].map((code) => join(oogst.url, code).then((r) => (answered++, r.status)));
    expect((await join(oogst.url, s.session.code)).status).toBe(200);
    expect(answered).toBe(0);
    expect(await Promise.all(waiting)).toEqual([404, 404, 404]);
    await oogst.stop();
  });

  it('refuse every code unseen while six wrong ones wait, except from a phone holding its token', async () => {
    const oogst = await startOogst({ env: { OOGST_WRONG_CODE_BURST: '2', OOGST_WRONG_CODE_SECONDS: '60' } });
    const s = await startSession(oogst.url);
    const phone = await api(oogst.url, 'POST', '/api/join', { code: s.session.code });
    const flood = Array.from({ length: 12 }, (_, i) => statusOf(join(oogst.url, `FLOD${i}`)));
    // Two answered at once, six wait a minute or more, the rest are refused: the first refusal comes back at once.
    await new Promise<void>((resolve) => flood.forEach((p) => p.then((st) => st === 429 && resolve())));
    // Refused before lookup: the right code and a wrong one get the same answer.
    const [wrong, right, returning, page] = await Promise.all([
      join(oogst.url, 'NOPE99'),
      join(oogst.url, s.session.code),
      join(oogst.url, s.session.code, {}, phone.body.token),
      fetch(`${oogst.url}/j/NOPE99`),
    ]);
    expect(wrong.status).toBe(429);
    expect(await wrong.json()).toMatchObject({ error: 'rate-limited', message: expect.any(String) });
    expect(Number(wrong.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ error: 'rate-limited' });
    expect(returning.status).toBe(200);
    expect((await returning.json()).participantId).toBe(phone.body.participantId);
    // The page is the app, unseen, for any code: it joins through /api/join, which sorts out who gets in.
    expect(page.status).toBe(200);
    giveUp();
    const statuses = await Promise.all(flood);
    expect(statuses.filter((st) => st === 404)).toHaveLength(2);
    expect(statuses.filter((st) => st === 'waiting')).toHaveLength(6);
    await oogst.stop();
  });
});

/** nginx with `$proxy_add_x_forwarded_for` appends the address it saw; everything before it is the visitor's to choose. */
const VISITOR = '203.0.113.7';
const OTHER_VISITOR = '203.0.113.8';
const configurations: { name: string; trust: string; forwarded(spoof: string, visitor: string): string }[] = [
  { name: 'TRUST_PROXY=true (one proxy in front)', trust: 'true', forwarded: (spoof, visitor) => `${spoof}, ${visitor}` },
  { name: 'TRUST_PROXY=1', trust: '1', forwarded: (spoof, visitor) => `${spoof}, ${visitor}` },
  { name: "TRUST_PROXY=127.0.0.1 (the proxy's address)", trust: '127.0.0.1', forwarded: (spoof, visitor) => `${spoof}, ${visitor}` },
  { name: 'TRUST_PROXY=127.0.0.0/8,10.0.0.0/8 (ranges)', trust: '127.0.0.0/8,10.0.0.0/8', forwarded: (spoof, visitor) => `${spoof}, ${visitor}, 10.1.2.3` },
  { name: 'TRUST_PROXY=2 (a load balancer before nginx)', trust: '2', forwarded: (spoof, visitor) => `${spoof}, ${visitor}, 10.1.2.3` },
];

describe.each(configurations)('behind a proxy, $name', ({ trust, forwarded }) => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst({ env: { TRUST_PROXY: trust, OOGST_WRONG_CODE_BURST: '2', OOGST_WRONG_CODE_SECONDS: '60' } });
  });
  afterAll(async () => {
    giveUp();
    await oogst?.stop();
  });

  it('counts wrong codes against the address the proxy saw, whatever prefix the visitor writes', async () => {
    const as = (spoof: string) => ({ 'x-forwarded-for': forwarded(spoof, VISITOR) });
    expect((await join(oogst.url, 'SPOF01', as('198.51.100.1'))).status).toBe(404);
    expect((await join(oogst.url, 'SPOF02', as('198.51.100.2, 192.0.2.2'))).status).toBe(404);
    // The burst is spent: a third wrong code waits, whatever the visitor now claims to be ...
    let third: number | undefined;
    const held = join(oogst.url, 'SPOF03', as('198.51.100.3')).then((r) => (third = r.status), () => undefined);
    // ... while another visitor through the same proxy is answered at once.
    expect((await join(oogst.url, 'OTHR01', { 'x-forwarded-for': forwarded('198.51.100.3', OTHER_VISITOR) })).status).toBe(404);
    expect(third).toBeUndefined();
    giveUp();
    await held;
  });
});

describe('TRUST_PROXY unset', () => {
  it('ignores X-Forwarded-For: every guess counts against the connection', async () => {
    const oogst = await startOogst({ env: { OOGST_WRONG_CODE_BURST: '2', OOGST_WRONG_CODE_SECONDS: '60' } });
    for (const i of [1, 2]) expect((await join(oogst.url, `SPOF0${i}`, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(404);
    let third: number | undefined;
    const held = join(oogst.url, 'SPOF03', { 'x-forwarded-for': '198.51.100.3' }).then((r) => (third = r.status), () => undefined);
    const page = await fetch(`${oogst.url}/healthz`);
    expect(page.status).toBe(200);
    expect(third).toBeUndefined();
    giveUp();
    await held;
    await oogst.stop();
  });

  it('reads TRUST_PROXY as false, a number of proxies, or their addresses, and stops at start on anything else', () => {
    const read = (value?: string) => configFromEnv(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy;
    expect(read()).toBe(false);
    expect(read('false')).toBe(false);
    expect(read('true')).toBe(1);
    expect(read('2')).toBe(2);
    expect(read('127.0.0.1, ::1, 10.0.0.0/8')).toEqual(['127.0.0.1', '::1', '10.0.0.0/8']);
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '127.0.0.1/8/1']) expect(() => read(bad)).toThrow(/TRUST_PROXY/);
  });
});
