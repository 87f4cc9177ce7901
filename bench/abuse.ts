/**
 * One address attacks a server with the default settings, as the hostile test
 * did (node --import tsx bench/abuse.ts): 30 s of making arenas, a 58 KB script
 * in each and sessions from it, then 5,000 joins to one session, 20 at a time.
 * Prints what got through, how much the store grew, and whether phones holding
 * a token, and a phone from another address, still get in. Not a test: the
 * figures go to docs/RELIABILITY.md, "Hostile input and abuse".
 */
import { execSync } from 'node:child_process';
import { request } from 'node:http';
import { api, startOogst } from '../test/helpers/oogst.js';

const SECONDS = 30;
const oogst = await startOogst();
const storeBytes = () => Number(execSync(`du -sb ${oogst.dataDir}`).toString().split('\t')[0]);
const slide = 'Lange tekst. '.repeat(370);
const yaml = `id: groot\ntitle: Groot\nsteps:\n${Array.from({ length: 12 }, (_, i) => `  - id: s${i}\n    kind: slide\n    title: Dia ${i}\n    body: "${slide}"\n`).join('')}`;
const statuses: Record<string, Record<number, number>> = { arena: {}, script: {}, session: {}, join: {} };
const count = (what: string, status: number) => (statuses[what]![status] = (statuses[what]![status] ?? 0) + 1);

const before = storeBytes();
const arenas: { id: string; key: string }[] = [];
const t0 = Date.now();
while (Date.now() - t0 < SECONDS * 1000) {
  const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Spam' });
  count('arena', made.status);
  if (made.status === 201) arenas.push(made.body);
  const arena = arenas.at(-1);
  if (!arena) continue;
  const saved = await api(oogst.url, 'PUT', `/api/arenas/${arena.id}/scripts/groot`, { yaml }, arena.key);
  count('script', saved.status);
  count('session', (await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script: saved.status === 200 ? 'groot' : 'monitoring' }, arena.key)).status);
}
console.log(`${SECONDS} s of making things from one address (script ${Buffer.byteLength(yaml)} bytes):`);
console.log(`  ${JSON.stringify({ arena: statuses.arena, script: statuses.script, session: statuses.session })}; the store grew ${((storeBytes() - before) / 1048576).toFixed(1)} MB`);

const arena = arenas[0]!;
const code = (await api(oogst.url, 'GET', `/api/arenas/${arena.id}`, undefined, arena.key)).body.sessions[0].code as string;
const tokens: string[] = [];
const j0 = Date.now();
for (let i = 0; i < 5000; i += 20)
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      const r = await api(oogst.url, 'POST', '/api/join', { code });
      count('join', r.status);
      if (r.status === 200) tokens.push(r.body.token);
    }),
  );
console.log(`5,000 joins from one address in ${((Date.now() - j0) / 1000).toFixed(1)} s: ${JSON.stringify(statuses.join)}`);

let rejoined = 0;
for (const token of tokens.slice(0, 100)) if ((await api(oogst.url, 'POST', '/api/join', { code, token })).status === 200) rejoined++;
const elsewhere = await new Promise<number>((resolve, reject) => {
  const req = request(`${oogst.url}/api/join`, { method: 'POST', localAddress: '127.0.0.2', headers: { 'content-type': 'application/json' } }, (res) => {
    res.resume();
    resolve(res.statusCode!);
  });
  req.on('error', reject);
  req.end(JSON.stringify({ code }));
});
console.log(`then ${rejoined} of 100 phones rejoining with their token got in; a phone from another address (127.0.0.2): ${elsewhere}`);
await oogst.stop();
