/**
 * The benchmark's tables (Markdown, so a run can go into docs/PERFORMANCE.md as
 * printed) and the verdict on each budget of DESIGN.md.
 */
import type { ScenarioResult } from './scenario.js';

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(1) : Math.round(v).toString());
const s = (v: number) => (v / 1000).toFixed(1);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? '–' : `${(a / b).toFixed(2)}×`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Oogst's result and the floor's for the same mode and N. */
function pairs(results: ScenarioResult[], mode: ScenarioResult['mode']) {
  return results
    .filter((r) => r.mode === mode && r.server === 'oogst')
    .map((o) => ({ o, f: results.find((r) => r.mode === mode && r.server === 'floor' && r.n === o.n) }));
}

export function printTables(report: { date: string; machine: Record<string, unknown>; options: Record<string, unknown>; results: ScenarioResult[] }) {
  const { machine, options, results } = report;
  const load = (machine.loadBefore as number[]).map((l) => l.toFixed(2)).join(' ');
  console.log(
    `\n${report.date}, ${machine.cpus} cores (${machine.cpu}), Node ${machine.node}, load before ${load}, ` +
      `${options.workers} load workers, ${options.concurrency} joins in flight each, ${options.rate} notes/s for ${options.seconds} s` +
      (options.servers === 2
        ? options.spread
          ? ', Oogst as two servers on PostgreSQL and Redis (phones round robin over both, console on one and screen on the other; CPU of both)'
          : ', Oogst as two servers on PostgreSQL and Redis (phones on one, console and screen on the other; CPU of both)'
        : '') +
      (options.floor === 'stored' ? '.\nTHE FLOOR STORES: two bare servers that store every event in PostgreSQL as Oogst does and cross over Redis (bench/floor-store.ts)' : ''),
  );
  const steady = pairs(results, 'steady');
  if (steady.length) {
    const floor = options.floor === 'stored' ? 'two bare socket.io servers storing in PostgreSQL, crossing over Redis' : 'bare socket.io';
    console.log(`\nSteady: submit → screen and → ack in ms (Oogst; floor = ${floor}, same delivery design)\n`);
    console.log(
      table(
        ['N', 'screen p50', 'p95', 'p99', 'floor p50', 'floor p95', 'ratio p50', 'ratio p95', 'ack p95', 'floor ack p95', 'notes/s', 'server CPU', 'refused/lost'],
        steady.map(({ o, f }) => [
          String(o.n),
          ms(o.posts?.screen.p50),
          ms(o.posts?.screen.p95),
          ms(o.posts?.screen.p99),
          ms(f?.posts?.screen.p50),
          ms(f?.posts?.screen.p95),
          ratio(o.posts?.screen.p50, f?.posts?.screen.p50),
          ratio(o.posts?.screen.p95, f?.posts?.screen.p95),
          ms(o.posts?.ack.p95),
          ms(f?.posts?.ack.p95),
          o.posts ? o.posts.perSecond.toFixed(1) : '–',
          `${o.serverCpuPercent.posts}% / ${f?.serverCpuPercent.posts ?? '–'}%`,
          `${Object.values(o.posts?.refused ?? {}).reduce((a, b) => a + b, 0)} / ${o.posts?.lostOnScreen ?? 0}`,
        ]),
      ),
    );
  }
  const capacity = steady.filter(({ o }) => o.capacity);
  if (capacity.length) {
    const rate = capacity[0]!.o.capacity!.perSecond;
    console.log(`\nCapacity: ${Math.round(rate)} notes/s for a few seconds; server CPU per note, and what one core could take at that cost\n`);
    console.log(
      table(
        ['N', 'CPU/note (ms)', 'floor', 'ratio', 'max notes/s', 'floor', 'screen p50', 'p95', 'floor p95', 'ratio p95'],
        capacity.map(({ o, f }) => {
          const [c, fc] = [o.capacity!, f?.capacity];
          return [
            String(o.n),
            c.serverCpuMsPerNote.toFixed(2),
            fc ? fc.serverCpuMsPerNote.toFixed(2) : '–',
            ratio(c.serverCpuMsPerNote, fc?.serverCpuMsPerNote),
            String(Math.round(1000 / c.serverCpuMsPerNote)),
            fc ? String(Math.round(1000 / fc.serverCpuMsPerNote)) : '–',
            ms(c.screen.p50),
            ms(c.screen.p95),
            ms(fc?.screen.p95),
            ratio(c.screen.p95, fc?.screen.p95),
          ];
        }),
      ),
    );
  }
  const all = results.filter((r) => r.server === 'oogst');
  console.log('\nJoining, one event to all phones, memory (Oogst / floor)\n');
  console.log(
    table(
      ['mode', 'N', 'all joined (s)', 'ratio', 'joins/s', 'join p95 (ms)', 'server CPU', 'CPU/join (ms)', 'generator CPU/join (ms)', 'reach all (ms)', 'ratio', 'RSS/participant (KB)', 'generator CPU'],
      all.map((o) => {
        const f = results.find((r) => r.server === 'floor' && r.mode === o.mode && r.n === o.n);
        return [
          o.mode,
          String(o.n),
          `${s(o.joinAllMs)} / ${f ? s(f.joinAllMs) : '–'}`,
          ratio(o.joinAllMs, f?.joinAllMs),
          `${Math.round(o.joinsPerSecond)} / ${f ? Math.round(f.joinsPerSecond) : '–'}`,
          `${ms(o.joinEach.p95)} / ${ms(f?.joinEach.p95)}`,
          `${o.serverCpuPercent.join}% / ${f?.serverCpuPercent.join ?? '–'}%`,
          `${o.serverCpuMsPerJoin.toFixed(2)} / ${f ? f.serverCpuMsPerJoin.toFixed(2) : '–'}`,
          `${o.generatorCpuMsPerJoin.toFixed(2)} / ${f ? f.generatorCpuMsPerJoin.toFixed(2) : '–'}`,
          `${ms(median(o.reachAllMs))} / ${ms(f && median(f.reachAllMs))}`,
          ratio(median(o.reachAllMs), f && median(f.reachAllMs)),
          `${o.rssPerParticipantKB.toFixed(1)} / ${f ? f.rssPerParticipantKB.toFixed(1) : '–'}`,
          `${o.generatorCpuPercent}%`,
        ];
      }),
    ),
  );
  const burst = pairs(results, 'burst');
  if (burst.length) {
    console.log('\nBurst: every phone posts at the same moment (ms)\n');
    console.log(
      table(
        ['N', 'notes', 'screen p50', 'p95', 'p99', 'max', 'floor p95', 'ratio p95', 'ack p95', 'refused/lost'],
        burst.map(({ o, f }) => [
          String(o.n),
          String(o.posts?.sent ?? 0),
          ms(o.posts?.screen.p50),
          ms(o.posts?.screen.p95),
          ms(o.posts?.screen.p99),
          ms(o.posts?.screen.max),
          ms(f?.posts?.screen.p95),
          ratio(o.posts?.screen.p95, f?.posts?.screen.p95),
          ms(o.posts?.ack.p95),
          `${Object.values(o.posts?.refused ?? {}).reduce((a, b) => a + b, 0)} / ${o.posts?.lostOnScreen ?? 0}`,
        ]),
      ),
    );
  }
  printCommits(results);
}

/** Group commit in each phase: how many notes a transaction carried, and how often a batch was refused and decided again. */
function printCommits(results: ScenarioResult[]) {
  const rows = results
    .filter((r) => r.server === 'oogst')
    .flatMap((r) => (['notes', 'capacity'] as const).map((phase) => ({ r, phase, p: phase === 'notes' ? r.posts : r.capacity })))
    .filter(({ p }) => p?.commits);
  if (!rows.length) return;
  console.log('\nGroup commit (all Oogst servers): transactions, events per transaction, retries after a refused seq, events found stored by the other server\n');
  console.log(
    table(
      ['mode', 'N', 'phase', 'transactions', 'events', 'events/transaction', 'largest', 'retries', 'caught up'],
      rows.map(({ r, phase, p }) => {
        const c = p!.commits!;
        return [r.mode, String(r.n), phase, String(c.batches), String(c.events), c.batches ? (c.events / c.batches).toFixed(2) : '–', String(c.largestBatch), String(c.retries), String(c.caughtUp)];
      }),
    ),
  );
}

/** Each budget of DESIGN.md that this run measured, met or missed. */
export function verdicts(results: ScenarioResult[]): string[] {
  const out: string[] = ['\nBudgets (DESIGN.md)'];
  const mark = (ok: boolean, text: string) => out.push(`  ${ok ? 'met   ' : 'MISSED'}  ${text}`);
  const steady = pairs(results, 'steady').filter(({ f }) => f);
  const biggest = steady.at(-1);
  if (biggest?.o.posts && biggest.f?.posts) {
    const r = biggest.o.posts.screen.p95 / biggest.f.posts.screen.p95;
    mark(r <= 1.3, `submit → screen p95 at N=${biggest.o.n}: ${r.toFixed(2)}× the floor (budget ≤ 1.3×)`);
  }
  for (const { o } of pairs(results, 'burst'))
    if (o.posts) mark(o.posts.screen.p95 <= 300, `burst of ${o.n}: p95 submit → screen ${ms(o.posts.screen.p95)} ms (budget ≤ 300 ms)`);
  for (const { o } of pairs(results, 'joining'))
    mark(o.joined === o.n && o.joinAllMs <= 10_000, `${o.joined} of ${o.n} joined in ${s(o.joinAllMs)} s (budget: ${o.n === 2000 ? '' : 'for 2000: '}within 10 s)`);
  const largest = results.filter((r) => r.server === 'oogst').sort((a, b) => b.n - a.n)[0];
  // Below ~1000 phones the first join's fixed costs (code run for the first time, heap growth) dominate the average.
  if (largest && largest.n >= 1000)
    mark(largest.rssPerParticipantKB <= 50, `memory at N=${largest.n}: ${largest.rssPerParticipantKB.toFixed(1)} KB per participant (budget ≤ 50 KB)`);
  else if (largest) out.push(`  –       memory: not judged below 1000 phones (${largest.rssPerParticipantKB.toFixed(1)} KB at N=${largest.n})`);
  return out;
}
