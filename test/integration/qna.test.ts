/**
 * Vragen aan de spreker through real sockets: phones ask and support questions, the
 * presenter's view (the screen link) marks them answered and may do nothing more,
 * moderation holds questions, and the harvest lists them with their votes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { QnaData } from '../../kinds/qna/model.js';
import { ranked } from '../../kinds/qna/ranking.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

/** The shipped transitiearena's questions after the inleiding: three questions per participant. */
const STEP = 'vragen-inleiding';

type Phone = Awaited<ReturnType<typeof participant>>;
const qnaOf = (v: ViewClient) => v.state!.stepStates[STEP]!.data as QnaData;
const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('vragen aan de spreker, live', () => {
  let oogst: Running;
  let s: StartedSession;
  let fac: ViewClient;
  let presenter: ViewClient;
  let phones: Phone[];

  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000' } });
    s = await startSession(oogst.url, 'transitiearena');
    fac = await facilitator(oogst.url, s);
    presenter = await screen(oogst.url, s);
    phones = [await participant(oogst.url, s), await participant(oogst.url, s), await participant(oogst.url, s)];
    expect(result(await fac.send('session.goto', { stepId: STEP }))).toBe('accepted');
    const index = fac.state!.steps.findIndex((step) => step.id === STEP);
    await Promise.all(phones.map((p) => p.until((v) => v.state!.current === index, 5000, 'phones on the questions')));
  });
  afterAll(async () => {
    for (const v of [fac, presenter, ...(phones ?? [])]) v?.close();
    await oogst?.stop();
  });

  it('takes questions within the limits and shows them to every phone and the screen, without an author', async () => {
    const [a, b, c] = phones as [Phone, Phone, Phone];
    expect(result(await a.send('qna.ask', { text: 'Hoe kregen jullie de wethouder mee?' }, STEP))).toBe('accepted');
    expect(result(await b.send('qna.ask', { text: '  Wat kostte het?\u202E ' }, STEP))).toBe('accepted');
    expect(result(await a.send('qna.ask', { text: 'x'.repeat(501) }, STEP))).toBe('too-large');
    expect(result(await a.send('qna.ask', { text: ' \u0000 ' }, STEP))).toBe('invalid');
    expect(result(await a.send('qna.ask', { text: 'x', author: 'iemand' }, STEP))).toBe('invalid');
    expect(result(await a.send('qna.ask', { text: 'En nu?' }, STEP))).toBe('accepted');
    expect(result(await a.send('qna.ask', { text: 'Nog een' }, STEP))).toBe('accepted');
    expect(result(await a.send('qna.ask', { text: 'Nog twee' }, STEP))).toBe('limit-reached'); // maxQuestions: 3
    await c.until((v) => qnaOf(v).questions.length === 4, 5000, 'four questions on a phone that asked none');
    await presenter.until((v) => qnaOf(v).questions.length === 4, 5000, 'four questions on the screen');
    expect(qnaOf(presenter).questions.map((q) => q.text)).toEqual(['Hoe kregen jullie de wethouder mee?', 'Wat kostte het?', 'En nu?', 'Nog een']);
    // No view but the console names an author, the author's own phone included.
    for (const v of [presenter, a, b, c]) expect(qnaOf(v).questions.every((q) => q.author === undefined)).toBe(true);
    const [ann, bob] = [a.identity.participantId, b.identity.participantId];
    expect(qnaOf(fac).questions.map((q) => q.author)).toEqual([ann, bob, ann, ann]);
  });

  it('counts one vote per phone per question on the screen, never on the own question, and a phone sees only its own votes', async () => {
    const [a, b, c] = phones as [Phone, Phone, Phone];
    const [wethouder, kosten] = qnaOf(fac).questions;
    expect(result(await a.send('qna.vote', { questionId: wethouder!.id, up: true }, STEP))).toBe('forbidden');
    expect(result(await b.send('qna.vote', { questionId: wethouder!.id, up: true }, STEP))).toBe('accepted');
    expect(result(await b.send('qna.vote', { questionId: wethouder!.id, up: true }, STEP))).toBe('limit-reached');
    expect(result(await c.send('qna.vote', { questionId: wethouder!.id, up: true }, STEP))).toBe('accepted');
    expect(result(await c.send('qna.vote', { questionId: kosten!.id, up: true }, STEP))).toBe('accepted');
    expect(result(await c.send('qna.vote', { questionId: kosten!.id, up: false }, STEP))).toBe('accepted');
    expect(result(await a.send('qna.vote', { questionId: kosten!.id, up: true }, STEP))).toBe('accepted');
    await presenter.until((v) => ranked(qnaOf(v))[0]?.votes === 2 && qnaOf(v).ballots.length === 3, 5000, 'votes on the screen');
    expect(ranked(qnaOf(presenter)).map((q) => [q.text, q.votes])).toEqual([
      ['Hoe kregen jullie de wethouder mee?', 2],
      ['Wat kostte het?', 1],
      ['En nu?', 0],
      ['Nog een', 0],
    ]);
    expect(qnaOf(presenter).ballots.every((x) => x.voter === '')).toBe(true);
    await c.until((v) => qnaOf(v).ballots.length === 1, 5000, "c's own vote");
    expect(qnaOf(c).ballots).toEqual([{ questionId: wethouder!.id, voter: c.identity.participantId }]);
    // b never received c's or a's votes.
    expect(b.events.filter((e) => e.type === 'qna.voted').every((e) => e.actor.id === b.identity.participantId)).toBe(true);
  });

  it("lets the presenter's view mark a question answered, and nothing a facilitator does", async () => {
    const [a] = phones as [Phone];
    const wethouder = qnaOf(presenter).questions[0]!;
    expect(result(await presenter.send('qna.answer', { questionId: wethouder.id, answered: true }, STEP))).toBe('accepted');
    await a.until((v) => qnaOf(v).questions[0]!.answered, 5000, 'answered on a phone');
    expect(result(await presenter.send('qna.hide', { questionId: wethouder.id, hidden: true }, STEP))).toBe('forbidden');
    expect(result(await presenter.send('session.goto', { stepId: 'welkom' }))).toBe('forbidden');
    expect(result(await presenter.send('moderation.set', { on: true }))).toBe('forbidden');
    expect(result(await presenter.send('qna.ask', { text: 'Van het scherm' }, STEP))).toBe('forbidden');
    expect(result(await a.send('qna.answer', { questionId: wethouder.id, answered: false }, STEP))).toBe('forbidden');
    expect(fac.state!.steps[fac.state!.current]!.id).toBe(STEP);
  });

  it('holds a question while moderation is on, and shows it to the room once approved', async () => {
    const [, , c] = phones as [Phone, Phone, Phone];
    expect(result(await fac.send('moderation.set', { on: true }))).toBe('accepted');
    const ack = await c.send('qna.ask', { text: 'Mag ik iets persoonlijks vragen?' }, STEP);
    expect(result(ack)).toBe('accepted');
    await fac.until((v) => v.state!.moderation.held.length === 1, 5000, 'held on the console');
    expect(qnaOf(presenter).questions).toHaveLength(4);
    const held = fac.state!.moderation.held[0]!;
    expect(result(await fac.send('moderation.approve', { ids: [held.id] }))).toBe('accepted');
    await presenter.until((v) => qnaOf(v).questions.length === 5, 5000, 'approved on the screen');
    await phones[0]!.until((v) => qnaOf(v).questions.length === 5, 5000, 'approved on a phone');
    expect(result(await fac.send('moderation.set', { on: false }))).toBe('accepted');
  });

  it('hides a question from the screen and phones, and reports the rest with votes and answers', async () => {
    const [a] = phones as [Phone];
    const enNu = qnaOf(fac).questions.find((q) => q.text === 'En nu?')!;
    expect(result(await fac.send('qna.hide', { questionId: enNu.id, hidden: true }, STEP))).toBe('accepted');
    await presenter.until((v) => qnaOf(v).questions.length === 4, 5000, 'hidden from the screen');
    await a.until((v) => qnaOf(v).questions.length === 4, 5000, 'hidden from the phone');
    expect(result(await presenter.send('qna.answer', { questionId: enNu.id, answered: true }, STEP))).toBe('not-found');
    const md = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
    expect(md.status).toBe(200);
    expect(md.body).toContain('4 vragen, 1 beantwoord.');
    expect(md.body).toMatch(/Hoe kregen jullie de wethouder mee\? \| 2 \| ja/);
    expect(md.body).toMatch(/Wat kostte het\? \| 1 \| nee/);
    expect(md.body).not.toContain('En nu?');
    const csv = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.csv`, undefined, s.arena.key);
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Mag ik iets persoonlijks vragen?');
    expect(csv.body).toContain('beantwoord');
    expect(csv.body).not.toContain(a.identity.participantId);
  });
});
