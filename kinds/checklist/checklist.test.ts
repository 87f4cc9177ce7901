/** The wat-werkt check: ratings through decide and the reducer as the server runs them, projections by role, the order by gain, validation and harvest. */
import { describe, expect, it } from 'vitest';
import type { Actor, SessionEvent, Viewer } from '../../core/protocol.js';
import type { SessionState } from '../../core/state.js';
import { formatProblem, parseScript } from '../../server/scripts/load-scripts.js';
import { withMarkdown } from '../../test/helpers/harvest.js';
import { erased } from '../../test/helpers/erased.js';
import { checkQuestionsStep } from '../questions/index.js';
import { itemsOf } from '../questions/items.js';
import { checklist } from './index.js';
import { checklistModel as typedModel, type ChecklistData, type ChecklistStep } from './model.js';
import { checklistResults, notYet } from './results.js';

const model = erased(typedModel);

const step: ChecklistStep = {
  id: 'check',
  kind: 'checklist',
  title: 'Wat werkt',
  items: [
    { id: 'doelgroep', text: 'We betrekken de doelgroep bij elke stap' },
    { id: 'vroeg', text: 'We signaleren vroeg', explanation: 'Voordat het misgaat.', source: 'https://www.example.nl/onderzoek' },
    { id: 'samen', text: 'Professionals werken samen' },
  ],
};

const alice: Viewer = { role: 'participant', participantId: 'alice' };
const screen: Viewer = { role: 'screen' };
const as = (id: string): Actor => ({ role: 'participant', id });

/** A step's data and log, driven the way the server does: decide, then append and apply the event. */
function run(s: ChecklistStep = step) {
  const data: ChecklistData = model.init(s);
  const log: SessionEvent[] = [];
  let seq = 1;
  const send = (actor: Actor, payload: { itemId: string; point: string; comment?: string }) => {
    const id = `c${seq}`;
    const decision = checklist.commands['checklist.rate']!.decide({ state: {} as never, step: s, data, revealed: false, actor, id, present: [] }, payload);
    if (!decision.ok) return decision;
    const event: SessionEvent = { id, seq: ++seq, type: decision.type, stepId: s.id, actor, payload: decision.payload, at: 1000 + seq };
    model.apply(data, event, { step: s, revealed: false });
    log.push(event);
    return decision;
  };
  return { data, log, send };
}

describe('checklist', () => {
  it('counts one rating per participant and item, and moves it when they change it', () => {
    const { data, send } = run();
    send(as('alice'), { itemId: 'doelgroep', point: 'nog-niet' });
    send(as('alice'), { itemId: 'vroeg', point: 'al' });
    send(as('bob'), { itemId: 'doelgroep', point: 'deels' });
    expect(data.raters).toBe(2);
    expect(send(as('alice'), { itemId: 'doelgroep', point: 'deels', comment: '  Soms, bij de start ' })).toMatchObject({
      ok: true,
      payload: { first: false, previous: 'nog-niet', point: 'deels', comment: 'Soms, bij de start' },
    });
    expect(data.counts!.doelgroep).toEqual({ al: 0, deels: 2, 'nog-niet': 0, 'weet-niet': 0 });
    expect(data.counts!.vroeg).toEqual({ al: 1, deels: 0, 'nog-niet': 0, 'weet-niet': 0 });
    // A comment alone keeps the point and its count; an empty one removes it; the same again changes nothing.
    expect(send(as('alice'), { itemId: 'doelgroep', point: 'deels', comment: 'Alleen bij de start' })).toMatchObject({ ok: true });
    expect(data.counts!.doelgroep!.deels).toBe(2);
    expect(send(as('alice'), { itemId: 'doelgroep', point: 'al' })).toMatchObject({ ok: true, payload: { comment: 'Alleen bij de start' } });
    expect(send(as('alice'), { itemId: 'doelgroep', point: 'al', comment: '' })).toMatchObject({ ok: true, payload: { point: 'al' } });
    expect(data.ratings.find((r) => r.author === 'alice' && r.itemId === 'doelgroep')).not.toHaveProperty('comment');
    expect(send(as('alice'), { itemId: 'doelgroep', point: 'al' })).toMatchObject({ ok: false, error: 'invalid' });
    expect(data.ratings).toHaveLength(3);
  });

  it('refuses an item or answer the checklist does not have, and takes ratings from participants only', () => {
    const { send } = run();
    expect(send(as('alice'), { itemId: 'koffie', point: 'al' })).toMatchObject({ ok: false, error: 'not-found' });
    expect(send(as('alice'), { itemId: 'vroeg', point: 'misschien' })).toMatchObject({ ok: false, error: 'not-found' });
    expect(send(as('alice'), { itemId: 'vroeg', point: 'constructor' })).toMatchObject({ ok: false, error: 'not-found' });
    expect(checklist.commands['checklist.rate']!.roles).toEqual(['participant']);
  });

  it('shows the screen how many answered but not how until revealed, and a phone only its own ratings', () => {
    const { data, log, send } = run();
    send(as('alice'), { itemId: 'vroeg', point: 'nog-niet', comment: 'Geheim van Alice' });
    send(as('bob'), { itemId: 'vroeg', point: 'al' });
    const ctx = (revealed: boolean) => ({ step, revealed });
    expect(model.project(data, screen, ctx(false))).toEqual({ ratings: [], raters: 2, counts: null });
    const revealed = model.project(data, screen, ctx(true));
    expect(revealed.counts!.vroeg).toEqual({ al: 1, deels: 0, 'nog-niet': 1, 'weet-niet': 0 });
    expect(JSON.stringify(revealed)).not.toMatch(/Geheim|alice|bob/);
    const own = model.project(data, alice, ctx(true));
    expect(own).toEqual({ ratings: [expect.objectContaining({ author: 'alice', point: 'nog-niet', comment: 'Geheim van Alice' })], raters: 1, counts: null });

    const alices = log[0]!;
    expect(model.audience(alices, data, ctx(false))).toEqual({ screen: true, participants: ['alice'] });
    expect(model.redact!(alices, screen, ctx(false)).payload).toEqual({ first: true });
    expect(model.redact!(alices, screen, ctx(true)).payload).toEqual({ first: true, itemId: 'vroeg', point: 'nog-niet' });
    expect(model.redact!(alices, { role: 'participant', participantId: 'bob' }, ctx(true)).payload).toEqual({ first: true });
    expect(model.redact!(alices, alice, ctx(false))).toBe(alices);
  });

  it('keeps a revealed screen, and a phone, in step by applying what they are sent', () => {
    const { data, log, send } = run();
    send(as('alice'), { itemId: 'vroeg', point: 'nog-niet' });
    const at = { step, revealed: true };
    const shown = model.project(data, screen, at);
    const phone = model.project(data, alice, at);
    send(as('alice'), { itemId: 'vroeg', point: 'deels', comment: 'Eerlijk gezegd' });
    send(as('bob'), { itemId: 'samen', point: 'weet-niet' });
    send(as('alice'), { itemId: 'samen', point: 'al' });
    for (const event of log.slice(1)) {
      model.apply(shown, model.redact!(event, screen, at), at);
      if (event.actor.id === 'alice') model.apply(phone, model.redact!(event, alice, at), at);
    }
    expect(shown).toEqual(model.project(data, screen, at));
    expect(phone).toEqual(model.project(data, alice, at));
  });

  it('orders the items by what is still to gain: nog niet, and deels half, over everybody who rated the item', () => {
    const { data, send } = run();
    for (const [who, point] of [['a', 'nog-niet'], ['b', 'deels'], ['c', 'al'], ['d', 'weet-niet']] as const) send(as(who), { itemId: 'doelgroep', point });
    for (const [who, point] of [['a', 'nog-niet'], ['b', 'nog-niet']] as const) send(as(who), { itemId: 'samen', point });
    send(as('a'), { itemId: 'vroeg', point: 'al' });
    const results = checklistResults(step, data.counts!);
    expect(results.map((r) => [r.item.id, r.gain, r.most])).toEqual([
      ['samen', 1, 2],
      ['doelgroep', 0.375, 1],
      ['vroeg', 0, 0],
    ]);
    expect(results[1]!.counts).toEqual([1, 1, 1, 1]);
    expect(notYet(step, data.counts!).map((r) => r.item.id)).toEqual(['samen', 'doelgroep']);
    // A scale of the script's own: the highest gain is what "nog niet" means there.
    const own: ChecklistStep = { ...step, scale: [{ id: 'ja', text: 'Ja', gain: 0 }, { id: 'nee', text: 'Nee', gain: 1 }] };
    const o = run(own);
    o.send(as('a'), { itemId: 'vroeg', point: 'nee' });
    expect(o.send(as('a'), { itemId: 'samen', point: 'nog-niet' })).toMatchObject({ ok: false, error: 'not-found' });
    expect(notYet(own, o.data.counts!).map((r) => [r.item.id, r.most])).toEqual([['vroeg', 1]]);
  });

  it('feeds a questions step the items most rated "nog niet", once the viewer may see the answers', () => {
    const { data, send } = run();
    send(as('a'), { itemId: 'samen', point: 'nog-niet' });
    send(as('b'), { itemId: 'samen', point: 'nog-niet' });
    send(as('a'), { itemId: 'vroeg', point: 'nog-niet' });
    send(as('a'), { itemId: 'doelgroep', point: 'al' });
    const state = (d: ChecklistData) => ({ steps: [step], stepStates: { check: { data: d } } }) as unknown as SessionState;
    expect(itemsOf(state(data), step)).toEqual([
      { id: 'samen', text: 'Professionals werken samen', size: 2 },
      { id: 'vroeg', text: 'We signaleren vroeg', size: 1 },
    ]);
    expect(itemsOf(state(model.project(data, screen, { step, revealed: false })), step)).toEqual([]);
    const steps = [step, { id: 'vragen', kind: 'questions', title: 'Ontwerpvragen', from: 'check' }];
    expect(checkQuestionsStep(steps[1]!, steps)).toEqual([]);
  });

  it('checks a checklist step in a script, by field', () => {
    const script = (fields: string) => {
      const parsed = parseScript(`id: t\ntitle: T\nsteps:\n  - id: c\n    kind: checklist\n    title: Check\n${fields}`, 't.yaml');
      return parsed.ok ? [] : parsed.problems.map(formatProblem);
    };
    expect(script('    items: [{ id: a, text: A, source: "https://www.movisie.nl/wat-werkt" }]\n')).toEqual([]);
    expect(script('    items: [{ id: a, text: A }]\n    scale: [{ id: ja, text: Ja, gain: 0 }, { id: nee, text: Nee, gain: 1 }]\n')).toEqual([]);
    expect(script('    items: []\n')[0]).toContain('steps[0].items');
    expect(script('    items: [{ id: a, text: A }, { id: a, text: B }]\n')).toEqual(['t.yaml:7: steps[0].items[1].id: item id "a" is used twice']);
    expect(script('    items: [{ id: a, text: A, source: "javascript:alert(1)" }]\n')[0]).toContain('steps[0].items[0].source');
    expect(script('    items: [{ id: a, text: A, source: "http://www.movisie.nl" }]\n')[0]).toContain('steps[0].items[0].source');
    expect(script('    items: [{ id: a, text: A, source: "https://user:pw@localhost" }]\n')[0]).toContain('must be a web address starting with https://');
    expect(script('    items: [{ id: a, text: A }]\n    scale: [{ id: ja, text: Ja }]\n')[0]).toContain('steps[0].scale');
    expect(script('    items: [{ id: a, text: A }]\n    scale: [{ id: ja, text: Ja }, { id: nee, text: Nee }]\n')[0]).toContain('needs a point with a gain above 0');
    const many = Array.from({ length: 61 }, (_, i) => `{ id: i${i}, text: Item ${i} }`).join(', ');
    expect(script(`    items: [${many}]\n`)[0]).toContain('steps[0].items');
  });

  it('harvests a table by gain with the comments per item, nobody named, and glances at the three with most to gain', () => {
    const { data, send } = run();
    send(as('alice'), { itemId: 'samen', point: 'nog-niet', comment: 'Iedereen werkt | langs elkaar heen' });
    send(as('bob'), { itemId: 'samen', point: 'deels' });
    send(as('bob'), { itemId: 'vroeg', point: 'al', comment: 'Het wijkteam doet dit goed' });
    send(as('carol'), { itemId: 'doelgroep', point: 'deels' });
    const { data: out, markdown, rows } = withMarkdown(checklist.harvest(data, step, {} as never));
    expect(out).toMatchObject({ raters: 3, items: [{ id: 'samen', gain: 0.75, counts: { 'nog-niet': 1, deels: 1 } }, { id: 'doelgroep', gain: 0.5 }, { id: 'vroeg', gain: 0 }] });
    expect(markdown).toContain('| Werkzaam element | doen we al | deels | nog niet | weet ik niet | Te winnen |');
    expect(markdown).toContain('| Professionals werken samen | 0 | 1 | 1 | 0 | 75% |');
    expect(markdown).toContain('### Toelichtingen');
    expect(markdown).toContain('Iedereen werkt \\| langs elkaar heen');
    expect(markdown + JSON.stringify(out) + JSON.stringify(rows)).not.toMatch(/alice|bob|carol/);
    expect(rows).toContainEqual({ group: 'Professionals werken samen', text: 'nog niet', votes: 1 });
    expect(rows).toContainEqual(expect.objectContaining({ group: 'We signaleren vroeg', cluster: 'doen we al', text: 'Het wijkteam doet dit goed' }));
    const glance = checklist.glance!(data, step, {} as never);
    expect(glance).toEqual([
      {
        type: 'list',
        ordered: true,
        items: [
          { text: ['Professionals werken samen', ' ', { text: '(75% te winnen)', note: true }] },
          { text: ['We betrekken de doelgroep bij elke stap', ' ', { text: '(50% te winnen)', note: true }] },
        ],
      },
    ]);
    expect(checklist.harvest(run().data, step, {} as never).blocks).toEqual([]);
    expect(checklist.glance!(run().data, step, {} as never)).toEqual([]);
  });

  it('shows an arena how much was still to gain each time it ran the same checklist, newest order first', () => {
    const first = run();
    first.send(as('a'), { itemId: 'samen', point: 'nog-niet' });
    first.send(as('b'), { itemId: 'samen', point: 'nog-niet' });
    first.send(as('a'), { itemId: 'vroeg', point: 'deels' });
    const second = run();
    second.send(as('a'), { itemId: 'samen', point: 'al' });
    second.send(as('b'), { itemId: 'vroeg', point: 'nog-niet' });
    const state = (id: string, d: ChecklistData) => ({ id, title: 'Weten wat werkt', steps: [step], stepStates: { check: { revealed: true, data: d } } }) as unknown as SessionState;
    const met = new Map([['s1', Date.UTC(2026, 0, 15)], ['s2', Date.UTC(2027, 0, 20)], ['s3', Date.UTC(2027, 5, 1)]]);
    const arena = (sessions: SessionState[]) => ({ arena: { id: 'a', title: 'Arena' }, sessions, metOn: (x: SessionState) => met.get(x.id)! });
    const section = checklist.arena!.harvest!(arena([state('s1', first.data), state('s2', second.data), state('s3', run().data)]))!;
    expect(section.name).toBe('checklists');
    expect(section.blocks[1]).toEqual({
      type: 'table',
      head: ['Werkzaam element', '15-1-2026', '20-1-2027'],
      right: [1, 2],
      rows: [
        ['We signaleren vroeg', '50%', '100%'],
        ['Professionals werken samen', '100%', '0%'],
        ['We betrekken de doelgroep bij elke stap', '–', '–'],
      ],
    });
    expect(JSON.stringify(section.data)).not.toMatch(/"a"|"b"/);
    expect(checklist.arena!.harvest!(arena([state('s3', run().data)]))).toBeUndefined();
  });
});
