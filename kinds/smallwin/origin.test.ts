/**
 * A small win from an action: registered from an offer the arena context carries
 * (`KindArena.offers`), a candidate by default with the action's what as its title, the
 * action's history kept in the win (`origin`), and shown before its own trajectory in the
 * arena harvest and in every format of a later meeting's harvest that lists it. An offer
 * the context does not carry is refused.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/protocol.js';
import type { SessionState } from '../../core/state.js';
import type { Offer } from '../arena-contract.js';
import { sessionDocument } from '../../server/harvest/document.js';
import { harvestJson } from '../../server/harvest/harvest.js';
import { renderCsv } from '../../server/harvest/render-csv.js';
import { renderDocx } from '../../server/harvest/render-docx.js';
import { renderHtml } from '../../server/harvest/render-html.js';
import { blocksMarkdown, renderMarkdown } from '../../server/harvest/render-markdown.js';
import { validator } from '../../server/validation.js';
import { arenaOf, asAlice, asFacilitator, sessionState } from '../../test/helpers/smallwin-session.js';
import { CONTEXT_LIMITS, smallwinContext } from './arena.js';
import { smallwinArena } from './arena-part.js';
import { smallwin } from './index.js';
import { isCandidate, SMALLWIN_EVENTS, type SmallwinContext, type SmallwinData, type WinFields } from './model.js';
import { step } from '../../test/helpers/smallwin-session.js';

const DAY = 86_400_000;
const offer: Offer = {
  kind: 'action',
  sessionId: 's1',
  id: 'a1',
  title: 'Buurtlunch  elke maand',
  history: [
    { date: 10 * DAY, text: 'Gekozen in Bijeenkomst 1' },
    { date: 20 * DAY, text: 'Bijeenkomst 2 — Loopt: Eerste lunch met 12 buren' },
  ],
};
const context: SmallwinContext = smallwinContext(arenaOf([]), [offer]);

const decide = (payload: Record<string, unknown>, actor: Actor = asAlice) => {
  const spec = smallwin.commands['smallwin.register']!;
  expect(validator(spec.payload).Check(payload), JSON.stringify(payload)).toBe(true);
  const state = { arenaContext: { smallwin: context } } as unknown as SessionState;
  return spec.decide({ state, step, data: { wins: [], updates: [] } as SmallwinData, revealed: false, actor, id: 'c1', present: [] }, payload);
};

describe('a small win from an action', () => {
  it('the context carries the offers, bounded, titles on one line', () => {
    expect(context.offers).toEqual([{ ...offer, title: 'Buurtlunch elke maand' }]);
    const many = Array.from({ length: 60 }, (_, i) => ({ ...offer, id: `a${i}`, history: Array.from({ length: 20 }, (_, j) => ({ date: j, text: 'x'.repeat(500) })) }));
    const bounded = smallwinContext(arenaOf([]), many).offers!;
    expect(bounded).toHaveLength(CONTEXT_LIMITS.offers);
    expect(bounded[0]!.id).toBe('a20');
    expect(bounded[0]!.history).toHaveLength(CONTEXT_LIMITS.offerHistory);
    // The first line (when it was chosen) stays, then the latest.
    expect(bounded[0]!.history.map((h) => h.date)).toEqual([0, 13, 14, 15, 16, 17, 18, 19]);
    expect(bounded[0]!.history[0]!.text.length).toBe(CONTEXT_LIMITS.text);
    expect(validator(smallwin.contextSchema!).Check({ wins: [], offers: bounded })).toBe(true);
    expect(smallwinContext(arenaOf([]))).toEqual({ wins: [] });
  });

  it('registers a candidate from an offer, the title defaulting to the action, its history kept', () => {
    const decision = decide({ title: '', from: { kind: 'action', sessionId: 's1', id: 'a1' } }, asFacilitator);
    expect(decision).toMatchObject({ ok: true, type: SMALLWIN_EVENTS.registered });
    const payload = (decision as { payload: WinFields }).payload;
    expect(payload).toMatchObject({ title: 'Buurtlunch elke maand', candidate: true, phase: 'oplaadfase', origin: context.offers![0] });
    expect(isCandidate(payload)).toBe(true);
    expect(validator(smallwin.events[SMALLWIN_EVENTS.registered]!).Check(payload)).toBe(true);
    // Given as achieved, it is achieved; its own title stays.
    expect(decide({ title: 'Lunch', candidate: false, from: { kind: 'action', sessionId: 's1', id: 'a1' } })).toMatchObject({
      ok: true,
      payload: { title: 'Lunch', candidate: false, origin: { title: 'Buurtlunch elke maand' } },
    });
  });

  it('refuses an offer the session does not carry', () => {
    expect(decide({ title: 'X', from: { kind: 'action', sessionId: 's1', id: 'nope' } })).toMatchObject({ ok: false, error: 'not-found' });
    expect(decide({ title: 'X', from: { kind: 'vote', sessionId: 's1', id: 'a1' } })).toMatchObject({ ok: false, error: 'not-found' });
    expect(validator(smallwin.commands['smallwin.edit']!.payload).Check({ winId: 'w1', title: 'X', from: { kind: 'action', sessionId: 's1', id: 'a1' } })).toBe(false);
  });

  it('keeps the origin through an edit, and the arena harvest shows it before the trajectory', () => {
    const registered = (decide({ title: '', from: { kind: 'action', sessionId: 's1', id: 'a1' } }) as { payload: WinFields }).payload;
    const edited = (smallwin.commands['smallwin.edit']!.decide(
      { state: { arenaContext: {} } as unknown as SessionState, step, data: { wins: [{ ...registered, id: 'w1', author: 'alice', at: 1, seq: 2, hidden: false }], updates: [] }, revealed: false, actor: asAlice, id: 'c2', present: [] },
      { winId: 'w1', title: 'Buurtlunch', result: 'Twaalf buren', candidate: true },
    ) as { payload: unknown }).payload;
    const s3 = sessionState('s3', 30 * DAY, [
      [SMALLWIN_EVENTS.registered, registered, asAlice, 'w1'],
      [SMALLWIN_EVENTS.edited, edited, asAlice],
    ]);
    const arena = arenaOf([s3]);
    const win = smallwinArena.routes![0]!.answer(arena) as { wins: { title: string; origin?: { title: string; history: { date: string; text: string }[] } }[] };
    expect(win.wins[0]).toMatchObject({ title: 'Buurtlunch', origin: { title: 'Buurtlunch elke maand', history: [{ date: new Date(10 * DAY).toISOString() }, { date: new Date(20 * DAY).toISOString() }] } });
    const markdown = blocksMarkdown(smallwinArena.harvest!(arena)!.blocks);
    const at = (text: string) => markdown.indexOf(text);
    expect(at('Voortgekomen uit de actie Buurtlunch elke maand')).toBeGreaterThan(at('Traject: Buurtlunch'));
    expect(at('Gekozen in Bijeenkomst 1')).toBeGreaterThan(at('Voortgekomen uit de actie'));
    expect(at('Eerste lunch met 12 buren')).toBeGreaterThan(at('Gekozen in Bijeenkomst 1'));
    expect(at('Vastgelegd:')).toBeGreaterThan(at('Eerste lunch met 12 buren'));
    // The meeting's own harvest shows it under the win too.
    const own = blocksMarkdown(smallwin.harvest!(s3.stepStates[step.id]!.data as SmallwinData, step, s3).blocks);
    expect(own).toMatch(/1\. Buurtlunch[\s\S]*Voortgekomen uit de actie Buurtlunch elke maand[\s\S]*Gekozen in Bijeenkomst 1[\s\S]*Resultaat:\*\* Twaalf buren[\s\S]*Kandidaat/);
  });

  it('carries the origin with an earlier win into a later meeting: the first line of its history and the latest', () => {
    const long: Offer = { ...offer, history: [...offer.history, { date: 25 * DAY, text: 'Logboek — Loopt: Tweede lunch' }, { date: 28 * DAY, text: 'Bijeenkomst 3 — Gelukt' }] };
    const from = smallwinContext(arenaOf([]), [long]);
    const spec = smallwin.commands['smallwin.register']!;
    const state = { arenaContext: { smallwin: from } } as unknown as SessionState;
    const registered = (spec.decide({ state, step, data: { wins: [], updates: [] }, revealed: false, actor: asAlice, id: 'c1', present: [] }, { title: '', from: { kind: 'action', sessionId: 's1', id: 'a1' } }) as { payload: WinFields }).payload;
    const s3 = sessionState('s3', 30 * DAY, [[SMALLWIN_EVENTS.registered, registered, asAlice, 'w1']]);
    const later = smallwinContext(arenaOf([s3]));
    expect(later.wins[0]).toMatchObject({ id: 'w1', origin: { kind: 'action', sessionId: 's1', id: 'a1', title: 'Buurtlunch elke maand' } });
    expect(later.wins[0]!.origin!.history.map((h) => h.text)).toEqual(['Gekozen in Bijeenkomst 1', 'Bijeenkomst 3 — Gelukt']);
    expect(validator(smallwin.contextSchema!).Check(later)).toBe(true);
    // A win not from an action carries none.
    const plain = sessionState('s4', 40 * DAY, [[SMALLWIN_EVENTS.registered, { ...registered, origin: undefined, title: 'Koffie-uur' }, asAlice, 'w2']]);
    expect(smallwinContext(arenaOf([plain])).wins[0]).not.toHaveProperty('origin');
  });

  it('a later meeting’s harvest names the action of a win it moved on, and of a new one, in every format', async () => {
    const registered = (decide({ title: 'Buurtlunch', from: { kind: 'action', sessionId: 's1', id: 'a1' } }) as { payload: WinFields }).payload;
    const s3 = sessionState('s3', 30 * DAY, [[SMALLWIN_EVENTS.registered, registered, asAlice, 'w1']]);
    const s4 = sessionState(
      's4',
      40 * DAY,
      [
        [SMALLWIN_EVENTS.progressed, { sessionId: 's3', winId: 'w1', phase: 'actiefase', note: 'Nu elke maand' }, asAlice, 'u1'],
        [SMALLWIN_EVENTS.registered, { ...registered, title: 'Soepdag', origin: { ...offer, id: 'a2', title: 'Soep op vrijdag' } }, asAlice, 'w2'],
      ],
      smallwinContext(arenaOf([s3])),
    );
    const doc = sessionDocument(s4);
    const word = (await (await JSZip.loadAsync(await renderDocx(doc))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const formats = { markdown: renderMarkdown(doc), html: renderHtml(doc), word, csv: renderCsv(doc.rows) };
    for (const [format, text] of Object.entries(formats)) {
      // The documents on the first page and in the progress section; the CSV in the rows of the progress and of the new win.
      expect(text.split('Voortgekomen uit de actie Buurtlunch elke maand').length - 1, format).toBe(format === 'csv' ? 1 : 2);
      expect(text.split('Voortgekomen uit de actie Soep op vrijdag').length - 1, format).toBe(format === 'csv' ? 1 : 2);
    }
    // Under the earlier win, the action's dated history comes before this meeting's update.
    expect(formats.markdown).toMatch(/Voortgang van eerdere small wins[\s\S]*\*\*Buurtlunch\*\* \(vastgelegd in[\s\S]*Voortgekomen uit de actie Buurtlunch elke maand[\s\S]*Gekozen in Bijeenkomst 1[\s\S]*Deze bijeenkomst/);
    expect(formats.csv).toMatch(/Voortgang;Buurtlunch;[^\r\n]*Nu elke maand · Voortgekomen uit de actie Buurtlunch elke maand/);
    expect(harvestJson(s4).steps[0]!.output).toMatchObject({ progress: [{ win: { origin: { title: 'Buurtlunch elke maand', history: [{ date: new Date(10 * DAY).toISOString() }, expect.anything()] } } }] });
  });
});
