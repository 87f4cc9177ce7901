/** Vragen aan de spreker: decide and the reducer as the server runs them, what each role sees, and the harvest. */
import { describe, expect, it } from 'vitest';
import type { Actor, SessionEvent, Viewer } from '../../core/protocol.js';
import { withMarkdown } from '../../test/helpers/harvest.js';
import { erased } from '../../test/helpers/erased.js';
import { MAX_QUESTIONS_PER_STEP, qna } from './index.js';
import { qnaModel as typedModel, QNA_EVENTS, type QnaData, type QnaStep } from './model.js';
import { ranked } from './ranking.js';

const qnaModel = erased(typedModel);
const step: QnaStep = { id: 'vragen', kind: 'qna', title: 'Vragen aan de spreker' };
const as = (id: string): Actor => ({ role: 'participant', id });
const facilitator: Actor = { role: 'facilitator' };
const presenter: Actor = { role: 'screen' };
const screen: Viewer = { role: 'screen' };
const ann: Viewer = { role: 'participant', participantId: 'ann' };

/** A step's data and log, driven the way the server does: decide, then append and apply the event. */
function run(settings: Partial<QnaStep> = {}) {
  const s = { ...step, ...settings };
  const data: QnaData = qnaModel.init(s);
  const log: SessionEvent[] = [];
  let seq = 1;
  const send = (actor: Actor, type: string, payload: unknown): string => {
    const id = `q${seq}`;
    const spec = qna.commands[type]!;
    if (!spec.roles.includes(actor.role as never)) return 'forbidden';
    const decision = spec.decide({ state: {} as never, step: s, data, revealed: false, actor, id, present: [] }, payload as never);
    if (!decision.ok) return decision.error;
    const event: SessionEvent = { id, seq: ++seq, type: decision.type, stepId: s.id, actor, payload: decision.payload, at: 1000 + seq };
    log.push(event);
    qnaModel.apply(data, event, { step: s, revealed: false });
    return id;
  };
  return { data, log, send, step: s };
}

describe('vragen aan de spreker', () => {
  it('takes a question as clean text, up to the limit per participant (default 5)', () => {
    const { data, send } = run();
    expect(send(as('ann'), 'qna.ask', { text: ' \u202E\u0000 ' })).toBe('invalid');
    for (let i = 0; i < 5; i++) expect(send(as('ann'), 'qna.ask', { text: `Vraag\u0007 ${i} ` })).toMatch(/^q/);
    expect(send(as('ann'), 'qna.ask', { text: 'Nog een' })).toBe('limit-reached');
    expect(send(as('bob'), 'qna.ask', { text: 'Van Bob' })).toMatch(/^q/);
    expect(data.questions.map((q) => q.text)).toEqual(['Vraag 0', 'Vraag 1', 'Vraag 2', 'Vraag 3', 'Vraag 4', 'Van Bob']);
    const two = run({ maxQuestions: 2 });
    two.send(as('ann'), 'qna.ask', { text: 'a' });
    two.send(as('ann'), 'qna.ask', { text: 'b' });
    expect(two.send(as('ann'), 'qna.ask', { text: 'c' })).toBe('limit-reached');
  });

  it('holds at most MAX_QUESTIONS_PER_STEP questions in a step, hidden ones counted', () => {
    const { send } = run({ maxQuestions: 20 });
    for (let i = 0; i < MAX_QUESTIONS_PER_STEP; i++) expect(send(as(`p${Math.floor(i / 20)}`), 'qna.ask', { text: `v${i}` })).toMatch(/^q/);
    expect(send(as('laat'), 'qna.ask', { text: 'te veel' })).toBe('limit-reached');
  });

  it('gives one vote per participant per question, never on their own, and lets them take it back', () => {
    const { data, send } = run();
    const mine = send(as('ann'), 'qna.ask', { text: 'Hoe begon het?' });
    expect(send(as('ann'), 'qna.vote', { questionId: mine, up: true })).toBe('forbidden');
    expect(send(as('bob'), 'qna.vote', { questionId: mine, up: false })).toBe('not-found');
    expect(send(as('bob'), 'qna.vote', { questionId: mine, up: true })).toMatch(/^q/);
    expect(send(as('bob'), 'qna.vote', { questionId: mine, up: true })).toBe('limit-reached');
    expect(send(as('cas'), 'qna.vote', { questionId: mine, up: true })).toMatch(/^q/);
    expect(ranked(data)[0]!.votes).toBe(2);
    expect(send(as('bob'), 'qna.vote', { questionId: mine, up: false })).toMatch(/^q/);
    expect(ranked(data)[0]!.votes).toBe(1);
    expect(send(as('bob'), 'qna.vote', { questionId: 'nope', up: true })).toBe('not-found');
    expect(send(facilitator, 'qna.vote', { questionId: mine, up: true })).toBe('forbidden');
  });

  it('lets only the facilitator hide, and the facilitator or the presenter (the screen link) mark answered', () => {
    const { data, send } = run();
    const id = send(as('ann'), 'qna.ask', { text: 'Wat kostte het?' });
    expect(qna.commands['qna.hide']!.roles).toEqual(['facilitator']);
    expect(qna.commands['qna.answer']!.roles).toEqual(['facilitator', 'screen']);
    expect(send(presenter, 'qna.hide', { questionId: id, hidden: true })).toBe('forbidden');
    expect(send(as('bob'), 'qna.answer', { questionId: id, answered: true })).toBe('forbidden');
    expect(send(presenter, 'qna.answer', { questionId: id, answered: true })).toMatch(/^q/);
    expect(data.questions[0]!.answered).toBe(true);
    expect(send(facilitator, 'qna.hide', { questionId: id, hidden: true })).toMatch(/^q/);
    // A hidden question is gone for the presenter and the room: nothing to answer or vote on.
    expect(send(presenter, 'qna.answer', { questionId: id, answered: false })).toBe('not-found');
    expect(send(as('bob'), 'qna.vote', { questionId: id, up: true })).toBe('not-found');
    expect(send(facilitator, 'qna.hide', { questionId: 'nope', hidden: true })).toBe('not-found');
  });

  it('sorts by votes, the earlier question first among equals, answered ones last where asked', () => {
    const { data, send } = run();
    const a = send(as('ann'), 'qna.ask', { text: 'A' });
    const b = send(as('bob'), 'qna.ask', { text: 'B' });
    const c = send(as('cas'), 'qna.ask', { text: 'C' });
    send(as('ann'), 'qna.vote', { questionId: c, up: true });
    send(as('bob'), 'qna.vote', { questionId: c, up: true });
    send(as('cas'), 'qna.vote', { questionId: b, up: true });
    send(facilitator, 'qna.answer', { questionId: c, answered: true });
    expect(ranked(data).map((q) => q.text)).toEqual(['C', 'B', 'A']);
    expect(ranked(data, { answeredLast: true }).map((q) => q.text)).toEqual(['B', 'A', 'C']);
    expect(a).toMatch(/^q/);
  });

  it('shows the screen no author and no voter, and a phone only its own votes', () => {
    const { data, log, send, step: s } = run();
    const q1 = send(as('ann'), 'qna.ask', { text: 'Van Ann' });
    const q2 = send(as('bob'), 'qna.ask', { text: 'Van Bob' });
    send(as('ann'), 'qna.vote', { questionId: q2, up: true });
    send(as('cas'), 'qna.vote', { questionId: q2, up: true });
    send(as('cas'), 'qna.vote', { questionId: q1, up: true });
    const ctx = { step: s, revealed: false };
    const onScreen = qnaModel.project(data, screen, ctx);
    expect(JSON.stringify(onScreen)).not.toMatch(/ann|bob|cas/);
    expect(ranked(onScreen).map((q) => [q.text, q.votes])).toEqual([['Van Bob', 2], ['Van Ann', 1]]);
    const phone = qnaModel.project(data, ann, ctx);
    // Not even its own author: a new question reaches the phones as one copy for all (model.ts).
    expect(phone.questions.map((q) => [q.text, q.author])).toEqual([['Van Ann', undefined], ['Van Bob', undefined]]);
    expect(phone.ballots).toEqual([{ questionId: q2, voter: 'ann' }]);
    // Who receives what: a question reaches every phone and the screen, a vote the screen and its voter only.
    expect(log.map((e) => qnaModel.audience(e, data, ctx))).toEqual([
      { screen: true, participants: 'all' },
      { screen: true, participants: 'all' },
      { screen: true, participants: ['ann'] },
      { screen: true, participants: ['cas'] },
      { screen: true, participants: ['cas'] },
    ]);
  });

  it('takes a hidden question off the screen and the phones, and brings it back whole', () => {
    const { data, log, send, step: s } = run();
    const id = send(as('ann'), 'qna.ask', { text: 'Ongepast?' });
    send(as('bob'), 'qna.vote', { questionId: id, up: true });
    const ctx = { step: s, revealed: false };
    const views = { screen: qnaModel.project(data, screen, ctx), ann: qnaModel.project(data, ann, ctx) };
    const viewers = { screen, ann };
    const replay = (from: number) => {
      for (const event of log.slice(from))
        for (const name of ['screen', 'ann'] as const) {
          const audience = qnaModel.audience(event, data, ctx);
          const reaches = name === 'screen' ? audience.screen : audience.participants === 'all' || (Array.isArray(audience.participants) && audience.participants.includes('ann'));
          if (reaches) qnaModel.apply(views[name], qnaModel.redact!(event, viewers[name], ctx), ctx);
        }
    };
    let seen = log.length;
    send(facilitator, 'qna.hide', { questionId: id, hidden: true });
    replay(seen);
    expect(views.screen.questions).toEqual([]);
    expect(views.ann.questions).toEqual([]);
    expect(data.questions[0]!.hidden).toBe(true);
    seen = log.length;
    send(facilitator, 'qna.hide', { questionId: id, hidden: false });
    replay(seen);
    expect(views.screen).toEqual(qnaModel.project(data, screen, ctx));
    expect(views.ann).toEqual(qnaModel.project(data, ann, ctx));
    expect(JSON.stringify([views.screen, views.ann])).not.toContain('"ann"');
    expect(ranked(views.screen)[0]!.votes).toBe(1);
  });

  it('reports every visible question with its votes and whether it was answered', () => {
    const { data, send, step: s } = run();
    const a = send(as('ann'), 'qna.ask', { text: 'Hoe hielden jullie de bewoners erbij?' });
    const b = send(as('bob'), 'qna.ask', { text: '=SOM(1)' });
    const c = send(as('cas'), 'qna.ask', { text: 'Weg ermee' });
    send(as('bob'), 'qna.vote', { questionId: a, up: true });
    send(as('cas'), 'qna.vote', { questionId: a, up: true });
    send(facilitator, 'qna.answer', { questionId: a, answered: true });
    send(facilitator, 'qna.hide', { questionId: c, hidden: true });
    const section = withMarkdown(qna.harvest(data, s, {} as never));
    expect(section.markdown).toContain('2 vragen, 1 beantwoord.');
    expect(section.markdown).toMatch(/Hoe hielden jullie de bewoners erbij\? \| 2 \| ja/);
    expect(section.markdown).toMatch(/SOM\(1\) \| 0 \| nee/);
    expect(section.markdown).not.toContain('Weg ermee');
    expect(JSON.stringify(section)).not.toMatch(/"ann"|"bob"|"cas"/);
    expect(section.rows.map((r) => [r.text, r.votes, r.outcome])).toEqual([
      ['Hoe hielden jullie de bewoners erbij?', 2, 'beantwoord'],
      ['=SOM(1)', 0, 'niet beantwoord'],
    ]);
    expect(b).toMatch(/^q/);
    const glance = withMarkdown({ data: null, rows: [], blocks: qna.glance!(data, s, {} as never) }).markdown;
    expect(glance).toContain('2 vragen, 1 beantwoord; de meest gesteunde (2 stemmen): **Hoe hielden jullie de bewoners erbij?**');
    expect(qna.harvest(qnaModel.init(s), s, {} as never).blocks).toEqual([]);
    expect(qna.glance!(qnaModel.init(s), s, {} as never)).toEqual([]);
  });

  it('lets moderation hold a question (its text is the contribution), never a vote or an answer', () => {
    const { log, send } = run();
    const id = send(as('ann'), 'qna.ask', { text: 'Mag dit?' });
    send(as('bob'), 'qna.vote', { questionId: id, up: true });
    send(facilitator, 'qna.answer', { questionId: id, answered: true });
    expect(log.map((e) => qnaModel.contribution!(e))).toEqual(['Mag dit?', undefined, undefined]);
    expect(log.map((e) => e.type)).toEqual([QNA_EVENTS.asked, QNA_EVENTS.voted, QNA_EVENTS.answered]);
  });
});
