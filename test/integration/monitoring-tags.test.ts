/**
 * Tagging monitoring answers with themes from the arena page, against the real
 * server and SQLite: the arena key, the bounds, an unknown answer, a theme renamed
 * across the arena, the facilitator's console told at once, and an export
 * imported elsewhere keeping every tag.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringTrend } from '../../core/http.js';
import { MAX_THEMES_PER_ANSWER, MAX_THEMES_PER_ARENA } from '../../core/monitoring-tags.js';
import { monitoringMeeting as meeting } from '../helpers/monitoring-meeting.js';
import { api, facilitator, startOogst, type Running, type StartedSession } from '../helpers/oogst.js';

describe('themes on monitoring answers', () => {
  let oogst: Running;
  let other: Running;
  let arena: { id: string; key: string };
  let first: StartedSession;
  let second: StartedSession;
  const trend = async (base = oogst.url, a = arena) => (await api<MonitoringTrend>(base, 'GET', `/api/arenas/${a.id}/monitoring`, undefined, a.key)).body;
  const tag = (session: StartedSession, answerId: string, themes: string[], key = arena.key) =>
    api(oogst.url, 'PUT', `/api/arenas/${arena.id}/monitoring/tags`, { sessionId: session.session.id, stepId: 'monitoring', answerId, themes }, key);
  const answerIds = async (n: number) => (await trend()).sessions[n]!.answers.waarde!.map((a) => a.id);

  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000' } });
    other = await startOogst();
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Mantelzorg Leiden' });
    arena = { id: made.body.id, key: made.body.key };
    first = await meeting(oogst.url, arena, 'Bijeenkomst 1', ['De rust', 'Elkaar zien', 'Niets']);
    second = await meeting(oogst.url, arena, 'Bijeenkomst 2', ['Samen koken']);
  }, 60_000);
  afterAll(async () => {
    await other?.stop();
    await oogst?.stop();
  });

  it('tags an answer for who holds the arena key, and tells the console at once', async () => {
    const [rust, zien] = await answerIds(0);
    const fac = await facilitator(oogst.url, first);
    expect((await tag(first, rust!, ['Rust'], 'wrong-key')).status).toBe(401);
    expect((await api(oogst.url, 'PUT', `/api/arenas/${arena.id}/monitoring/tags`, { sessionId: first.session.id, stepId: 'monitoring', answerId: rust, themes: ['Rust'] })).status).toBe(401);
    expect((await tag(first, rust!, ['Rust', ' Samenwerking '])).body).toEqual({ themes: ['Rust', 'Samenwerking'] });
    // A theme the arena has, typed in other case, takes the arena's spelling: one theme, not two.
    expect((await tag(first, zien!, ['samenwerking'])).body).toEqual({ themes: ['Samenwerking'] });
    await fac.until((v) => Object.keys(v.state!.tags?.monitoring ?? {}).length === 2, 5000, 'tags on the console');
    fac.close();
    const [koken] = await answerIds(1);
    await tag(second, koken!, ['Samenwerking']);
    const now = await trend();
    expect(now.themes).toEqual(['Samenwerking', 'Rust']);
    expect(now.sessions.map((s) => [s.answered, s.themes])).toEqual([
      [3, { Rust: 1, Samenwerking: 2 }],
      [1, { Samenwerking: 1 }],
    ]);
  });

  it('refuses an unknown answer or session, a theme too long, too many per answer or per arena', async () => {
    const [, , niets] = await answerIds(0);
    expect((await tag(first, 'nope', ['Rust'])).body).toMatchObject({ error: 'not-found' });
    expect((await api(oogst.url, 'PUT', `/api/arenas/${arena.id}/monitoring/tags`, { sessionId: 'elders', stepId: 'monitoring', answerId: niets, themes: [] }, arena.key)).status).toBe(404);
    expect((await tag(first, niets!, ['x'.repeat(41)])).status).toBe(400);
    expect((await tag(first, niets!, Array.from({ length: MAX_THEMES_PER_ANSWER + 1 }, (_, i) => `T${i}`))).status).toBe(400);
    expect((await tag(first, niets!, ['   '])).status).toBe(400);
  });

  it('bounds the themes of an arena', async () => {
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Veel thema’s' });
    const full = { id: made.body.id, key: made.body.key };
    // Enough answers to carry every theme an arena may have, and one more.
    const texts = Array.from({ length: MAX_THEMES_PER_ARENA / MAX_THEMES_PER_ANSWER + 1 }, (_, i) => `Antwoord ${i}`);
    const session = await meeting(oogst.url, full, 'Bijeenkomst', texts);
    const ids = (await trend(oogst.url, full)).sessions[0]!.answers.waarde!.map((a) => a.id);
    const put = (answerId: string, themes: string[]) =>
      api(oogst.url, 'PUT', `/api/arenas/${full.id}/monitoring/tags`, { sessionId: session.session.id, stepId: 'monitoring', answerId, themes }, full.key);
    let given = 0;
    for (const id of ids.slice(0, -1)) {
      expect((await put(id, Array.from({ length: MAX_THEMES_PER_ANSWER }, () => `Thema ${given++}`))).status).toBe(200);
    }
    expect((await trend(oogst.url, full)).themes).toHaveLength(MAX_THEMES_PER_ARENA);
    expect((await put(ids.at(-1)!, ['Nog een'])).body).toMatchObject({ error: 'limit-reached' });
    // Reusing a theme the arena has is always possible.
    expect((await put(ids.at(-1)!, ['thema 0'])).body).toEqual({ themes: ['Thema 0'] });
  });

  it('renames a theme on every answer of the arena, and takes one off', async () => {
    expect((await api(oogst.url, 'POST', `/api/arenas/${arena.id}/monitoring/themes`, { from: 'Samenwerking', to: 'Verbinding' }, arena.key)).body).toEqual({ answers: 3 });
    expect((await trend()).themes).toEqual(['Verbinding', 'Rust']);
    expect((await api(oogst.url, 'POST', `/api/arenas/${arena.id}/monitoring/themes`, { from: 'Rust' }, arena.key)).body).toEqual({ answers: 1 });
    expect((await api(oogst.url, 'POST', `/api/arenas/${arena.id}/monitoring/themes`, { from: 'Rust' }, arena.key)).status).toBe(404);
    expect((await api(oogst.url, 'POST', `/api/arenas/${arena.id}/monitoring/themes`, { from: 'Verbinding', to: 'X' }, 'wrong')).status).toBe(401);
    const now = await trend();
    expect(now.themes).toEqual(['Verbinding']);
    expect(now.sessions.map((s) => s.themes)).toEqual([{ Verbinding: 2 }, { Verbinding: 1 }]);
  });

  it('shows in the HTML and Word harvests the answers per question session by session, and the chart of themes', async () => {
    const get = async (format: string) => Buffer.from(await (await fetch(`${oogst.url}/api/arenas/${arena.id}/harvest.${format}`, { headers: { authorization: `Bearer ${arena.key}` } })).arrayBuffer());
    const html = (await get('html')).toString('utf8');
    // Per question: each session under its own heading, with its answers and their themes.
    const question = html.slice(html.indexOf('>Wat was voor jou van waarde vandaag?</h'));
    expect(question.indexOf('Bijeenkomst 1 (')).toBeLessThan(question.indexOf('De rust'));
    expect(question.indexOf('Niets')).toBeLessThan(question.indexOf('Bijeenkomst 2 ('));
    expect(question.indexOf('Bijeenkomst 2 (')).toBeLessThan(question.indexOf('Samen koken'));
    expect(question).toMatch(/Elkaar zien<span[^>]*> · Verbinding</);
    // The chart counts answers with the theme, beside how many answered.
    expect(html).toMatch(/<figcaption>Antwoorden met het thema &#34;Verbinding&#34;, per bijeenkomst<\/figcaption><svg/);
    expect(html).toMatch(/Bijeenkomst 1 \(3 antwoordden\)<\/text><rect[^>]*\/><text[^>]*>2</);
    expect(html).toMatch(/Bijeenkomst 2 \(1 antwoordde\)<\/text><rect[^>]*\/><text[^>]*>1</);
    const word = await (await JSZip.loadAsync(await get('docx'))).file('word/document.xml')!.async('string');
    for (const text of ['Wat was voor jou van waarde vandaag?', 'De rust', 'Samen koken', ' · Verbinding', 'Bijeenkomst 1 (3 antwoordden)', 'Bijeenkomst 2 (1 antwoordde)', 'Verbinding (2)'])
      expect(word, text).toContain(text);
    // The chart's bars are drawn: one picture per session.
    expect(word.match(/<pic:pic/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the tags through an export imported elsewhere, and in the harvest', async () => {
    const file = (await api(oogst.url, 'GET', `/api/arenas/${arena.id}/export.json`, undefined, arena.key)).body;
    const imported = await api(other.url, 'POST', '/api/arenas/import', file);
    expect(imported.status).toBe(201);
    const there = await trend(other.url, { id: imported.body.id, key: imported.body.key });
    expect(there).toEqual(await trend());
    const harvest = (await api(other.url, 'GET', `/api/arenas/${imported.body.id}/harvest.json`, undefined, imported.body.key)).body;
    expect(harvest.monitoring.themes).toEqual(['Verbinding']);
  });
});
