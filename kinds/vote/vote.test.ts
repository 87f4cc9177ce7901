/** Dot voting: budgets and limits, the closed vote, hidden results, the ranking with ties, and the harvest. */
import { withMarkdown } from '../../test/helpers/harvest.js';
import { seeded } from '../../test/helpers/random.js';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { SessionEvent, Viewer } from '../../core/protocol.js';
import { applyEvent, project, reduce, CORE_EVENTS } from '../../core/session.js';
import type { StepDef } from '../../core/state.js';
import { OPEN_EVENTS, type OpenStep } from '../../kinds/open/model.js';
import { QUESTIONS_EVENTS } from '../../kinds/questions/model.js';
import { models } from '../../kinds/registry.js';
import { ballot, ranking } from './ballot.js';
import { checkVoteStep, OUTCOME, vote } from './index.js';
import { phoneBallot, voteModel as typedVoteModel, VOTE_EVENTS, type VoteData, type VoteStep } from './model.js';
import { WALL_EVENTS } from '../../kinds/wall/model.js';
import { sessionDocument } from '../../server/harvest/document.js';
import { renderCsv } from '../../server/harvest/render-csv.js';
import { renderDocx } from '../../server/harvest/render-docx.js';
import { renderHtml } from '../../server/harvest/render-html.js';
import { renderMarkdown } from '../../server/harvest/render-markdown.js';
import { by, facilitator, held, hide, questionsStep, session, voteStep, wallStep } from '../../test/helpers/vote-session.js';
import { erased } from '../../test/helpers/erased.js';
import { dataOf } from '../../test/helpers/step-data.js';

const voteModel = erased(typedVoteModel);

const phone = (id: string): Viewer => ({ role: 'participant', participantId: id });
const screen: Viewer = { role: 'screen' };

describe('vote: placing and moving dots', () => {
  it('takes dots up to the budget and the most per item, and refuses more with limit-reached', () => {
    const s = session();
    expect(s.place('alice', 'q1', 2)).toBe('ok');
    expect(s.place('alice', 'q2', 3)).toBe('limit-reached'); // more than 2 on one item
    expect(s.place('alice', 'q2', 2)).toBe('limit-reached'); // 2 + 2 > 3
    expect(s.decide(by('alice'), { itemId: 'q2', dots: 2 })).toMatchObject({ message: 'You have 3 dots and 1 left for this item.' });
    expect(s.place('alice', 'q2', 1)).toBe('ok');
    // Moving: take one off q1, then it can go to q3.
    expect(s.place('alice', 'q3', 1)).toBe('limit-reached');
    expect(s.place('alice', 'q1', 1)).toBe('ok');
    expect(s.place('alice', 'q3', 1)).toBe('ok');
    expect(s.data().dots).toEqual({ q1: { alice: 1 }, q2: { alice: 1 }, q3: { alice: 1 } });
    expect(s.data().totals).toEqual({ q1: 1, q2: 1, q3: 1 });
    expect(s.place('alice', 'q3', 0)).toBe('ok');
    expect(s.data().dots.q3).toBeUndefined();
  });

  it('allows one dot per item by default, and stacking when the script says so', () => {
    const plain = session({ ...voteStep, maxPerItem: undefined, dots: undefined });
    expect(plain.place('alice', 'q1', 2)).toBe('limit-reached');
    expect(['q1', 'q2', 'q3', 'q4'].map((q) => plain.place('alice', q, 1))).toEqual(['ok', 'ok', 'ok', 'limit-reached']);
    const stacked = session({ ...voteStep, dots: 5, maxPerItem: 5 });
    expect(stacked.place('alice', 'q1', 5)).toBe('ok');
  });

  it('counts voters and totals as participants vote', () => {
    const s = session();
    s.place('alice', 'q1', 1);
    s.place('bob', 'q1', 2);
    s.place('carol', 'q2', 1);
    expect(s.data()).toMatchObject({ voters: 3, totals: { q1: 3, q2: 1 } });
    s.place('carol', 'q2', 0);
    expect(s.data()).toMatchObject({ voters: 2, totals: { q1: 3 } });
  });

  it('refuses dots on what is not on the ballot', () => {
    const s = session();
    expect(s.place('alice', 'nope', 1)).toBe('not-found');
    s.push(QUESTIONS_EVENTS.hidden, { questionId: 'q3', hidden: true }, facilitator, 'vragen');
    s.push(QUESTIONS_EVENTS.merged, { targetId: 'q1', questionIds: ['q4'] }, facilitator, 'vragen');
    expect(s.place('alice', 'q3', 1)).toBe('not-found');
    expect(s.place('alice', 'q4', 1)).toBe('not-found');
    const lost = session({ ...voteStep, from: 'nergens' });
    expect(lost.decide(by('alice'), { itemId: 'q1', dots: 1 })).toMatchObject({ ok: false, error: 'not-found' });
  });

  it('refuses every change once the facilitator closes the vote, and takes them again after reopening', () => {
    const s = session();
    s.place('alice', 'q1', 1);
    const close = s.decide(facilitator, { closed: true }, 'vote.close');
    expect(close).toEqual({ ok: true, type: VOTE_EVENTS.closed, payload: { closed: true } });
    s.push(VOTE_EVENTS.closed, { closed: true }, facilitator, 'stem');
    expect(s.place('alice', 'q2', 1)).toBe('closed');
    expect(s.place('alice', 'q1', 0)).toBe('closed');
    expect(s.decide(by('alice'), { itemId: 'q1', dots: 0 })).toMatchObject({ message: 'The vote is closed: dots can no longer be placed or moved.' });
    s.push(VOTE_EVENTS.closed, { closed: false }, facilitator, 'stem');
    expect(s.place('alice', 'q2', 1)).toBe('ok');
    expect(vote.commands['vote.close']!.roles).toEqual(['facilitator']);
    expect(vote.commands['vote.place']!.roles).toEqual(['participant']);
  });

  it('keeps dots on an item merged or hidden after voting started out of the result, and gives them back to the budget', () => {
    const s = session();
    s.place('alice', 'q4', 2);
    s.place('bob', 'q4', 1);
    s.place('bob', 'q1', 1);
    s.push(QUESTIONS_EVENTS.merged, { targetId: 'q1', questionIds: ['q4'] }, facilitator, 'vragen');
    const items = ballot(s.state, voteStep)!;
    expect(items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
    expect(ranking(items, s.data(), 2).map((r) => [r.id, r.dots])).toEqual([
      ['q1', 1],
      ['q2', 0],
      ['q3', 0],
    ]);
    // Alice's two dots on q4 no longer count: she can place all three again, and moving them takes them off q4.
    expect(s.place('alice', 'q2', 2)).toBe('ok');
    expect(s.place('alice', 'q3', 1)).toBe('ok');
    expect(s.data().dots.q4).toEqual({ bob: 1 });
    const { markdown } = withMarkdown(vote.harvest(s.data(), voteStep, s.state));
    expect(markdown).toContain('1 stip stond op items die daarna zijn samengevoegd of verborgen; die telt niet mee.');
  });
});

describe('vote: the budget holds in every order of events', () => {
  it('does not give back a moved dot when a hidden item is shown again', () => {
    const s = session({ ...voteStep, maxPerItem: 1 });
    for (const q of ['q1', 'q2', 'q3']) expect(s.place('alice', q, 1)).toBe('ok');
    hide(s, 'q3', true);
    expect(s.place('alice', 'q4', 1)).toBe('ok'); // the freed dot moves
    hide(s, 'q3', false);
    expect(held(s.data()).get('alice')).toBe(3);
    expect(s.data().dots).toEqual({ q1: { alice: 1 }, q2: { alice: 1 }, q4: { alice: 1 } });
    expect(s.data().totals).toEqual({ q1: 1, q2: 1, q4: 1 });
    expect(ranking(ballot(s.state, voteStep)!, s.data(), 2).reduce((sum, r) => sum + r.dots, 0)).toBe(3);
    // The voter's phone holds the same: the placement told it the dot left q3.
    expect(project(s.state, phone('alice'), models).stepStates.stem!.data).toMatchObject({ dots: { q1: { alice: 1 }, q2: { alice: 1 }, q4: { alice: 1 } } });
  });

  it('keeps the dots on an item hidden by mistake and shown again when nothing was moved', () => {
    const s = session();
    s.place('alice', 'q3', 2);
    hide(s, 'q3', true);
    s.place('alice', 'q1', 1); // 1 + 2 fits: nothing taken back
    hide(s, 'q3', false);
    expect(s.data().dots).toEqual({ q1: { alice: 1 }, q3: { alice: 2 } });
    expect(s.place('alice', 'q2', 1)).toBe('limit-reached');
  });
});

describe('vote: what each role sees', () => {
  it('shows the screen how many voted, and the counts only once revealed; never who voted what', () => {
    const s = session();
    s.place('alice', 'q1', 2);
    s.place('bob', 'q2', 1);
    const hidden = dataOf<VoteData>(project(s.state, screen, models).stepStates.stem);
    expect(hidden).toEqual({ dots: {}, totals: {}, voters: 2, closed: false });
    s.push(CORE_EVENTS.revealed, { revealed: true }, facilitator, 'stem');
    const shown = dataOf<VoteData>(project(s.state, screen, models).stepStates.stem);
    expect(shown).toEqual({ dots: {}, totals: { q1: 2, q2: 1 }, voters: 2, closed: false });
    expect(JSON.stringify(shown)).not.toMatch(/alice|bob/);
  });

  it('gives a phone only its own dots', () => {
    const s = session();
    s.place('alice', 'q1', 2);
    s.place('bob', 'q1', 1);
    s.place('bob', 'q2', 1);
    s.push(CORE_EVENTS.revealed, { revealed: true }, facilitator, 'stem');
    expect(project(s.state, phone('bob'), models).stepStates.stem!.data).toEqual({ dots: { q1: { bob: 1 }, q2: { bob: 1 } }, totals: {}, voters: 0, closed: false });
    expect(project(s.state, phone('carol'), models).stepStates.stem!.data).toEqual({ dots: {}, totals: {}, voters: 0, closed: false });
  });

  it('sends the screen no item and no count before the reveal, and the voter only their own dots', () => {
    const event: SessionEvent = { id: 'x', seq: 9, type: VOTE_EVENTS.placed, stepId: 'stem', actor: by('alice'), payload: { itemId: 'q1', dots: 2, total: 5, voters: 3 }, at: 0 };
    expect(voteModel.audience(event, voteModel.init(voteStep), { step: voteStep, revealed: false })).toEqual({ screen: true, participants: ['alice'] });
    expect(voteModel.redact!(event, screen, { step: voteStep, revealed: false }).payload).toEqual({ voters: 3 });
    expect(voteModel.redact!(event, screen, { step: voteStep, revealed: true }).payload).toEqual({ itemId: 'q1', total: 5, voters: 3 });
    expect(voteModel.redact!(event, phone('alice'), { step: voteStep, revealed: true }).payload).toEqual({ itemId: 'q1', dots: 2 });
    const close: SessionEvent = { ...event, type: VOTE_EVENTS.closed, actor: facilitator, payload: { closed: true } };
    expect(voteModel.audience(close, voteModel.init(voteStep), { step: voteStep, revealed: false })).toEqual({ screen: true, participants: 'all' });
  });

  it('lets a phone show the ballot only once the questions are on the phones, and never from a wall', () => {
    const s = session();
    s.push(QUESTIONS_EVENTS.merged, { targetId: 'q1', questionIds: ['q4'] }, facilitator, 'vragen');
    expect(phoneBallot(project(s.state, phone('alice'), models), voteStep, models)).toEqual([]);
    s.push(CORE_EVENTS.revealed, { revealed: true }, facilitator, 'vragen');
    // The phone's own projection then holds the ballot the server decides by.
    const onPhone = project(s.state, phone('alice'), models);
    expect(phoneBallot(onPhone, voteStep, models).map((i) => [i.id, i.text])).toEqual(ballot(s.state, voteStep)!.map((i) => [i.id, i.text]));
    expect(phoneBallot(onPhone, voteStep, models).map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
    expect(phoneBallot(onPhone, { ...voteStep, from: 'muur' }, models)).toEqual([]);
  });
});

describe('vote: ranking and harvest', () => {
  it('ranks by dots, ties share a rank, and marks a tie at the cut as a tie, not as chosen', () => {
    const s = session();
    s.place('alice', 'q2', 2);
    s.place('bob', 'q2', 1);
    s.place('bob', 'q3', 2);
    s.place('carol', 'q1', 2);
    const result = ranking(ballot(s.state, voteStep)!, s.data(), 2);
    expect(result.map((r) => [r.id, r.dots, r.rank, r.chosen, r.tie])).toEqual([
      ['q2', 3, 1, true, false],
      ['q1', 2, 2, false, true],
      ['q3', 2, 2, false, true],
      ['q4', 0, 4, false, false],
    ]);
    // The tie straddles the cut of two: one is chosen, the group picks the second from the tied two.
    const { markdown, data } = withMarkdown(vote.harvest(s.data(), voteStep, s.state));
    expect(markdown).toContain('3 deelnemers stemden met elk 3 stippen, hoogstens 2 per item. De groep kiest er 2.');
    expect(markdown).toContain('| Plaats | Stippen | Vraag | Gekozen |');
    expect(markdown).toContain('| 1 | 3 | Hoe kunnen we wachtlijsten korter maken? | ✓ gekozen |');
    expect(markdown).toContain('| 2 (gedeeld) | 2 | Hoe kunnen we mantelzorgers eerder bereiken? | gelijke stand — de groep kiest |');
    expect(markdown).toContain('| 2 (gedeeld) | 2 | Hoe kunnen we respijtzorg bekender maken? | gelijke stand — de groep kiest |');
    expect(markdown).toContain('| 4 | 0 | Hoe kunnen we mantelzorgers sneller bereiken? |  |');
    expect(markdown).toContain('Gelijke stand rond plaats 2: de groep kiest er nog 1 uit de 2 gelijk geëindigde items.');
    expect(JSON.stringify(data)).not.toMatch(/alice|bob|carol/);
    expect((data as { items: { rank: number }[] }).items.map((i) => i.rank)).toEqual([1, 2, 2, 4]);
  });

  it('never chooses more than the group chooses; a tie within the cut is chosen, one below it is not a tie', () => {
    const item = (id: string) => ({ id, text: id, size: 1 });
    const at = (totals: Record<string, number>, choose: number) =>
      ranking(Object.keys(totals).map(item), { dots: {}, totals, voters: 1, closed: false }, choose).map((r) => `${r.id}:${r.chosen ? 'chosen' : r.tie ? 'tie' : '-'}`);
    // The reported room: choose four, and a tie for places four and five.
    expect(at({ a: 5, b: 4, c: 3, d: 2, e: 2 }, 4)).toEqual(['a:chosen', 'b:chosen', 'c:chosen', 'd:tie', 'e:tie']);
    expect(at({ a: 3, b: 3, c: 1, d: 1 }, 2)).toEqual(['a:chosen', 'b:chosen', 'c:-', 'd:-']);
    expect(at({ a: 2, b: 2, c: 2 }, 2)).toEqual(['a:tie', 'b:tie', 'c:tie']);
    expect(at({ a: 1, b: 0, c: 0 }, 2)).toEqual(['a:chosen', 'b:-', 'c:-']);
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const random = seeded(seed);
      const totals = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => [id, random.int(4)]));
      for (let choose = 1; choose <= 6; choose++) {
        const result = ranking(Object.keys(totals).map(item), { dots: {}, totals, voters: 1, closed: false }, choose);
        expect(result.filter((r) => r.chosen).length).toBeLessThanOrEqual(choose);
        expect(result.filter((r) => r.chosen || r.tie).length).toBeGreaterThanOrEqual(Math.min(choose, result.filter((r) => r.dots > 0).length));
      }
    }
  });

  it('shows a tie at the cut as a tie in every harvest format: Markdown, CSV, HTML and Word', async () => {
    const s = session({ ...voteStep, dots: 1, maxPerItem: 1, choose: 2 });
    s.place('alice', 'q1', 1);
    s.place('bob', 'q1', 1);
    s.place('carol', 'q2', 1);
    s.place('dave', 'q3', 1);
    const doc = sessionDocument(s.state);
    const docx = await JSZip.loadAsync(await renderDocx(doc));
    const word = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const files = { markdown: renderMarkdown(doc), csv: renderCsv(doc.rows), html: renderHtml(doc), word };
    for (const [format, text] of Object.entries(files)) {
      expect(text.split(OUTCOME.chosen).length - 1, format).toBe(1);
      expect(text.split(OUTCOME.tie).length - 1, format).toBe(2);
    }
    expect(files.csv).toContain('Stemmen;Tijd;Uitkomst');
    expect(files.csv).toContain(';Hoe kunnen we wachtlijsten korter maken?;1;;gelijke stand — de groep kiest');
  });

  it('chooses nothing without dots', () => {
    const s = session();
    expect(ranking(ballot(s.state, voteStep)!, s.data(), 3).every((r) => r.rank === 1 && !r.chosen)).toBe(true);
  });

  it('votes on a wall’s clusters and loose notes of one column', () => {
    const onWall: VoteStep = { ...voteStep, from: 'muur', fromColumn: 'klaagmuur' };
    const s = session(onWall);
    s.push(WALL_EVENTS.posted, { column: 'klaagmuur', text: 'Wachtlijst' }, by('alice'), 'muur', 'n1');
    s.push(WALL_EVENTS.posted, { column: 'klaagmuur', text: 'Wachtlijst 2' }, by('bob'), 'muur', 'n2');
    s.push(WALL_EVENTS.posted, { column: 'klaagmuur', text: 'Geen tijd' }, by('bob'), 'muur', 'n3');
    s.push(WALL_EVENTS.posted, { column: 'jubelmuur', text: 'Fijn team' }, by('bob'), 'muur', 'n4');
    s.push(WALL_EVENTS.clustered, { column: 'klaagmuur', title: 'Wachtlijsten', noteIds: ['n1', 'n2'] }, facilitator, 'muur', 'c1');
    expect(ballot(s.state, onWall)!.map((i) => [i.id, i.text, i.size])).toEqual([
      ['c1', 'Wachtlijsten', 2],
      ['n3', 'Geen tijd', 1],
    ]);
    expect(s.place('carol', 'c1', 1)).toBe('ok');
    expect(s.place('carol', 'n1', 1)).toBe('not-found'); // inside a cluster: vote on the cluster
    expect(s.place('carol', 'n4', 1)).toBe('not-found'); // another column
    expect(withMarkdown(vote.harvest(s.data(), onWall, s.state)).markdown).toContain('| 1 | 1 | Wachtlijsten | ✓ gekozen |');
  });

  it('checks at script load that from names an earlier questions, wall or open step', () => {
    const steps: StepDef[] = [wallStep, { id: 'droom', kind: 'open', title: 'Droom', questions: [] }, { id: 'peil', kind: 'poll', title: 'Peil' }, questionsStep, voteStep];
    expect(checkVoteStep(voteStep, steps)).toEqual([]);
    expect(checkVoteStep({ ...voteStep, from: 'droom' }, steps)).toEqual([]);
    expect(checkVoteStep({ ...voteStep, from: 'peil' }, steps)).toEqual([['/from', '"peil" is a poll step; it must be a questions or wall or open or action step']]);
    expect(checkVoteStep({ ...voteStep, from: 'stem' })).toEqual([['/from', 'names this step itself; it must name an earlier step']]);
    expect(checkVoteStep({ ...voteStep, from: 'muur', fromColumn: 'klaagmuur' }, steps)).toEqual([]);
    expect(checkVoteStep({ ...voteStep, fromColumn: 'klaagmuur' }, steps)[0]![0]).toBe('/fromColumn');
  });
});

describe('vote: on the answers of an open step', () => {
  const openStep: OpenStep = { id: 'ideeen', kind: 'open', title: 'Ideeën', questions: [{ id: 'wat', text: 'Wat gaan we doen?' }] };
  const onOpen: VoteStep = { id: 'stem', kind: 'vote', title: 'Stemmen', from: 'ideeen', choose: 1 };
  function room() {
    const created: SessionEvent = {
      id: 'c',
      seq: 1,
      type: CORE_EVENTS.created,
      actor: facilitator,
      payload: { title: 'T', arena: { id: 'a', title: 'A' }, script: { id: 's', title: 'S' }, steps: [openStep, onOpen] },
      at: 0,
    };
    const state = reduce([created], 's', models);
    const push = (type: string, payload: unknown, actor: SessionEvent['actor'], stepId?: string, id = `e${state.seq + 1}`) =>
      applyEvent(state, { id, seq: state.seq + 1, type, ...(stepId ? { stepId } : {}), actor, payload, at: 1000 + state.seq }, models);
    push(OPEN_EVENTS.answered, { answerId: 'a1', questionId: 'wat', text: 'Koffie-ochtend voor mantelzorgers', first: true }, by('alice'), 'ideeen', 'a1');
    push(OPEN_EVENTS.answered, { answerId: 'a2', questionId: 'wat', text: 'Spreekuur in de bibliotheek', first: true }, by('bob'), 'ideeen', 'a2');
    push(OPEN_EVENTS.answered, { answerId: 'a3', questionId: 'wat', text: 'Iets ongepasts', first: true }, by('carol'), 'ideeen', 'a3');
    push(OPEN_EVENTS.hidden, { answerId: 'a3', hidden: true }, facilitator, 'ideeen');
    push(CORE_EVENTS.opened, { stepId: 'stem' }, facilitator);
    const decide = (who: string, itemId: string) =>
      vote.commands['vote.place']!.decide({ state, step: onOpen, data: dataOf<VoteData>(state.stepStates.stem), revealed: false, actor: by(who), id: 'x', present: [] }, { itemId, dots: 1 });
    return { state, push, decide };
  }

  it('puts the visible answers on the ballot, and on a phone only once the answers are shown', () => {
    const r = room();
    expect(ballot(r.state, onOpen)!.map((i) => i.text)).toEqual(['Koffie-ochtend voor mantelzorgers', 'Spreekuur in de bibliotheek']);
    expect(phoneBallot(project(r.state, phone('bob'), models), onOpen, models)).toEqual([]);
    r.push(CORE_EVENTS.revealed, { revealed: true }, facilitator, 'ideeen');
    const onPhone = project(r.state, phone('bob'), models);
    expect(phoneBallot(onPhone, onOpen, models).map((i) => i.id)).toEqual(['a1', 'a2']);
    // Bob's phone holds Alice's answer without her name, and the room's count, as the screen does.
    expect(onPhone.stepStates.ideeen!.data).toMatchObject({ counts: { wat: 3 } });
    expect(JSON.stringify(onPhone.stepStates.ideeen!.data)).not.toContain('alice');
  });

  it('takes dots on visible answers only, and names the chosen one in the harvest', () => {
    const r = room();
    expect(r.decide('bob', 'a3')).toMatchObject({ ok: false, error: 'not-found' });
    const placed = r.decide('bob', 'a1');
    expect(placed.ok).toBe(true);
    if (placed.ok) r.push(placed.type, placed.payload, by('bob'), 'stem');
    expect(withMarkdown(vote.harvest(dataOf<VoteData>(r.state.stepStates.stem), onOpen, r.state)).markdown).toContain('| 1 | 1 | Koffie-ochtend voor mantelzorgers | ✓ gekozen |');
  });
});
