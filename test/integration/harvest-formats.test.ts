/**
 * Every harvest format, for a session and for a whole arena, from a realistic
 * arena of two meetings: what the room said is in it once, the hidden note and
 * the participants' names are not, the CSV is safe in a spreadsheet, the
 * printable page runs under its own strict policy, and LibreOffice opens the
 * Word file (converted to PDF; pages kept in test-results/harvest/ to look at).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../helpers/tools.js';
import { HIDDEN_NOTE, QUOTED_NOTE, startArena, TRICKY_NOTE, type Meeting } from '../helpers/arena-fixture.js';
import type { Running } from '../helpers/oogst.js';
import { csvRecords } from '../../kinds/checklist/parse.js';

const OUT = join(process.cwd(), 'test-results', 'harvest');
const hasLibreOffice = spawnSync('libreoffice', ['--version']).status === 0;
if (!hasLibreOffice && process.env.OOGST_REQUIRE_LIBREOFFICE)
  throw new Error('OOGST_REQUIRE_LIBREOFFICE is set but `libreoffice` is not installed (apt-get install -y libreoffice-writer-nogui poppler-utils).');
if (!hasLibreOffice) console.warn('Skipping the LibreOffice check of the Word harvest: `libreoffice` is not installed.');

async function get(base: string, path: string, key: string) {
  const response = await fetch(base + path, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** What a spreadsheet would see: the RFC 4180 reader the arena checklist upload uses, with semicolons. */
function parseCsv(text: string): string[][] {
  const records = csvRecords(text, ';');
  if ('error' in records) throw new Error(records.error);
  return records.map((r) => r.cells);
}

describe('the harvest in every format', () => {
  let fixture: Awaited<ReturnType<typeof startArena>>;
  let oogst: Running;
  let arena: { id: string; key: string };
  let meetings: Meeting[];

  beforeAll(async () => {
    fixture = await startArena(2);
    ({ oogst, arena, meetings } = fixture);
    mkdirSync(OUT, { recursive: true });
  }, 60_000);
  afterAll(async () => fixture?.stop());

  const paths = () => [
    ['session', `/api/sessions/${meetings[0]!.session.session.id}`],
    ['arena', `/api/arenas/${arena.id}`],
  ];

  it('Markdown and JSON: every visible contribution, nothing hidden, nobody named', async () => {
    for (const [what, path] of paths()) {
      const md = (await get(oogst.url, `${path}/harvest.md`, arena.key)).bytes.toString('utf8');
      expect(md, what).toContain('Wachtlijsten zijn te lang (1)');
      expect(md, what).toContain('**Wachtlijsten** (2)');
      expect(md, what).toContain('| Hoe kunnen we wachtlijsten korter maken? |');
      expect(md, what).toContain('waarde: antwoord 3 in bijeenkomst 1');
      expect(md, what).toContain('Koffie-uur 1');
      expect(md, what).not.toContain(HIDDEN_NOTE);
      const json = (await get(oogst.url, `${path}/harvest.json`, arena.key)).bytes.toString('utf8');
      expect(json, what).not.toContain(HIDDEN_NOTE);
      expect(JSON.parse(json), what).toBeTypeOf('object');
    }
    const arenaMd = (await get(oogst.url, `/api/arenas/${arena.id}/harvest.md`, arena.key)).bytes.toString('utf8');
    expect(arenaMd).toContain('## Bijeenkomst 2');
    expect(arenaMd).toContain('### Monitoring over de bijeenkomsten');
    // Who answered per meeting (no themes given yet), then per question each meeting's answers in turn.
    expect(arenaMd).toMatch(/\| Bijeenkomst 1 \(\d+ \w+ \d{4}\) \| 3 \| – \|/);
    const morgen = arenaMd.slice(arenaMd.indexOf('### Wat ga je morgen anders doen?'));
    expect(morgen.indexOf('morgen: antwoord 1 in bijeenkomst 1')).toBeGreaterThan(morgen.indexOf('Bijeenkomst 1 ('));
    expect(morgen.indexOf('Bijeenkomst 2 (')).toBeGreaterThan(morgen.indexOf('morgen: antwoord 1 in bijeenkomst 1'));
    expect(morgen.indexOf('morgen: antwoord 2 in bijeenkomst 2')).toBeGreaterThan(morgen.indexOf('Bijeenkomst 2 ('));
  });

  it('CSV: one row per contribution, UTF-8 with BOM, quotes and line breaks kept, formulas defused', async () => {
    for (const [what, path] of paths()) {
      const res = await get(oogst.url, `${path}/harvest.csv`, arena.key);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="oogst-[a-z0-9-]+\.csv"$/);
      expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(res.bytes.toString('utf8').slice(1));
      expect(rows[0]).toEqual(['Sessie', 'Datum', 'Stap', 'Werkvorm', 'Kolom of vraag', 'Cluster', 'Tekst', 'Stemmen', 'Tijd', 'Uitkomst']);
      expect(rows.every((r) => r.length === 10), what).toBe(true);
      const texts = rows.map((r) => r[6]);
      expect(texts).toContain(QUOTED_NOTE);
      expect(texts).toContain(`'${TRICKY_NOTE}`);
      expect(texts.filter((t) => t?.startsWith('='))).toEqual([]);
      expect(texts).not.toContain(HIDDEN_NOTE);
      const clustered = rows.find((r) => r[6] === 'Wachtlijsten zijn te lang (1)')!;
      // Dates and times as the room's clock shows them (the other formats' time zone), the exercise by its Dutch name.
      expect(clustered.slice(0, 7)).toEqual(['Bijeenkomst 1', expect.stringMatching(/^\d{4}-\d\d-\d\d$/), 'Klaag- en jubelmuur', 'Muur', 'Klaagmuur', 'Wachtlijsten', 'Wachtlijsten zijn te lang (1)']);
      expect(clustered[8]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      const voted = rows.find((r) => r[2] === 'Kies met stippen' && r[6] === 'Hoe kunnen we wachtlijsten korter maken?')!;
      expect(voted[7]).toBe('6');
      expect(voted[9]).toBe('✓ gekozen');
      // Every monitoring answer is a row of its own, under its question.
      expect(rows.filter((r) => r[4] === 'Wat was voor jou van waarde vandaag?').length).toBe(what === 'arena' ? 6 : 3);
    }
  });

  it('HTML: a printable page with its own policy, charts as SVG, no script', async () => {
    for (const [what, path] of paths()) {
      const res = await get(oogst.url, `${path}/harvest.html`, arena.key);
      const html = res.bytes.toString('utf8');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(res.headers.get('content-disposition')).toMatch(/^inline;/);
      expect(html).toContain('@page { size: A4');
      expect(html).not.toMatch(/<script|style="|onerror/i);
      expect(html).toContain('<svg');
      expect(html).toContain('Mantelzorgers zeggen: &#34;niemand vraagt het&#34;');
      expect(html, what).not.toContain(HIDDEN_NOTE);
      writeFileSync(join(OUT, `${what}.html`), html);
    }
  });

  it('Word: opens in LibreOffice with the title page, agenda, steps, votes, small wins and monitoring', async () => {
    for (const [what, path] of paths()) {
      const res = await get(oogst.url, `${path}/harvest.docx`, arena.key);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(res.bytes.subarray(0, 2).toString()).toBe('PK');
      const file = join(OUT, `${what}.docx`);
      writeFileSync(file, res.bytes);
      if (!hasLibreOffice) continue;
      const profile = mkdtempSync(join(tmpdir(), 'oogst-lo-'));
      try {
        await runTool('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', OUT, file]);
        await runTool('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'txt:Text', '--outdir', OUT, file]);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
      const text = readFileSync(join(OUT, `${what}.txt`), 'utf8');
      for (const expected of ['Agenda', 'Klaag- en jubelmuur', 'Wachtlijsten zijn te lang (1)', 'Kies met stippen', 'Koffie-uur 1', 'Wat ga je morgen anders doen?'])
        expect(text, `${what}: ${expected}`).toContain(expected);
      expect(text).not.toContain(HIDDEN_NOTE);
      if (what === 'arena' && spawnSync('pdftotext', ['-v']).status === 0) {
        // The small wins' table gives its columns the width of their longest word: none breaks mid-word.
        const printed = await runTool('pdftotext', ['-layout', join(OUT, `${what}.pdf`), '-']);
        expect(printed).toMatch(/Small win +Stand +Aanjaagmechanismen +Route +Bijeenkomst\n/);
      }
      if (spawnSync('pdftoppm', ['-v']).status === 0) {
        await runTool('pdftoppm', ['-png', '-r', '60', join(OUT, `${what}.pdf`), join(OUT, `${what}-page`)]);
        expect(readdirSync(OUT).filter((f) => f.startsWith(`${what}-page`)).length).toBeGreaterThan(1);
      }
    }
  }, 240_000);

  it('refuses an unknown format and a missing key', async () => {
    expect((await get(oogst.url, `/api/arenas/${arena.id}/harvest.pdf`, arena.key)).status).toBe(404);
    expect((await get(oogst.url, `/api/arenas/${arena.id}/harvest.md`, 'wrong')).status).toBe(401);
  });
});
