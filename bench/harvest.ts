/**
 * How long the harvest takes to render, in every format, for an arena of ten
 * meetings with 10,000 contributions in all (npm run bench:harvest). The
 * meetings are made through the real command path (SessionRuntime, SQLite in
 * memory), so the states are what a real arena holds. Prints figures; it is
 * not a test. Budget (docs/PERFORMANCE.md): under a second for every format.
 * Then a bystander's commands while three Word harvests render (harvest-bystander.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionEvent, Viewer } from '../core/protocol.js';
import { CORE_EVENTS, reduce } from '../core/session.js';
import type { SessionState } from '../core/state.js';
import { models } from '../kinds/registry.js';
import type { QuestionsData } from '../kinds/questions/model.js';
import { arenaHarvestFile, HARVEST_FORMATS, sessionHarvestFile } from '../server/harvest/harvest.js';
import { parseScript } from '../server/scripts/load-scripts.js';
import { SessionRuntime } from '../server/sessions/session-runtime.js';
import { hashSecret } from '../server/secrets.js';
import { SqliteStore } from '../server/store/sqlite-store.js';
import { bystander } from './harvest-bystander.js';

const SESSIONS = 10;
const PEOPLE = 100;
const RUNS = 5;
const script = parseScript(readFileSync(new URL('../test/fixtures/arena-bijeenkomst.yaml', import.meta.url), 'utf8'), 'arena-bijeenkomst.yaml');
if (!script.ok) throw new Error(JSON.stringify(script.problems));
const { steps, ...info } = script.script;

const WORDS = ['Rust', 'Erkenning', 'Tijd', 'Samen', 'Vertrouwen', 'Ruimte', 'Aandacht', 'Buurt'];
const sentence = (i: number, s: number) =>
  `Bijdrage ${i} uit bijeenkomst ${s}: mantelzorgers vinden de weg naar respijtzorg niet, "te ingewikkeld" zeggen ze — ${'en dat moet anders '.repeat(1 + (i % 4))}`;

async function meeting(store: SqliteStore, s: number): Promise<{ state: SessionState; contributions: number }> {
  const row = { id: `s${s}`, arenaId: 'a', code: `CODE${s}`, title: `Bijeenkomst ${s}`, scriptId: info.id, createdAt: Date.UTC(2026, 0, 1 + s * 14) };
  const created: SessionEvent = {
    id: `created-${row.id}`,
    seq: 1,
    type: CORE_EVENTS.created,
    actor: { role: 'facilitator' },
    payload: { title: row.title, arena: { id: 'a', title: 'Arena' }, script: info, steps },
    at: row.createdAt,
  };
  await store.createSession(row, created);
  const runtime = new SessionRuntime(row, reduce([created], row.id, models), store, () => {});
  const fac: Viewer = { role: 'facilitator' };
  let n = 0;
  let contributions = 0;
  const send = async (viewer: Viewer, type: string, stepId: string | undefined, payload: unknown) => {
    const ack = await runtime.handle({ id: `c${n++}`, type, ...(stepId ? { stepId } : {}), payload }, viewer);
    if (!ack.ok) throw new Error(`${type}: ${ack.error} ${ack.message}`);
    if (viewer.role === 'participant') contributions++;
  };
  const people: Viewer[] = [];
  for (let p = 0; p < PEOPLE; p++) {
    const id = `p${s}-${p}`;
    await runtime.join({ id, sessionId: row.id, tokenHash: id, pseudonym: `Deelnemer ${p}`, createdAt: row.createdAt });
    people.push({ role: 'participant', participantId: id });
  }
  const goto = (stepId: string) => send(fac, 'session.goto', undefined, { stepId });
  await goto('muur');
  for (const [p, who] of people.entries()) for (let k = 0; k < 4; k++) await send(who, 'wall.post', 'muur', { column: k % 2 ? 'jubelmuur' : 'klaagmuur', text: sentence(p * 4 + k, s) });
  await goto('peiling');
  for (const [p, who] of people.entries()) await send(who, 'poll.vote', 'peiling', { choices: [['vast', 'vroeg', 'samen'][p % 3]] });
  await goto('woorden');
  for (const [p, who] of people.entries()) for (let k = 0; k < 2; k++) await send(who, 'wordcloud.add', 'woorden', { text: WORDS[(p + k * 3) % WORDS.length] });
  await goto('vragen');
  for (const [p, who] of people.entries()) await send(who, 'questions.ask', 'vragen', { text: `Hoe kunnen we ${sentence(p, s).slice(0, 80)}?` });
  await goto('stippen');
  const questions = (runtime.state.stepStates.vragen!.data as QuestionsData).questions;
  for (const [p, who] of people.entries()) await send(who, 'vote.place', 'stippen', { itemId: questions[p % 12]!.id, dots: 2 });
  await goto('monitoring');
  for (const [p, who] of people.entries()) await send(who, 'open.answer', 'monitoring', { questionId: ['waarde', 'samenwerking', 'morgen'][p % 3], text: sentence(p, s) });
  return { state: runtime.state, contributions };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  // A file, not memory: the bystander's server reads it from its worker threads too.
  const dataDir = mkdtempSync(join(tmpdir(), 'oogst-bench-harvest-'));
  const store = new SqliteStore(join(dataDir, 'oogst.sqlite'));
  const key = 'bench-harvest-key';
  await store.createArena({ id: 'a', title: 'Jonge mantelzorgers Leiden', theme: 'Mantelzorg', keyHash: hashSecret(key), createdAt: 0 });
  const states: SessionState[] = [];
  let contributions = 0;
  for (let s = 1; s <= SESSIONS; s++) {
    const m = await meeting(store, s);
    states.push(m.state);
    contributions += m.contributions;
  }
  const arena = { id: 'a', title: 'Jonge mantelzorgers Leiden', theme: 'Mantelzorg', ambition: 'Eerder erbij zijn' };
  const [load] = (await import('node:os')).loadavg();
  console.log(`Harvest of an arena: ${SESSIONS} sessions, ${contributions} contributions; median of ${RUNS} runs after one warm-up.`);
  console.log(`Node ${process.version}, load average ${load!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores.`);
  console.log('Wall time is what a facilitator waits; CPU time (this process, all threads) is what it costs, and what wall time approaches on an idle machine.\n');
  console.log('| Format | Arena: wall ms | Arena: CPU ms | Arena: size | One session: wall ms | One session: size |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const format of HARVEST_FORMATS) {
    const time = async (make: () => Promise<{ body: string | Buffer }>) => {
      let size = Buffer.byteLength((await make()).body);
      const ms: number[] = [];
      const cpu: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        size = Buffer.byteLength((await make()).body);
        const c = process.cpuUsage(c0);
        ms.push(performance.now() - t0);
        cpu.push((c.user + c.system) / 1000);
      }
      return { ms: median(ms), cpu: median(cpu), kb: Math.round(size / 1024) };
    };
    const whole = await time(() => arenaHarvestFile(arena, states, format));
    const one = await time(() => sessionHarvestFile(states[0]!, format));
    console.log(`| ${format} | ${whole.ms.toFixed(0)} | ${whole.cpu.toFixed(0)} | ${whole.kb} KB | ${one.ms.toFixed(0)} | ${one.kb} KB |`);
  }
  await bystander(store, dataDir, 'a', key);
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
