/**
 * A session with polls and word clouds, from a script of its own, with real
 * socket.io clients against the real server and a SQLite file: a facilitator,
 * a screen and three phones.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { PollData } from '../../kinds/poll/model.js';
import type { WordcloudData } from '../../kinds/wordcloud/model.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

const SCRIPT = `
id: peiling-en-woordwolk
title: Peiling en woordwolk
language: nl
steps:
  - id: welkom
    kind: slide
    title: Welkom
    body: Pak je telefoon erbij.
  - id: kernthema
    kind: wordcloud
    title: Positief kernthema
    prompt: Waar willen we meer van? Geef hooguit drie woorden.
  - id: eerste-stap
    kind: poll
    title: Waar beginnen we?
    question: Welk thema pakken we als eerste op?
    mode: single
    options:
      - { id: respijt, text: Respijtzorg }
      - { id: werk, text: Mantelzorg en werk }
      - { id: jong, text: Jonge mantelzorgers }
  - id: werkt
    kind: poll
    title: Wat werkt al?
    question: Wat werkt al in onze gemeente?
    mode: multiple
    maxChoices: 2
    options:
      - { id: cafe, text: Het mantelzorgcafé }
      - { id: loket, text: Eén loket }
      - { id: buurt, text: Buurtteams }
  - id: stelling
    kind: poll
    title: Stelling
    question: We werken in deze regio echt samen.
    mode: scale
    scale: { min: 1, max: 5, minLabel: helemaal oneens, maxLabel: helemaal eens }
  - id: gevoel
    kind: wordcloud
    title: Hoe ga je naar huis?
    maxWords: 1
    live: false
`;

const pollOf = (v: ViewClient, step: string) => v.state!.stepStates[step]!.data as PollData;
const cloudOf = (v: ViewClient, step: string) => v.state!.stepStates[step]!.data as WordcloudData;
const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('a live session with polls and word clouds', () => {
  let scripts: string;
  let oogst: Running;
  let s: StartedSession;
  let fac: ViewClient;
  let scr: ViewClient;
  let phones: Awaited<ReturnType<typeof participant>>[];

  const goto = async (stepId: string) => {
    expect(result(await fac.send('session.goto', { stepId }))).toBe('accepted');
    const index = fac.state!.steps.findIndex((st) => st.id === stepId);
    await Promise.all(phones.map((p) => p.until((v) => v.state!.current === index, 5000, `phones on ${stepId}`)));
  };

  beforeAll(async () => {
    scripts = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(scripts, 'peiling-en-woordwolk.yaml'), SCRIPT);
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000' }, scriptsDir: scripts });
    s = await startSession(oogst.url, 'peiling-en-woordwolk');
    fac = await facilitator(oogst.url, s);
    scr = await screen(oogst.url, s);
    phones = [await participant(oogst.url, s), await participant(oogst.url, s), await participant(oogst.url, s)];
  });
  afterAll(async () => {
    for (const v of [fac, scr, ...(phones ?? [])]) v?.close();
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('grows a live word cloud, counting a word whatever its case or spacing', async () => {
    await goto('kernthema');
    const [a, b, c] = phones as [(typeof phones)[0], (typeof phones)[0], (typeof phones)[0]];
    const sent = [
      await a.send('wordcloud.add', { text: 'Samen' }, 'kernthema'),
      await a.send('wordcloud.add', { text: 'eigen kracht' }, 'kernthema'),
      await b.send('wordcloud.add', { text: '  samen ' }, 'kernthema'),
      await b.send('wordcloud.add', { text: 'Eigen   Kracht' }, 'kernthema'),
      await c.send('wordcloud.add', { text: 'SAMEN' }, 'kernthema'),
      await c.send('wordcloud.add', { text: 'Sukkels' }, 'kernthema'),
    ];
    expect(sent.map(result)).toEqual(Array(6).fill('accepted'));
    await scr.until((v) => cloudOf(v, 'kernthema').words.length === 6, 5000, 'six words on the screen');
    expect(cloudOf(scr, 'kernthema').words.every((w) => w.author === undefined)).toBe(true);
    expect(cloudOf(scr, 'kernthema').words.filter((w) => w.key === 'samen')).toHaveLength(3);
    // Phones hold only their own words.
    expect(cloudOf(b, 'kernthema').words.map((w) => w.text)).toEqual(['samen', 'Eigen Kracht']);

    expect(result(await c.send('wordcloud.add', { text: 'sAmEn' }, 'kernthema'))).toBe('invalid'); // the same word twice
    expect(result(await c.send('wordcloud.add', { text: 'rust' }, 'kernthema'))).toBe('accepted');
    expect(result(await c.send('wordcloud.add', { text: 'tijd' }, 'kernthema'))).toBe('limit-reached');
    expect(result(await a.send('wordcloud.add', { text: 'x'.repeat(31) }, 'kernthema'))).toBe('too-large');
    expect(result(await a.send('wordcloud.add', { text: 'x'.repeat(101) }, 'kernthema'))).toBe('too-large');
    expect(result(await a.send('wordcloud.add', { text: 'x', extra: 1 }, 'kernthema'))).toBe('invalid');
    expect(result(await a.send('wordcloud.hide', { key: 'samen', hidden: true }, 'kernthema'))).toBe('forbidden');
    expect(result(await a.send('wordcloud.remove', { wordId: cloudOf(b, 'kernthema').words[0]!.id }, 'kernthema'))).toBe('not-found');
  });

  it('lets the facilitator hide a word: it leaves the screen, and its author sees it hidden', async () => {
    const c = phones[2]!;
    expect(result(await fac.send('wordcloud.hide', { key: 'sukkels', hidden: true }, 'kernthema'))).toBe('accepted');
    await scr.until((v) => cloudOf(v, 'kernthema').words.length === 6, 5000, 'word gone from the screen');
    // The screen is told which words to drop, never which word it was.
    expect(JSON.stringify(scr.events.find((e) => e.type === 'wordcloud.word-hidden')!.payload)).not.toMatch(/sukkels/i);
    await c.until((v) => cloudOf(v, 'kernthema').words.some((w) => w.text === 'Sukkels' && w.hidden), 5000, 'author sees it hidden');
    // The author takes a word back; the place it frees can be used again.
    const own = cloudOf(c, 'kernthema').words.find((w) => w.text === 'SAMEN')!;
    expect(result(await c.send('wordcloud.remove', { wordId: own.id }, 'kernthema'))).toBe('accepted');
    await scr.until((v) => cloudOf(v, 'kernthema').words.length === 5, 5000, 'removed from the screen');
    expect(result(await c.send('wordcloud.add', { text: 'verbinding' }, 'kernthema'))).toBe('accepted');
    await scr.until((v) => cloudOf(v, 'kernthema').words.some((w) => w.text === 'verbinding'), 5000, 'new word');
  });

  it('keeps the choices of a poll from the screen until revealed, then follows votes live', async () => {
    await goto('eerste-stap');
    const [a, b, c] = phones as [(typeof phones)[0], (typeof phones)[0], (typeof phones)[0]];
    expect(result(await a.send('poll.vote', { choices: ['respijt'] }, 'eerste-stap'))).toBe('accepted');
    expect(result(await b.send('poll.vote', { choices: ['jong'] }, 'eerste-stap'))).toBe('accepted');
    expect(result(await b.send('poll.vote', { choices: ['werk'] }, 'eerste-stap'))).toBe('accepted');
    await scr.until((v) => pollOf(v, 'eerste-stap').voters === 2, 5000, 'two voters on the screen');
    expect(pollOf(scr, 'eerste-stap').counts).toBeNull();
    expect(JSON.stringify(scr.events.filter((e) => e.stepId === 'eerste-stap'))).not.toMatch(/respijt|jong|werk/);
    expect(pollOf(b, 'eerste-stap').votes.map((v) => v.choices)).toEqual([['werk']]);
    expect(pollOf(c, 'eerste-stap').votes).toEqual([]);
    expect(pollOf(fac, 'eerste-stap').counts).toEqual({ respijt: 1, werk: 1, jong: 0 });

    expect(result(await fac.send('step.reveal', { revealed: true }, 'eerste-stap'))).toBe('accepted');
    await scr.until((v) => pollOf(v, 'eerste-stap').counts !== null, 5000, 'revealed counts');
    expect(pollOf(scr, 'eerste-stap').counts).toEqual({ respijt: 1, werk: 1, jong: 0 });
    expect(pollOf(a, 'eerste-stap').counts).toBeNull();
    expect(result(await c.send('poll.vote', { choices: ['werk'] }, 'eerste-stap'))).toBe('accepted');
    expect(result(await a.send('poll.vote', { choices: ['werk'] }, 'eerste-stap'))).toBe('accepted');
    await scr.until((v) => pollOf(v, 'eerste-stap').counts!.werk === 3, 5000, 'the chart follows live');
    expect(pollOf(scr, 'eerste-stap')).toMatchObject({ voters: 3, counts: { respijt: 0, werk: 3, jong: 0 }, votes: [] });
  });

  it('refuses what a poll cannot take, and every vote once it is closed', async () => {
    const a = phones[0]!;
    expect(result(await a.send('poll.vote', { choices: ['respijt', 'werk'] }, 'eerste-stap'))).toBe('invalid');
    expect(result(await a.send('poll.vote', { choices: ['koffie'] }, 'eerste-stap'))).toBe('not-found');
    expect(result(await a.send('poll.vote', { value: 3 }, 'eerste-stap'))).toBe('invalid');
    expect(result(await a.send('poll.vote', { choices: 'respijt' }, 'eerste-stap'))).toBe('invalid');
    expect(result(await a.send('poll.close', { closed: true }, 'eerste-stap'))).toBe('forbidden');
    expect(result(await a.send('poll.vote', { choices: ['werk'] }, 'stelling'))).toBe('step-not-active');

    expect(result(await fac.send('poll.close', { closed: true }, 'eerste-stap'))).toBe('accepted');
    await Promise.all([scr, ...phones].map((v) => v.until((x) => pollOf(x, 'eerste-stap').closed, 5000, 'closed everywhere')));
    expect(result(await a.send('poll.vote', { choices: ['jong'] }, 'eerste-stap'))).toBe('closed');
    expect(pollOf(fac, 'eerste-stap').counts).toEqual({ respijt: 0, werk: 3, jong: 0 });
  });

  it('takes several choices up to the maximum, and a point on a scale', async () => {
    await goto('werkt');
    const [a, b, c] = phones as [(typeof phones)[0], (typeof phones)[0], (typeof phones)[0]];
    expect(result(await a.send('poll.vote', { choices: ['cafe', 'loket', 'buurt'] }, 'werkt'))).toBe('limit-reached');
    expect(result(await a.send('poll.vote', { choices: ['buurt', 'cafe'] }, 'werkt'))).toBe('accepted');
    expect(result(await b.send('poll.vote', { choices: ['cafe'] }, 'werkt'))).toBe('accepted');
    await fac.until((v) => pollOf(v, 'werkt').voters === 2, 5000, 'two voters');
    expect(pollOf(fac, 'werkt').counts).toEqual({ cafe: 2, loket: 0, buurt: 1 });

    await goto('stelling');
    for (const [phone, value] of [[a, 4], [b, 5], [c, 2], [c, 4]] as const) expect(result(await phone.send('poll.vote', { value }, 'stelling'))).toBe('accepted');
    expect(result(await a.send('poll.vote', { value: 6 }, 'stelling'))).toBe('invalid');
    expect(result(await a.send('poll.vote', { value: 2.5 }, 'stelling'))).toBe('invalid');
    await fac.until((v) => pollOf(v, 'stelling').counts!['4'] === 2, 5000, 'scale votes');
    expect(pollOf(fac, 'stelling').counts).toEqual({ 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 });
  });

  it('keeps a word cloud that is not live off the screen until revealed, but counts it', async () => {
    await goto('gevoel');
    expect(result(await phones[0]!.send('wordcloud.add', { text: 'Moe maar blij' }, 'gevoel'))).toBe('accepted');
    expect(result(await phones[1]!.send('wordcloud.add', { text: 'moe  maar blij' }, 'gevoel'))).toBe('accepted');
    expect(result(await phones[1]!.send('wordcloud.add', { text: 'Energiek' }, 'gevoel'))).toBe('limit-reached');
    await scr.until((v) => cloudOf(v, 'gevoel').count === 2, 5000, 'counted on the screen');
    expect(cloudOf(scr, 'gevoel').words).toEqual([]);
    expect(JSON.stringify(scr.events.filter((e) => e.stepId === 'gevoel'))).not.toMatch(/blij/i);
    expect(result(await fac.send('step.reveal', { revealed: true }, 'gevoel'))).toBe('accepted');
    await scr.until((v) => cloudOf(v, 'gevoel').words.length === 2, 5000, 'revealed words');
    const fresh = await screen(oogst.url, s);
    await scr.until((v) => v.state!.seq === fac.state!.seq, 5000, 'screen caught up');
    expect(scr.state).toEqual(fresh.state);
    fresh.close();
  });

  it('harvests counts per option, the mean of the scale and the words with their counts, hidden words left out', async () => {
    const md = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
    const json = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.json`, undefined, s.arena.key);
    expect([md.status, json.status]).toEqual([200, 200]);
    const output = (id: string) => json.body.steps.find((st: { id: string }) => st.id === id).output;

    expect(output('eerste-stap')).toMatchObject({ voters: 3, results: [{ id: 'respijt', count: 0 }, { id: 'werk', count: 3 }, { id: 'jong', count: 0 }] });
    expect(md.body).toContain('| Mantelzorg en werk | 3 | 100% |');
    expect(output('werkt').results.map((r: { count: number }) => r.count)).toEqual([2, 0, 1]);
    expect(output('stelling')).toMatchObject({ voters: 3, mean: 4.33 });
    expect(md.body).toContain('| 5 (helemaal eens) | 1 | 33% |');
    expect(md.body).toContain('**Gemiddelde:** 4,3');

    // Most common first, then alphabetically; each shown in its most common spelling (the first typed on a tie).
    expect(output('kernthema').words).toEqual([
      { text: 'eigen kracht', count: 2, spellings: ['eigen kracht', 'Eigen Kracht'] },
      { text: 'Samen', count: 2, spellings: ['Samen', 'samen'] },
      { text: 'rust', count: 1 },
      { text: 'verbinding', count: 1 },
    ]);
    expect(md.body).toContain('| eigen kracht | 2 |\n| Samen | 2 |\n| rust | 1 |\n| verbinding | 1 |');
    expect(md.body).not.toMatch(/sukkels/i);
    expect(output('gevoel').words).toEqual([{ text: 'Moe maar blij', count: 2, spellings: ['Moe maar blij', 'moe maar blij'] }]);
    for (const p of phones) {
      expect(md.body + JSON.stringify(json.body)).not.toContain(p.identity.participantId);
      expect(md.body).not.toContain(p.identity.pseudonym);
    }
  });
});
