import { chromium } from 'playwright-core';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../core/protocol.js';
import { startOogst } from '../bench/processes.js';
const post = async (base: string, path: string, body: unknown, key?: string) => (await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) })).json() as any;
const server = await startOogst(100);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const arena = await post(server.url, '/api/arenas', { title: 'x' });
const session = await post(server.url, `/api/arenas/${arena.id}/sessions`, { script: 'klaag-en-jubelmuur' }, arena.key);
const f = io(server.url, { auth: { protocol: PROTOCOL_VERSION, role: 'facilitator', sessionId: session.id, key: arena.key }, transports: ['websocket'] });
await f.timeout(10000).emitWithAck('command', { id: 'g', type: 'session.goto', payload: { stepId: 'muur' } });
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50000, uploadThroughput: 50000 });
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const t0 = Date.now();
await page.goto(`${server.url}/j/${session.code}`, { waitUntil: 'commit' });
await page.waitForFunction(() => { const x = document.querySelector('textarea'); return !!x && !x.disabled && x.getBoundingClientRect().height > 0; }, undefined, { polling: 20, timeout: 60000 });
console.log('usable', Date.now() - t0);
const marks = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('resource').map((e: any) => [e.name.split('/').pop().slice(0, 30), Math.round(e.startTime), Math.round(e.responseEnd)])));
console.log(marks);
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
let t = profile.startTime; const times: number[] = [];
for (const d of profile.timeDeltas) { t += d; times.push(t); }
const end = profile.endTime; const from = end - 600_000;
const incl = new Map<string, number>(); const selfT = new Map<string, number>();
profile.samples.forEach((id: number, i: number) => {
  if (times[i]! < from) return;
  const dt = profile.timeDeltas[i + 1] ?? 0; const seen = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const f = byId.get(n).callFrame; const k = `${f.functionName || '(anon)'} ${String(f.url).split('/').pop()}:${f.lineNumber}`;
    if (n === id) selfT.set(k, (selfT.get(k) ?? 0) + dt);
    if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + dt); }
  }
});
console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 70).map(([k, us]) => `${Math.round(us / 1000)}ms ${k}`).join('\n'));
console.log('-- self'); console.log([...selfT].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, us]) => `${Math.round(us / 1000)}ms ${k}`).join('\n'));
f.disconnect(); await browser.close(); await server.stop(); process.exit(0);
