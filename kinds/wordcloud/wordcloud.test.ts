/** The word cloud kind: tidying and counting words, decide and the reducer as the server runs them, projections by role, and harvest. */
import { withMarkdown } from '../../test/helpers/harvest.js';
import { describe, expect, it } from 'vitest';
import type { Actor, SessionEvent, Viewer } from '../../core/protocol.js';
import { centreOut, cloudOf, tidyWord, wordKey } from './cloud.js';
import { wordcloud } from './index.js';
import { wordcloudModel as typedWordcloudModel, type WordcloudData, type WordcloudStep } from './model.js';
import { erased } from '../../test/helpers/erased.js';

const wordcloudModel = erased(typedWordcloudModel);

const live: WordcloudStep = { id: 'wolk', kind: 'wordcloud', title: 'Woordwolk', maxWords: 2 };
const later: WordcloudStep = { ...live, live: false };

const alice: Viewer = { role: 'participant', participantId: 'alice' };
const screen: Viewer = { role: 'screen' };
const as = (id: string): Actor => ({ role: 'participant', id });
const facilitator: Actor = { role: 'facilitator' };

/** A step's data and log, driven the way the server does: decide, then append and apply the event. */
function run(step: WordcloudStep, revealed = false) {
  const data: WordcloudData = wordcloudModel.init(step);
  const log: SessionEvent[] = [];
  let seq = 1;
  const send = (actor: Actor, type: string, payload: unknown) => {
    const id = `w${seq}`;
    const decision = wordcloud.commands[type]!.decide({ state: {} as never, step, data, revealed, actor, id, present: [] }, payload as never);
    if (!decision.ok) return decision;
    const event: SessionEvent = { id, seq: ++seq, type: decision.type, stepId: step.id, actor, payload: decision.payload, at: 1000 + seq };
    log.push(event);
    wordcloudModel.apply(data, event, { step, revealed });
    return decision;
  };
  return { data, log, send };
}

describe('word cloud', () => {
  it('counts a word whatever its case, spacing or accents, and shows its most common spelling', () => {
    expect(tidyWord('  Samen \n  sterk\t')).toBe('Samen sterk');
    expect(wordKey(tidyWord('SAMEN   STERK'))).toBe(wordKey(tidyWord('samen sterk')));
    expect(wordKey(tidyWord('Ide\u0301e'))).toBe(wordKey('idée'));
    const { data, send } = run({ ...live, maxWords: 3 });
    send(as('a'), 'wordcloud.add', { text: 'verbinding' });
    send(as('b'), 'wordcloud.add', { text: '  Verbinding ' });
    send(as('c'), 'wordcloud.add', { text: 'Verbinding' });
    send(as('c'), 'wordcloud.add', { text: 'rust' });
    send(as('d'), 'wordcloud.add', { text: 'Samen' });
    send(as('e'), 'wordcloud.add', { text: 'samen' });
    expect(cloudOf(data.words).map((w) => [w.text, w.count, w.spellings])).toEqual([
      ['Verbinding', 3, ['Verbinding', 'verbinding']],
      // a tie: the spelling typed first
      ['Samen', 2, ['Samen', 'samen']],
      ['rust', 1, ['rust']],
    ]);
    expect(centreOut(['a', 'b', 'c', 'd', 'e'])).toEqual(['e', 'c', 'a', 'b', 'd']);
  });

  it('refuses what a word cloud cannot take', () => {
    const { data, send } = run(live);
    const refusal = (actor: Actor, type: string, payload: unknown) => {
      const result = send(actor, type, payload);
      return result.ok ? 'accepted' : result.error;
    };
    expect(refusal(as('a'), 'wordcloud.add', { text: ' \u202E ' })).toBe('invalid');
    expect(refusal(as('a'), 'wordcloud.add', { text: 'x'.repeat(31) })).toBe('too-large');
    expect(refusal(as('a'), 'wordcloud.add', { text: `  ${'x'.repeat(30)}  ` })).toBe('accepted');
    expect(refusal(as('a'), 'wordcloud.add', { text: 'X'.repeat(30) })).toBe('invalid'); // the same word twice
    expect(refusal(as('a'), 'wordcloud.add', { text: 'rust' })).toBe('accepted');
    expect(refusal(as('a'), 'wordcloud.add', { text: 'tijd' })).toBe('limit-reached');
    expect(refusal(as('b'), 'wordcloud.remove', { wordId: data.words[0]!.id })).toBe('not-found');
    expect(refusal(as('a'), 'wordcloud.remove', { wordId: data.words[0]!.id })).toBe('accepted');
    expect(refusal(as('a'), 'wordcloud.add', { text: 'tijd' })).toBe('accepted');
    expect(refusal(facilitator, 'wordcloud.hide', { key: 'koffie', hidden: true })).toBe('not-found');
    expect(wordcloud.commands['wordcloud.hide']!.roles).toEqual(['facilitator']);
    expect(wordcloud.commands['wordcloud.add']!.roles).toEqual(['participant']);
  });

  it('shows a live cloud on the screen without authors, and a phone only its own words', () => {
    const { data, send } = run(live);
    send(as('alice'), 'wordcloud.add', { text: 'Rust' });
    send(as('bob'), 'wordcloud.add', { text: 'tijd' });
    const onScreen = wordcloudModel.project(data, screen, { step: live, revealed: false });
    expect(onScreen.words.map((w) => w.text)).toEqual(['Rust', 'tijd']);
    expect(onScreen.words.some((w) => 'author' in w)).toBe(false);
    expect(wordcloudModel.project(data, alice, { step: live, revealed: false })).toEqual({
      words: [expect.objectContaining({ text: 'Rust', author: 'alice' })],
      count: 1,
      hidden: [],
    });
  });

  it('keeps the words of a cloud that is not live from the screen until revealed, but counts them', () => {
    const { data, log, send } = run(later);
    send(as('alice'), 'wordcloud.add', { text: 'Rust' });
    expect(wordcloudModel.project(data, screen, { step: later, revealed: false })).toEqual({ words: [], count: 1, hidden: [] });
    expect(wordcloudModel.project(data, screen, { step: later, revealed: true }).words.map((w) => w.text)).toEqual(['Rust']);
    expect(JSON.stringify(wordcloudModel.redact!(log[0]!, screen, { step: later, revealed: false }))).not.toContain('Rust');
    expect(wordcloudModel.redact!(log[0]!, alice, { step: later, revealed: false })).toBe(log[0]);
  });

  it('hides a word in every spelling, also when typed again later, from the screen and the harvest', () => {
    const { data, log, send } = run(live);
    send(as('alice'), 'wordcloud.add', { text: 'Idioot' });
    send(as('bob'), 'wordcloud.add', { text: 'idioot ' });
    send(as('bob'), 'wordcloud.add', { text: 'rust' });
    expect(send(facilitator, 'wordcloud.hide', { key: ' IDIOOT', hidden: true })).toMatchObject({ ok: true, payload: { key: 'idioot', wordIds: ['w1', 'w2'] } });
    const hide = log.at(-1)!;
    expect(wordcloudModel.audience(hide, data, { step: live, revealed: false })).toEqual({ screen: true, participants: ['alice', 'bob'] });
    // The screen is told to drop the words, and never which word it was.
    expect(JSON.stringify(wordcloudModel.redact!(hide, screen, { step: live, revealed: false }))).not.toMatch(/idioot/i);
    expect(wordcloudModel.redact!(hide, alice, { step: live, revealed: false }).payload).toEqual({ hidden: true, wordIds: ['w1', 'w2'] });

    send(as('carol'), 'wordcloud.add', { text: 'IDIOOT' });
    const typedAgain = log.at(-1)!;
    expect(typedAgain.payload).toEqual({ text: 'IDIOOT', key: 'idioot', hidden: true });
    expect(wordcloudModel.audience(typedAgain, data, { step: live, revealed: false })).toEqual({ screen: false, participants: ['carol'] });

    expect(wordcloudModel.project(data, screen, { step: live, revealed: false })).toEqual({
      words: [expect.objectContaining({ text: 'rust' })],
      count: 1,
      hidden: [],
    });
    expect(wordcloudModel.project(data, { role: 'participant', participantId: 'carol' }, { step: live, revealed: false }).words).toEqual([
      expect.objectContaining({ text: 'IDIOOT', hidden: true }),
    ]);
    expect(withMarkdown(wordcloud.harvest(data, live, {} as never)).markdown).not.toMatch(/idioot/i);

    // Shown again: every spelling comes back, with the words for a screen that dropped them.
    expect(send(facilitator, 'wordcloud.hide', { key: 'idioot', hidden: false })).toMatchObject({ ok: true, payload: { wordIds: ['w1', 'w2', 'w5'] } });
    expect((wordcloudModel.redact!(log.at(-1)!, screen, { step: live, revealed: false }).payload as { words: unknown[] }).words).toHaveLength(3);
    expect(data.count).toBe(4);
    // Hiding what is already hidden changes nothing (a double click).
    send(facilitator, 'wordcloud.hide', { key: 'rust', hidden: true });
    expect(send(facilitator, 'wordcloud.hide', { key: 'rust', hidden: true })).toMatchObject({ ok: true, payload: { wordIds: [] } });
    expect(data.count).toBe(3);
  });

  it('keeps a screen that applies what it is sent equal to a fresh projection', () => {
    for (const step of [live, later]) {
      const { data, log, send } = run(step);
      const held = wordcloudModel.project(data, screen, { step, revealed: false });
      send(as('alice'), 'wordcloud.add', { text: 'Rust' });
      send(as('bob'), 'wordcloud.add', { text: 'rust' });
      send(as('bob'), 'wordcloud.add', { text: 'tijd' });
      send(facilitator, 'wordcloud.hide', { key: 'rust', hidden: true });
      send(as('carol'), 'wordcloud.add', { text: 'RUST' });
      send(as('bob'), 'wordcloud.remove', { wordId: 'w3' });
      send(facilitator, 'wordcloud.hide', { key: 'rust', hidden: false });
      // Events are routed with the audience as it was before each one; replay the log to get it.
      const replay = wordcloudModel.init(step);
      for (const event of log) {
        if (wordcloudModel.audience(event, replay, { step, revealed: false }).screen)
          wordcloudModel.apply(held, wordcloudModel.redact!(event, screen, { step, revealed: false }), { step, revealed: false });
        wordcloudModel.apply(replay, event, { step, revealed: false });
      }
      expect(held).toEqual(wordcloudModel.project(data, screen, { step, revealed: false }));
      expect(held.count).toBe(3);
    }
  });

  it('harvests the words with their counts, most common first, and nobody named', () => {
    const { data, send } = run({ ...live, maxWords: 3 });
    send(as('alice'), 'wordcloud.add', { text: 'Rust' });
    send(as('alice'), 'wordcloud.add', { text: 'aandacht' });
    send(as('bob'), 'wordcloud.add', { text: 'rust' });
    send(as('bob'), 'wordcloud.add', { text: 'Zorg | welzijn' });
    const { data: output, markdown } = withMarkdown(wordcloud.harvest(data, live, {} as never));
    expect(output).toEqual({
      words: [
        { text: 'Rust', count: 2, spellings: ['Rust', 'rust'] },
        { text: 'aandacht', count: 1 },
        { text: 'Zorg | welzijn', count: 1 },
      ],
    });
    expect(markdown).toContain('| Woord | Aantal |\n| --- | ---: |\n| Rust | 2 |\n| aandacht | 1 |\n| Zorg \\| welzijn | 1 |');
    expect(markdown).toContain('4 woorden van 2 deelnemers, 3 verschillende');
    expect(markdown + JSON.stringify(output)).not.toMatch(/alice|bob/);
  });
});
