/**
 * A small win's trajectory: candidate or achieved, the werkboekje's answers, the
 * betekenisvolle stap, the plek der moeite and coupled wins per update; the history
 * across sessions dated by each session's one date; registrations of version 1 lifted;
 * the arena context taken again when a session opens.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/protocol.js';
import { applyEvent, CORE_EVENTS } from '../../core/session.js';
import type { SessionState } from '../../core/state.js';
import { blocksMarkdown } from '../../server/harvest/render-markdown.js';
import { opensCarryingStep } from '../../server/sessions/arena-context.js';
import { eventVersions } from '../../server/store/event-versions.js';
import { validator } from '../../server/validation.js';
import { models } from '../registry.js';
import { arenaOf, asAlice, asFacilitator, fields, sessionState, step } from '../../test/helpers/smallwin-session.js';
import { arenaWins, smallwinContext } from './arena.js';
import { smallwinArena } from './arena-part.js';
import { smallwin } from './index.js';
import { isCandidate, SMALLWIN_EVENTS, type SmallwinContext, type SmallwinData } from './model.js';

const decide = (type: string, payload: Record<string, unknown>, context: SmallwinContext = { wins: [] }, actor: Actor = asAlice) => {
  const spec = smallwin.commands[type]!;
  expect(validator(spec.payload).Check(payload), JSON.stringify(payload)).toBe(true);
  const state = { arenaContext: { smallwin: context } } as unknown as SessionState;
  return spec.decide({ state, step, data: { wins: [], updates: [] } as SmallwinData, revealed: false, actor, id: 'c1', present: [] }, payload);
};

const DAY = 86_400_000;
const s1 = sessionState('s1', 10 * DAY, [
  [SMALLWIN_EVENTS.registered, fields('Koffie-uur', { candidate: false, phase: 'actiefase' }), asAlice, 'w1'],
  [SMALLWIN_EVENTS.registered, fields('Buurtkamer'), asAlice, 'w2'],
]);

describe('a candidate and an achieved small win', () => {
  it('registers a win to celebrate without a phase, and a candidate in the oplaadfase with its plek der moeite', () => {
    const achieved = decide('smallwin.register', { title: 'Koffie-uur' });
    expect(achieved).toMatchObject({ ok: true, payload: { title: 'Koffie-uur', candidate: false } });
    expect(achieved.ok && 'phase' in (achieved.payload as object)).toBe(false);
    expect(decide('smallwin.register', { title: 'Respijt', candidate: true, chafes: ' Het mag niet van de regels ' })).toMatchObject({
      ok: true,
      payload: { candidate: true, phase: 'oplaadfase', chafes: 'Het mag niet van de regels' },
    });
    // A phase past the oplaadfase is no candidate, whatever was ticked.
    expect(decide('smallwin.register', { title: 'X', candidate: true, phase: 'actiefase' })).toMatchObject({ ok: true, payload: { candidate: false, phase: 'actiefase' } });
  });

  it('lifts a registration of version 1: the default oplaadfase without a concrete result is a candidate, with one an achieved win', () => {
    const v1 = { title: 'A', result: '', visibleFor: '', characteristics: {}, mechanisms: [], paths: [], phase: 'oplaadfase', answers: {} };
    const lift = (payload: object) => eventVersions.upcast(SMALLWIN_EVENTS.registered, 1, payload) as Record<string, unknown>;
    expect(lift(v1)).toEqual({ ...v1, candidate: true });
    const { phase: _p, ...withoutPhase } = v1;
    expect(lift({ ...v1, characteristics: { concreet: '' } })).toEqual({ ...withoutPhase, characteristics: { concreet: '' }, candidate: false });
    expect(lift({ ...v1, phase: 'actiefase' })).toEqual({ ...v1, phase: 'actiefase', candidate: false });
    const hidden = eventVersions.upcast(SMALLWIN_EVENTS.hidden, 1, { winId: 'w', hidden: false, win: { id: 'w', at: 1, seq: 2, ...v1 } });
    expect(hidden).toMatchObject({ win: { candidate: true, phase: 'oplaadfase' } });
    for (const payload of [lift(v1), lift({ ...v1, characteristics: { concreet: '' } })])
      expect(validator(smallwin.events[SMALLWIN_EVENTS.registered]!).Check(payload)).toBe(true);
    expect(isCandidate({ phase: 'oplaadfase' })).toBe(true);
    expect(isCandidate({ candidate: true, phase: 'definitiefase' })).toBe(false);
  });
});

describe('progress on an earlier win', () => {
  const context = smallwinContext(arenaOf([s1]));

  it("keeps the werkboekje's answers in its order, the betekenisvolle stap, the plek der moeite and the wins it couples to", () => {
    const decision = decide('smallwin.progress', {
      sessionId: 's1',
      winId: 'w2',
      answers: { 'r-nodig': ' Geld ', signaal: 'Wachtlijst', momentum: '  ' },
      meaningfulStep: 'Wij deden het zo, nu zo',
      links: [
        { sessionId: 's1', winId: 'w1' },
        { sessionId: 's1', winId: 'w1' },
      ],
    }, context);
    expect(decision).toEqual({
      ok: true,
      type: SMALLWIN_EVENTS.progressed,
      payload: { sessionId: 's1', winId: 'w2', answers: { signaal: 'Wachtlijst', 'r-nodig': 'Geld' }, meaningfulStep: 'Wij deden het zo, nu zo', links: [{ sessionId: 's1', winId: 'w1' }] },
    });
    expect(Object.keys((decision as { payload: { answers: object } }).payload.answers)).toEqual(['signaal', 'r-nodig']);
  });

  it('refuses an unknown question, a win coupled to itself or to no win, and progress with nothing in it', () => {
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'w2', answers: { onbekend: 'x' } }, context)).toMatchObject({ ok: false, error: 'not-found' });
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'w2', links: [{ sessionId: 's1', winId: 'w2' }] }, context)).toMatchObject({ ok: false, error: 'invalid' });
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'w2', links: [{ sessionId: 's9', winId: 'w1' }] }, context)).toMatchObject({ ok: false, error: 'not-found' });
    expect(decide('smallwin.progress', { sessionId: 's1', winId: 'w2', note: '  ', answers: { signaal: ' ' } }, context)).toMatchObject({ ok: false, error: 'invalid' });
  });
});

describe('a trajectory across three sessions', () => {
  // Session 3 was made before session 2 but met after it: the planned dates decide.
  const s3 = sessionState('s3', 11 * DAY, [
    [SMALLWIN_EVENTS.progressed, { sessionId: 's1', winId: 'w2', phase: 'definitiefase', meaningfulStep: 'Samen koken, elke week', links: [{ sessionId: 's1', winId: 'w1' }] }, asFacilitator, 'u3'],
  ]);
  const s2 = sessionState('s2', 12 * DAY, [
    [SMALLWIN_EVENTS.progressed, { sessionId: 's1', winId: 'w2', note: 'De inbrenger sprak haar team', answers: { signaal: 'Eenzaamheid' } }, asAlice, 'u2'],
  ]);
  const planned = { s1: 20 * DAY, s2: 30 * DAY, s3: 40 * DAY };
  const arena = arenaOf([s3, s2, s1], planned);

  it('orders the history by the day each session met, dated by that day, and keeps the latest phase and step', () => {
    const buurtkamer = arenaWins(arena).find((w) => w.win.id === 'w2')!;
    expect(buurtkamer.history.map((h) => [h.id, h.session.id, h.session.date])).toEqual([
      ['u2', 's2', 30 * DAY],
      ['u3', 's3', 40 * DAY],
    ]);
    expect(buurtkamer).toMatchObject({ candidate: false, phase: 'definitiefase', meaningfulStep: 'Samen koken, elke week', links: [{ sessionId: 's1', winId: 'w1' }] });
    expect(buurtkamer.session.date).toBe(20 * DAY);
    const carried = smallwinContext(arena).wins.find((w) => w.id === 'w2')!;
    expect(carried.history.map((h) => h.session.date)).toEqual([30 * DAY, 40 * DAY]);
    expect(carried).toMatchObject({ candidate: false, phase: 'definitiefase', links: [{ sessionId: 's1', winId: 'w1' }] });
  });

  it('puts the logbook’s progress among the sessions’ by its day, the latest phase winning, and writes it as Logboek', () => {
    const progress = (id: string, date: number, fields: Record<string, string>, text = 'Uit het logboek') => ({ id, kind: 'smallwin', sessionId: 's1', itemId: 'w2', fields, text, date, at: date });
    const logbook = [progress('l1', 35 * DAY, {}, 'Ook op donderdag open'), progress('l2', 45 * DAY, { phase: 'actiefase', chafes: 'Wie sluit af?' })];
    const buurtkamer = arenaWins({ ...arena, logbook }).find((w) => w.win.id === 'w2')!;
    expect(buurtkamer.history.map((h) => [h.id, h.source ?? h.session.id, h.note ?? h.chafes])).toEqual([
      ['u2', 's2', 'De inbrenger sprak haar team'],
      ['l1', 'logboek', 'Ook op donderdag open'],
      ['u3', 's3', undefined],
      ['l2', 'logboek', 'Wie sluit af?'],
    ]);
    expect(buurtkamer).toMatchObject({ phase: 'actiefase', chafes: 'Wie sluit af?' });
    expect(blocksMarkdown(smallwinArena.harvest!({ ...arena, logbook })!.blocks)).toMatch(/Logboek[\s\S]*Ook op donderdag open/);
    expect(smallwinArena.logbook!.fields({ phase: 'klaar' })).toBeUndefined();
    expect(smallwinArena.logbook!.fields({ note: ' Gebeld ', phase: 'actiefase' })).toEqual({ note: 'Gebeld', phase: 'actiefase' });
  });

  it('writes the trajectories in order in the arena harvest', () => {
    const section = smallwinArena.harvest!(arena)!;
    const markdown = blocksMarkdown(section.blocks);
    expect(markdown).toContain('| Behaald · Definitiefase |');
    const at = (text: string) => markdown.indexOf(text);
    expect(at('Traject: Buurtkamer')).toBeGreaterThan(0);
    expect(at('De inbrenger sprak haar team')).toBeGreaterThan(at('Traject: Buurtkamer'));
    // The latest step stands above the list too; in the list it comes after session 2's note.
    expect(markdown.lastIndexOf('**Betekenisvolle stap:** Samen koken, elke week')).toBeGreaterThan(at('De inbrenger sprak haar team'));
    expect(markdown).toContain('**Wat is het signaal dat om actie vraagt?:** Eenzaamheid');
    expect(markdown).toContain('**Verbonden met:** Koffie-uur');
    expect(markdown).toMatch(/1\. \*\*31 januari 1970, Bijeenkomst s2\*\*/);
  });
});

describe('the arena context when a session opens', () => {
  const state = () => sessionState('s4', 50 * DAY, [], { wins: [] });

  it('is taken when the room reaches a small-wins step, once', () => {
    const s = state();
    expect(opensCarryingStep(s, { id: 'c', type: 'session.goto', payload: { stepId: step.id } }, { role: 'facilitator' })).toBe(true);
    expect(opensCarryingStep(s, { id: 'c', type: 'timer.start' }, { role: 'screen' })).toBe(false);
    const context = smallwinContext(arenaOf([s1]));
    applyEvent(s, { id: 'x', seq: s.seq + 1, type: CORE_EVENTS.context, actor: { role: 'system' }, payload: { arenaContext: { smallwin: context } }, at: 99 }, models);
    expect(s.contextAt).toBe(99);
    expect((s.arenaContext.smallwin as SmallwinContext).wins.map((w) => w.title)).toEqual(['Koffie-uur', 'Buurtkamer']);
    expect(opensCarryingStep(s, { id: 'c', type: 'session.goto', payload: { stepId: step.id } }, { role: 'facilitator' })).toBe(false);
  });
});
