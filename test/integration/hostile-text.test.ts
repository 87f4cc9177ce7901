/**
 * Text that no document can carry: every C0 control character (the vertical tab
 * that text pasted out of Word brings, NUL, BEL, ESC …), DEL, a C1 control, a bidi
 * override, the noncharacters U+FFFE and U+FFFF and lone surrogates. Sent through
 * every way text enters (commands of every kind that takes text, HTTP bodies, a
 * script), it is cleaned on arrival; written into a log before that (an old log),
 * it is cleaned when the harvest is made. Either way every harvest format stays
 * readable: the Word file is valid XML and LibreOffice opens it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { QuestionsData } from '../../kinds/questions/model.js';
import type { WallData } from '../../kinds/wall/model.js';
import { runTool } from '../helpers/tools.js';
import { api, facilitator, participant, startOogst, type Running, type StartedSession } from '../helpers/oogst.js';

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
/** A low surrogate before a high one: two halves that make no character. */
const HOSTILE = `${C0}\u007F\u0085\u202E\uFFFE\uFFFF\uDC00\uD800`;
/** What must never be in a harvest. U+FFFD is how a lone surrogate leaves as UTF-8, so it counts too. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = new RegExp('[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\uFFFD\\uFFFE\\uFFFF]|\\p{Cs}', 'u');
const hasLibreOffice = spawnSync('libreoffice', ['--version']).status === 0;
if (!hasLibreOffice && process.env.OOGST_REQUIRE_LIBREOFFICE) throw new Error('OOGST_REQUIRE_LIBREOFFICE is set but `libreoffice` is not installed.');

/** Every string in a value that holds an unsafe character, for a readable failure. */
function unsafeStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (UNSAFE.test(value)) found.push(JSON.stringify(value));
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) unsafeStrings(v, found);
  return found;
}

/** Pairs of words a test puts on either side of the hostile text; each word must reach every harvest. */
const WORDS = {
  arena: ['Arenanaam', 'Eindnaam'],
  session: ['Sessienaam', 'Sluitnaam'],
  note: ['Alfabriefje', 'Bravobriefje'],
  cluster: ['Clustertitel', 'Deltatitel'],
  word: ['Echo', 'Fox'],
  question: ['Golfvraag', 'Hotelvraag'],
  win: ['Indiawin', 'Julietwin'],
  result: ['Kiloresultaat', 'Limaresultaat'],
  answer: ['Mikeantwoord', 'Novemberantwoord'],
} as const;

const ok = async (ack: Promise<Ack>) => expect(await ack).toMatchObject({ ok: true });

/** A meeting of the fixture script in which every text a participant or facilitator types is `a<between>b`. */
async function meeting(oogst: Running, between: string): Promise<StartedSession> {
  const text = (pair: readonly [string, string]) => `${pair[0]}${between}${pair[1]}`;
  const made = await api(oogst.url, 'POST', '/api/arenas', { title: text(WORDS.arena), theme: `Thema${between}` });
  expect(made.status).toBe(201);
  const arena = { id: made.body.id as string, key: made.body.key as string };
  const created = await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script: 'arena-bijeenkomst', title: text(WORDS.session) }, arena.key);
  expect(created.status).toBe(201);
  const s: StartedSession = { arena, session: created.body, screenKey: '' };
  const fac = await facilitator(oogst.url, s);
  const phone = await participant(oogst.url, s);
  const goto = async (stepId: string) => {
    await ok(fac.send('session.goto', { stepId }));
    const index = fac.state!.steps.findIndex((st) => st.id === stepId);
    await phone.until((v) => v.state!.current === index, 5000, `phone on ${stepId}`);
  };
  try {
    await goto('muur');
    await ok(phone.send('wall.post', { column: 'klaagmuur', text: text(WORDS.note) }, 'muur'));
    await fac.until((v) => (v.state!.stepStates.muur!.data as WallData).notes.length === 1, 5000, 'the note');
    const noteId = (fac.state!.stepStates.muur!.data as WallData).notes[0]!.id;
    await ok(fac.send('wall.cluster', { column: 'klaagmuur', title: text(WORDS.cluster), noteIds: [noteId] }, 'muur'));
    await goto('woorden');
    await ok(phone.send('wordcloud.add', { text: text(WORDS.word) }, 'woorden'));
    await goto('vragen');
    await ok(phone.send('questions.ask', { text: `Hoe kunnen we ${text(WORDS.question)}` }, 'vragen'));
    await fac.until((v) => (v.state!.stepStates.vragen!.data as QuestionsData).questions.length === 1, 5000, 'the question');
    await goto('wins');
    await ok(phone.send('smallwin.register', { title: text(WORDS.win), result: text(WORDS.result), mechanisms: ['energizing'], paths: ['verspreiden'], phase: 'oplaadfase' }, 'wins'));
    await goto('monitoring');
    await ok(phone.send('open.answer', { questionId: 'waarde', text: text(WORDS.answer) }, 'monitoring'));
    return s;
  } finally {
    fac.close();
    phone.close();
  }
}

async function download(base: string, path: string, key: string): Promise<Buffer> {
  const response = await fetch(base + path, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status, path).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** Every harvest format of the session and of its arena holds every word and nothing unsafe; the Word file opens. */
async function expectReadableHarvests(base: string, s: StartedSession) {
  const words = Object.values(WORDS).flat();
  for (const [what, path] of [['session', `/api/sessions/${s.session.id}`], ['arena', `/api/arenas/${s.arena.id}`]] as const) {
    for (const format of ['md', 'csv', 'html'] as const) {
      const text = (await download(base, `${path}/harvest.${format}`, s.arena.key)).toString('utf8');
      expect(unsafeStrings(text), `${what}.${format}`).toEqual([]);
      // The CSV has the contributions; the session's and arena's names are in its rows or heading.
      for (const word of format === 'csv' ? [...WORDS.note, ...WORDS.question, ...WORDS.answer] : words) expect(text, `${what}.${format}`).toContain(word);
    }
    const json = JSON.parse((await download(base, `${path}/harvest.json`, s.arena.key)).toString('utf8'));
    expect(unsafeStrings(json), `${what}.json`).toEqual([]);
    for (const word of words) expect(JSON.stringify(json), `${what}.json`).toContain(word);

    const dir = mkdtempSync(join(tmpdir(), 'oogst-hostile-'));
    try {
      const file = join(dir, `${what}.docx`);
      writeFileSync(file, await download(base, `${path}/harvest.docx`, s.arena.key));
      const xml = await runTool('unzip', ['-p', file, 'word/document.xml']);
      expect(unsafeStrings(xml), `${what}.docx`).toEqual([]);
      if (!hasLibreOffice) continue;
      await runTool('libreoffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, file]);
      const text = readFileSync(join(dir, `${what}.txt`), 'utf8');
      for (const word of words) expect(text, `${what}.docx opened in LibreOffice`).toContain(word);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const scriptsDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'oogst-hostile-scripts-'));
  writeFileSync(join(dir, 'arena-bijeenkomst.yaml'), readFileSync(new URL('../fixtures/arena-bijeenkomst.yaml', import.meta.url)));
  return dir;
};

describe('control characters and other unsafe text', () => {
  const scripts = scriptsDir();
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst({ scriptsDir: scripts, env: { OOGST_COMMAND_BURST: '1000' } });
  });
  afterAll(async () => {
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('are removed on arrival from every command and HTTP body, so every harvest stays readable', { timeout: 240_000 }, async () => {
    const s = await meeting(oogst, HOSTILE);
    const fac = await facilitator(oogst.url, s);
    expect(unsafeStrings(fac.state)).toEqual([]);
    fac.close();
    const arena = await api(oogst.url, 'GET', `/api/arenas/${s.arena.id}`, undefined, s.arena.key);
    expect(unsafeStrings(arena.body)).toEqual([]);
    await expectReadableHarvests(oogst.url, s);
  });

  it('are removed from feed labels, contact names and scripts', async () => {
    const s = await meeting(oogst, ' ');
    const label = await api(oogst.url, 'POST', `/api/sessions/${s.session.id}/feed-keys`, { label: `Website${HOSTILE}` }, s.arena.key);
    expect(label.body.label).toBe('Website');
    const fac = await facilitator(oogst.url, s);
    await ok(fac.send('session.contacts', { open: true }));
    const phone = await participant(oogst.url, s);
    const left = await api(oogst.url, 'POST', `/api/sessions/${s.session.id}/contacts`, { token: phone.identity.token, name: `Anne${HOSTILE}`, email: 'anne@voorbeeld.nl', consent: true });
    expect(left.status).toBe(204);
    const csv = await download(oogst.url, `/api/arenas/${s.arena.id}/contacts.csv`, s.arena.key);
    expect(unsafeStrings(csv.toString('utf8'))).toEqual([]);
    expect(csv.toString('utf8')).toContain('Anne');
    fac.close();
    phone.close();
    // A YAML escape makes a control character too; the script keeps its title without it.
    const yaml = `id: eigen\ntitle: "Eigen\\v\\0\\e werkvorm"\nlanguage: nl\nsteps:\n  - id: muur\n    kind: wall\n    title: "Muur\\x07"\n    columns:\n      - id: a\n        title: A\n`;
    const saved = await api(oogst.url, 'PUT', `/api/arenas/${s.arena.id}/scripts/eigen`, { yaml }, s.arena.key);
    expect(saved.status).toBe(200);
    expect(saved.body.title).toBe('Eigen werkvorm');
  });

  it('leaves nothing of a contribution or a title of invisible characters only: it is empty', async () => {
    const invisible = `\u200B\u00AD\u2060\uFEFF\u0007 \u000B\u2800`;
    expect((await api(oogst.url, 'POST', '/api/arenas', { title: invisible })).status).toBe(400);
    const s = await meeting(oogst, ' ');
    const fac = await facilitator(oogst.url, s);
    const phone = await participant(oogst.url, s);
    await ok(fac.send('session.goto', { stepId: 'muur' }));
    await phone.until((v) => v.state!.steps[v.state!.current]?.id === 'muur', 5000, 'phone on the wall');
    const refused = await phone.send('wall.post', { column: 'klaagmuur', text: invisible }, 'muur');
    expect(refused).toMatchObject({ ok: false, error: 'invalid' });
    expect((await phone.send('wall.post', { column: 'klaagmuur', text: `\u200BZichtbaar\u200B` }, 'muur')).ok).toBe(true);
    fac.close();
    phone.close();
  });
});

describe('an old log that already holds unsafe text', () => {
  const scripts = scriptsDir();
  let oogst: Running;
  let s: StartedSession;
  afterAll(async () => {
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('still gives readable harvests in every format', { timeout: 240_000 }, async () => {
    const first = await startOogst({ scriptsDir: scripts, env: { OOGST_COMMAND_BURST: '1000' } });
    const MARK = '§§';
    s = await meeting(first, MARK);
    await first.stop(true);
    // Written before text was cleaned on arrival: the marks become the unsafe text, in the log and the arena's title.
    const db = new Database(join(first.dataDir, 'oogst.sqlite'));
    const escaped = JSON.stringify(HOSTILE).slice(1, -1);
    const rows = db.prepare('SELECT session_id, seq, payload FROM events').all() as { session_id: string; seq: number; payload: string }[];
    const update = db.prepare('UPDATE events SET payload = ? WHERE session_id = ? AND seq = ?');
    let changed = 0;
    for (const row of rows)
      if (row.payload.includes(MARK)) {
        update.run(row.payload.replaceAll(MARK, escaped), row.session_id, row.seq);
        changed++;
      }
    // A text column holds UTF-8, where half a surrogate cannot be written (it becomes U+FFFD): the rest can.
    const whole = HOSTILE.replace(/\p{Cs}/gu, '');
    db.prepare('UPDATE arenas SET title = replace(title, ?, ?), theme = replace(theme, ?, ?)').run(MARK, whole, MARK, whole);
    db.prepare('UPDATE sessions SET title = replace(title, ?, ?)').run(MARK, whole);
    db.close();
    expect(changed).toBeGreaterThan(5);

    oogst = await startOogst({ dataDir: first.dataDir, scriptsDir: scripts });
    await expectReadableHarvests(oogst.url, s);
  });

  it('is cleaned when its export is imported on another server', async () => {
    const exported = await api(oogst.url, 'GET', `/api/arenas/${s.arena.id}/export.json`, undefined, s.arena.key);
    expect(exported.status).toBe(200);
    const other = await startOogst({ scriptsDir: scripts });
    try {
      const imported = await api(other.url, 'POST', '/api/arenas/import', exported.body);
      expect(imported.status).toBe(201);
      const again = await api(other.url, 'GET', `/api/arenas/${imported.body.id}/export.json`, undefined, imported.body.key);
      expect(unsafeStrings(again.body)).toEqual([]);
      expect(JSON.stringify(again.body)).toContain('Alfabriefje');
    } finally {
      await other.stop();
    }
  });
});
