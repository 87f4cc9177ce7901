/**
 * The small-wins kind: reducer, role projections, commands and their validation,
 * harvest, and what a new session carries from the arena's earlier ones. The delivery
 * property for random sessions is in test/simulation/smallwin-delivery.test.ts.
 */
import { withMarkdown } from '../../test/helpers/harvest.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Actor, SessionEvent, Viewer } from '../../core/protocol.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { arenaWins, CONTEXT_LIMITS, smallwinContext } from './arena.js';
import { LIMITS, smallwin } from './index.js';
import {
  smallwinModel as typedSmallwinModel,
  SMALLWIN_EVENTS,
  type SmallwinContext,
  type SmallwinData,
  type SmallwinStep,
} from './model.js';
import { loadScriptDir } from '../../server/scripts/load-scripts.js';
import { validator } from '../../server/validation.js';
import { arenaOf, asAlice, asBob, asFacilitator, fields, sessionState, step } from '../../test/helpers/smallwin-session.js';
import { erased } from '../../test/helpers/erased.js';

const smallwinModel = erased(typedSmallwinModel);

const ctx = { step, revealed: false };
const alice: Viewer = { role: 'participant', participantId: 'alice' };
const bob: Viewer = { role: 'participant', participantId: 'bob' };
const screen: Viewer = { role: 'screen' };

let seq = 1;
const ev = (type: string, payload: unknown, actor: Actor = asFacilitator, id = `e${seq + 1}`): SessionEvent => ({
  id,
  seq: ++seq,
  type,
  stepId: step.id,
  actor,
  payload,
  at: 1_700_000_000_000 + seq,
});

function withWins(): SmallwinData {
  const data = smallwinModel.init(step);
  smallwinModel.apply(data, ev(SMALLWIN_EVENTS.registered, fields('Koffie-uur'), asAlice, 'w1'), ctx);
  smallwinModel.apply(data, ev(SMALLWIN_EVENTS.registered, fields('Buurtkamer', { phase: 'actiefase' }), asBob, 'w2'), ctx);
  smallwinModel.apply(data, ev(SMALLWIN_EVENTS.registered, fields('Respijtbon'), asFacilitator, 'w3'), ctx);
  return data;
}

const decide = (type: string, payload: Record<string, unknown>, actor: Actor, data: SmallwinData, s: StepDef = step, state?: Partial<SessionState>) => {
  const spec = smallwin.commands[type]!;
  if (!validator(spec.payload).Check(payload)) return { ok: false as const, error: 'schema' };
  return spec.decide({ state: { arenaContext: {}, ...state } as SessionState, step: s, data, revealed: false, actor, id: 'cmd1', present: [] }, payload);
};

describe('small wins: reducer and projections', () => {
  it('keeps wins in order with their author for the facilitator; edits replace the fields', () => {
    const data = withWins();
    expect(data.wins.map((w) => [w.id, w.author, w.title])).toEqual([
      ['w1', 'alice', 'Koffie-uur'],
      ['w2', 'bob', 'Buurtkamer'],
      ['w3', undefined, 'Respijtbon'],
    ]);
    smallwinModel.apply(data, ev(SMALLWIN_EVENTS.edited, { winId: 'w1', ...fields('Koffie-uur om 10 uur', { phase: 'actiefase' }) }), ctx);
    expect(data.wins[0]).toMatchObject({ id: 'w1', author: 'alice', title: 'Koffie-uur om 10 uur', phase: 'actiefase', edited: true });
  });

  it('shows the screen every visible win without author, and a phone only its own (hidden ones flagged)', () => {
    const data = withWins();
    smallwinModel.apply(data, ev(SMALLWIN_EVENTS.hidden, { winId: 'w2', hidden: true }), ctx);
    const onScreen = smallwinModel.project(data, screen, ctx);
    expect(onScreen.wins.map((w) => w.id)).toEqual(['w1', 'w3']);
    expect(onScreen.wins.some((w) => 'author' in w)).toBe(false);
    expect(smallwinModel.project(data, alice, ctx).wins.map((w) => w.id)).toEqual(['w1']);
    expect(smallwinModel.project(data, bob, ctx).wins).toEqual([expect.objectContaining({ id: 'w2', hidden: true })]);
    // Projections are copies: changing one never touches the server's data.
    onScreen.wins[0]!.mechanisms.push('verbinden');
    expect(data.wins[0]!.mechanisms).toEqual(['energizing', 'olievlek']);
  });

  it('routes a win to the facilitator, the screen and its author only; hiding removes it from the screen', () => {
    const data = withWins();
    const posted = ev(SMALLWIN_EVENTS.registered, fields('Nieuw'), asAlice, 'w9');
    expect(smallwinModel.audience(posted, data, ctx)).toEqual({ screen: true, participants: ['alice'] });
    expect(smallwinModel.audience(ev(SMALLWIN_EVENTS.registered, fields('F'), asFacilitator), data, ctx)).toEqual({ screen: true, participants: 'none' });
    const hide = ev(SMALLWIN_EVENTS.hidden, { winId: 'w2', hidden: true });
    expect(smallwinModel.audience(hide, data, ctx)).toEqual({ screen: true, participants: ['bob'] });
    expect(smallwinModel.redact!(hide, screen, ctx).payload).toEqual({ winId: 'w2', hidden: true, remove: true });
    smallwinModel.apply(data, hide, ctx);
    // An edit of a hidden win does not reach the screen; showing it again brings the edited win.
    const edit = ev(SMALLWIN_EVENTS.edited, { winId: 'w2', ...fields('Buurtkamer (nieuw)') });
    expect(smallwinModel.audience(edit, data, ctx)).toEqual({ screen: false, participants: ['bob'] });
    smallwinModel.apply(data, edit, ctx);
    const screenData = smallwinModel.project(data, screen, ctx);
    const shown = smallwin.commands['smallwin.hide']!.decide({ state: {} as never, step, data, revealed: false, actor: asFacilitator, id: 'x', present: [] }, { winId: 'w2', hidden: false });
    expect(shown.ok).toBe(true);
    smallwinModel.apply(screenData, ev((shown as { type: string }).type, (shown as { payload: unknown }).payload), ctx);
    expect(screenData.wins.map((w) => [w.id, w.title])).toEqual([
      ['w1', 'Koffie-uur'],
      ['w2', 'Buurtkamer (nieuw)'],
      ['w3', 'Respijtbon'],
    ]);
    expect(screenData.wins.some((w) => 'author' in w)).toBe(false);
  });

  it('keeps progress on earlier wins like wins: public on the screen, own on a phone, hideable', () => {
    const data = withWins();
    smallwinModel.apply(data, ev(SMALLWIN_EVENTS.progressed, { sessionId: 's1', winId: 'old', phase: 'actiefase' }, asAlice, 'u1'), ctx);
    smallwinModel.apply(data, ev(SMALLWIN_EVENTS.progressed, { sessionId: 's1', winId: 'old', note: 'Nu ook in Oegstgeest' }, asBob, 'u2'), ctx);
    expect(smallwinModel.project(data, screen, ctx).updates.map((u) => [u.id, u.author])).toEqual([
      ['u1', undefined],
      ['u2', undefined],
    ]);
    expect(smallwinModel.project(data, alice, ctx).updates.map((u) => u.id)).toEqual(['u1']);
    smallwinModel.apply(data, ev(SMALLWIN_EVENTS.progressHidden, { updateId: 'u2', hidden: true }), ctx);
    expect(smallwinModel.project(data, screen, ctx).updates.map((u) => u.id)).toEqual(['u1']);
    expect(smallwinModel.project(data, bob, ctx).updates).toEqual([expect.objectContaining({ id: 'u2', hidden: true })]);
  });
});

describe('small wins: commands', () => {
  it('cleans a registration: title on one line, lists in canonical order, empty answers left out; without a phase, a win achieved', () => {
    const data = smallwinModel.init(step);
    const decision = decide(
      'smallwin.register',
      {
        title: '  Koffie-uur\r\n voor mantelzorgers ',
        result: ' Elke dinsdag \r\n koffie ',
        characteristics: { lokaal: ' buurt ', concreet: '' },
        mechanisms: ['olievlek', 'energizing'],
        paths: ['verdiepen', 'verspreiden'],
        answers: { nodig: '  ', resultaat: 'Iedereen ziet het' },
      },
      asAlice,
      data,
    );
    expect(decision).toEqual({
      ok: true,
      type: SMALLWIN_EVENTS.registered,
      payload: {
        title: 'Koffie-uur voor mantelzorgers',
        result: 'Elke dinsdag \n koffie',
        visibleFor: '',
        characteristics: { concreet: '', lokaal: 'buurt' },
        mechanisms: ['energizing', 'olievlek'],
        paths: ['verspreiden', 'verdiepen'],
        candidate: false,
        answers: { resultaat: 'Iedereen ziet het' },
      },
    });
  });

  it('refuses what a small win cannot be, with clear codes', () => {
    const data = withWins();
    expect(decide('smallwin.register', { title: ' \u202E ' }, asAlice, data)).toMatchObject({ ok: false, error: 'invalid' });
    expect(decide('smallwin.register', { title: 'X', answers: { onbekend: 'hoi' } }, asAlice, data)).toMatchObject({ ok: false, error: 'not-found' });
    // The schema: sizes, unknown words, duplicates and extra fields never reach decide.
    for (const bad of [
      { title: 'x'.repeat(LIMITS.title + 1) },
      { title: 'X', result: 'x'.repeat(LIMITS.text + 1) },
      { title: 'X', characteristics: { concreet: 'x'.repeat(LIMITS.explanation + 1) } },
      { title: 'X', characteristics: { spannend: '' } },
      { title: 'X', mechanisms: ['toverkracht'] },
      { title: 'X', mechanisms: ['olievlek', 'olievlek'] },
      { title: 'X', paths: ['verspreiden', 'verspreiden'] },
      { title: 'X', phase: 'klaar' },
      { title: 'X', answers: { 'Niet Goed': 'x' } },
      { title: 'X', extra: true },
      { title: 42 },
    ])
      expect(decide('smallwin.register', bad, asAlice, data), JSON.stringify(bad).slice(0, 80)).toEqual({ ok: false, error: 'schema' });
  });

  it('lets only the facilitator register when the step says so, and counts each participant’s wins', () => {
    const data = withWins();
    const facilitatorOnly: SmallwinStep = { ...step, whoRegisters: 'facilitator' };
    expect(decide('smallwin.register', { title: 'X' }, asAlice, data, facilitatorOnly)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(decide('smallwin.register', { title: 'X' }, asFacilitator, data, facilitatorOnly)).toMatchObject({ ok: true });
    const one: SmallwinStep = { ...step, maxWins: 1 };
    expect(decide('smallwin.register', { title: 'Tweede' }, asAlice, data, one)).toMatchObject({ ok: false, error: 'limit-reached' });
    expect(decide('smallwin.register', { title: 'Tweede' }, asFacilitator, data, one)).toMatchObject({ ok: true });
  });

  it('lets a participant edit only their own wins, and the facilitator any', () => {
    const data = withWins();
    expect(decide('smallwin.edit', { winId: 'w1', title: 'Beter' }, asAlice, data)).toMatchObject({ ok: true, payload: { winId: 'w1', title: 'Beter' } });
    expect(decide('smallwin.edit', { winId: 'w2', title: 'Van Bob' }, asAlice, data)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(decide('smallwin.edit', { winId: 'w2', title: 'Van Bob' }, asFacilitator, data)).toMatchObject({ ok: true });
    expect(decide('smallwin.edit', { winId: 'nope', title: 'X' }, asFacilitator, data)).toMatchObject({ ok: false, error: 'not-found' });
    expect(decide('smallwin.hide', { winId: 'nope', hidden: true }, asFacilitator, data)).toMatchObject({ ok: false, error: 'not-found' });
    expect(smallwin.commands['smallwin.hide']!.roles).toEqual(['facilitator']);
    expect(smallwin.commands['smallwin.hide-progress']!.roles).toEqual(['facilitator']);
  });

  it('records progress only on a win the session carried over, with a phase or a note', () => {
    const data = withWins();
    const context: SmallwinContext = {
      wins: [{ id: 'old', session: { id: 's1', title: 'Eerste', date: 0 }, title: 'Oud', result: '', characteristics: [], mechanisms: [], paths: [], phase: 'oplaadfase', history: [] }],
    };
    const state = { arenaContext: { smallwin: context } };
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'old', phase: 'actiefase' }, asAlice, data, step, state)).toEqual({
      ok: true,
      type: SMALLWIN_EVENTS.progressed,
      payload: { sessionId: 's1', winId: 'old', phase: 'actiefase' },
    });
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'old', note: ' Loopt \r\n' }, asAlice, data, step, state)).toMatchObject({ payload: { note: 'Loopt' } });
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'old', note: '   ' }, asAlice, data, step, state)).toMatchObject({ ok: false, error: 'invalid' });
    expect(decide('smallwin.progress', { sessionId: 's2', winId: 'old', phase: 'actiefase' }, asAlice, data, step, state)).toMatchObject({ ok: false, error: 'not-found' });
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'w1', phase: 'actiefase' }, asAlice, data, step, state)).toMatchObject({ ok: false, error: 'not-found' });
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'old', phase: 'actiefase' }, asAlice, data, { ...step, whoRegisters: 'facilitator' }, state)).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'old', note: 'x'.repeat(LIMITS.text + 1) }, asAlice, data, step, state)).toEqual({ ok: false, error: 'schema' });
  });

  it('checks a script’s step: question ids unique, settings bounded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oogst-sw-scripts-'));
    try {
      const script = (extra: string) =>
        `id: wins\ntitle: Wins\nsteps:\n  - id: wins\n    kind: smallwin\n    title: Small wins\n${extra}`;
      writeFileSync(join(dir, 'wins.yaml'), script('    questions:\n      - { id: a, text: Eén }\n      - { id: a, text: Twee }\n'));
      expect(loadScriptDir(dir).problems.map((p) => p.message).join('\n')).toContain('used twice');
      writeFileSync(join(dir, 'wins.yaml'), script('    whoRegisters: iedereen\n'));
      expect(loadScriptDir(dir).problems).not.toEqual([]);
      writeFileSync(join(dir, 'wins.yaml'), script('    whoRegisters: facilitator\n    maxWins: 3\n    questions:\n      - { id: a, text: Eén }\n'));
      expect(loadScriptDir(dir).problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('small wins: harvest', () => {
  it('celebrates the visible wins first, with characteristics, mechanisms, path, phase and answers, and names nobody', () => {
    const data = withWins();
    smallwinModel.apply(data, ev(SMALLWIN_EVENTS.registered, fields('*Gevaarlijk* [link](http://x) #kop'), asAlice, 'w4'), ctx);
    smallwinModel.apply(data, ev(SMALLWIN_EVENTS.hidden, { winId: 'w3', hidden: true }), ctx);
    smallwinModel.apply(data, ev(SMALLWIN_EVENTS.progressed, { sessionId: 's1', winId: 'old', phase: 'actiefase', note: 'Loopt' }, asBob, 'u1'), ctx);
    const context: SmallwinContext = {
      wins: [{ id: 'old', session: { id: 's1', title: 'Bijeenkomst 1', date: Date.UTC(2025, 2, 3) }, title: 'Oud', result: '', characteristics: [], mechanisms: [], paths: [], phase: 'oplaadfase', history: [] }],
    };
    const { data: out, markdown } = withMarkdown(smallwin.harvest(data, step, { arenaContext: { smallwin: context } } as unknown as SessionState));
    const harvested = out as { wins: { id: string; characteristics: { id: string; ticked: boolean; explanation?: string }[]; answers: unknown[] }[]; progress: unknown[] };
    expect(harvested.wins.map((w) => w.id)).toEqual(['w1', 'w2', 'w4']);
    expect(harvested.wins[0]!.characteristics).toEqual([
      { id: 'concreet', label: 'Concreet resultaat', ticked: true, explanation: 'Het is er al' },
      { id: 'diep', label: 'Diepe verandering', ticked: false },
      { id: 'lokaal', label: 'Lokaal of microniveau', ticked: true },
      { id: 'ambitie', label: 'Gedeelde ambitie', ticked: false },
    ]);
    expect(harvested.wins[0]!.answers).toEqual([{ questionId: 'nodig', question: 'Wat is daarvoor nodig?', answer: 'Een vaste plek' }]);
    expect(harvested.progress).toEqual([
      { id: 'u1', win: { id: 'old', sessionId: 's1', title: 'Oud', session: { title: 'Bijeenkomst 1', date: '2025-03-03T00:00:00.000Z' } }, phase: 'actiefase', note: 'Loopt', at: expect.any(String) },
    ]);
    expect(markdown.startsWith('**3 small wins om te vieren!**')).toBe(true);
    expect(markdown).toContain('### 1. Koffie-uur');
    expect(markdown).toContain('**Stand:** Behaald · Actiefase');
    expect(markdown).toContain('**Aanjaagmechanismen:** Energizing, Olievlek');
    expect(markdown).toContain('**Route:** Verspreiden');
    expect(markdown).toContain('- [x] Concreet resultaat: Het is er al');
    expect(markdown).toContain('- [ ] Diepe verandering');
    expect(markdown).toContain('**Wat is daarvoor nodig?**  \nEen vaste plek');
    expect(markdown).toContain('\\*Gevaarlijk\\* \\[link\\](http://x) \\#kop');
    expect(markdown.indexOf('Voortgang van eerdere small wins')).toBeGreaterThan(markdown.indexOf('### 3.'));
    expect(markdown).toContain('**Oud** (vastgelegd in Bijeenkomst 1, 3 maart 2025)\n\n1. **Deze bijeenkomst**  \n   **Nieuwe fase:** Actiefase  \n   **Wat er gebeurde:** Loopt');
    expect(markdown).not.toContain('Respijtbon');
    expect(markdown).not.toMatch(/alice|bob/);
  });

  it('says so when there is nothing yet', () => {
    expect(withMarkdown(smallwin.harvest(smallwinModel.init(step), step, {} as SessionState)).markdown).toContain('_Nog geen small wins vastgelegd._');
  });
});

describe('small wins across an arena', () => {
  const s1 = sessionState('s1', 1000, [
    [SMALLWIN_EVENTS.registered, fields('Koffie-uur'), asAlice, 'w1'],
    [SMALLWIN_EVENTS.registered, fields('Buurtkamer', { result: 'x'.repeat(900) }), asBob, 'w2'],
    [SMALLWIN_EVENTS.registered, fields('Ongepast'), asBob, 'w3'],
    [SMALLWIN_EVENTS.hidden, { winId: 'w3', hidden: true }],
  ]);

  it('carries the visible wins into a new session, shortened, with session and date', () => {
    const context = smallwinContext(arenaOf([s1]));
    expect(context.wins.map((w) => [w.id, w.session.id, w.session.title, w.session.date, w.phase])).toEqual([
      ['w1', 's1', 'Bijeenkomst s1', 1000, 'oplaadfase'],
      ['w2', 's1', 'Bijeenkomst s1', 1000, 'oplaadfase'],
    ]);
    expect(context.wins[0]).toMatchObject({ characteristics: ['concreet', 'lokaal'], mechanisms: ['energizing', 'olievlek'], paths: ['verspreiden'], history: [] });
    expect(context.wins[1]!.result.length).toBe(CONTEXT_LIMITS.text);
    expect(JSON.stringify(context)).not.toMatch(/alice|bob/);
  });

  it('merges later progress: the latest phase and a history of updates, in the order they happened', () => {
    const s2 = sessionState(
      's2',
      2000,
      [
        [SMALLWIN_EVENTS.progressed, { sessionId: 's1', winId: 'w1', phase: 'actiefase', note: 'Draait elke week' }, asAlice, 'u1'],
        [SMALLWIN_EVENTS.progressed, { sessionId: 's1', winId: 'w2', note: 'Ongepast' }, asBob, 'u2'],
        [SMALLWIN_EVENTS.progressHidden, { updateId: 'u2', hidden: true }],
        [SMALLWIN_EVENTS.registered, fields('Nieuwe win'), asBob, 'w1'],
      ],
      smallwinContext(arenaOf([s1])),
    );
    const s3 = sessionState('s3', 3000, [[SMALLWIN_EVENTS.progressed, { sessionId: 's1', winId: 'w1', phase: 'reflectie-en-borging' }, asFacilitator, 'u3']], smallwinContext(arenaOf([s1, s2])));
    // Given in any order, merged in the order the sessions were made.
    const merged = arenaWins(arenaOf([s3, s1, s2]));
    expect(merged.map((m) => [m.session.id, m.win.id, m.win.title, m.phase])).toEqual([
      ['s1', 'w1', 'Koffie-uur', 'reflectie-en-borging'],
      ['s1', 'w2', 'Buurtkamer', 'oplaadfase'],
      // The same id in another session is another win.
      ['s2', 'w1', 'Nieuwe win', 'oplaadfase'],
    ]);
    expect(merged[0]!.history).toEqual([
      { id: 'u1', session: { id: 's2', title: 'Bijeenkomst s2', date: 2000 }, phase: 'actiefase', note: 'Draait elke week', at: 2001 },
      { id: 'u3', session: { id: 's3', title: 'Bijeenkomst s3', date: 3000 }, phase: 'reflectie-en-borging', at: 3001 },
    ]);
    expect(merged[1]!.history).toEqual([]);
    // What a fourth session carries.
    const context = smallwinContext(arenaOf([s1, s2, s3]));
    expect(context.wins.map((w) => [w.session.id, w.id, w.phase, w.history.length])).toEqual([
      ['s1', 'w1', 'reflectie-en-borging', 2],
      ['s1', 'w2', 'oplaadfase', 0],
      ['s2', 'w1', 'oplaadfase', 0],
    ]);
    expect(context.wins[0]!.history[0]).toEqual({ session: { id: 's2', title: 'Bijeenkomst s2', date: 2000 }, phase: 'actiefase', note: 'Draait elke week', at: 2001 });
  });

  it('keeps what a session carries bounded however large the arena grows', () => {
    const many = Array.from({ length: 3 }, (_, n) =>
      sessionState(
        `m${n}`,
        10_000 + n,
        Array.from({ length: 30 }, (_, i): [string, unknown, Actor, string] => [SMALLWIN_EVENTS.registered, fields(`Win ${n}-${i}`, { result: 'r'.repeat(1000) }), asFacilitator, `w${i}`]),
      ),
    );
    const context = smallwinContext(arenaOf(many));
    expect(context.wins).toHaveLength(CONTEXT_LIMITS.wins);
    expect(context.wins.at(-1)!.title).toBe('Win 2-29');
    expect(context.wins.every((w) => w.result.length <= CONTEXT_LIMITS.text)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
