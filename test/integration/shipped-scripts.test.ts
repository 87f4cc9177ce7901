/**
 * Every shipped facilitation script, run start to finish by a facilitator and
 * three scripted phones: each step gets what a room would give it, and the
 * harvest holds each step's output. A new script is picked up by this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballot } from '../../kinds/vote/ballot.js';
import type { Ack } from '../../core/protocol.js';
import type { StepDef } from '../../core/state.js';
import type { ActionStep } from '../../kinds/action/model.js';
import type { ChecklistStep } from '../../kinds/checklist/model.js';
import type { GroupsData, GroupsStep } from '../../kinds/groups/model.js';
import type { InterviewData } from '../../kinds/interview/model.js';
import type { OpenStep } from '../../kinds/open/model.js';
import type { PollStep } from '../../kinds/poll/model.js';
import type { QnaData } from '../../kinds/qna/model.js';
import type { QuestionsStep } from '../../kinds/questions/model.js';
import { recapOf } from '../../kinds/recap/model.js';
import type { VoteStep } from '../../kinds/vote/model.js';
import type { WallStep } from '../../kinds/wall/model.js';
import { loadScriptDir } from '../../server/scripts/load-scripts.js';
import { jpegHeader } from '../helpers/images.js';
import { api, facilitator, participant, startOogst, startSession, type Running, type ViewClient } from '../helpers/oogst.js';

type Phone = Awaited<ReturnType<typeof participant>>;
interface Room {
  fac: ViewClient;
  phones: Phone[];
  /** The server and session, for what goes over HTTP (a photo's file). */
  url: string;
  sessionId: string;
}

const ok = (ack: Ack, what: string) => expect(ack.ok, `${what}: ${JSON.stringify(ack)}`).toBe(true);
const dataOf = <D>(v: ViewClient, step: StepDef) => v.state!.stepStates[step.id]!.data as D;

/** What a room does in a step of each kind; `texts` collects what must reach the harvest. */
const actors: Record<string, (room: Room, step: StepDef, texts: string[]) => Promise<void>> = {
  slide: async () => {},
  photo: async ({ phones, fac, url, sessionId }, step, texts) => {
    for (const [i, p] of phones.entries()) {
      const caption = `${step.id} foto ${i + 1}`;
      const sent = await fetch(`${url}/api/sessions/${sessionId}/steps/${step.id}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.identity.token}`, 'x-oogst-caption': encodeURIComponent(caption) },
        body: new Uint8Array(jpegHeader(1600, 1200)),
      });
      expect(sent.status, caption).toBe(201);
      ok(await fac.send('photo.judge', { photoId: ((await sent.json()) as { file: string }).file, shown: true }, step.id), caption);
      texts.push(caption);
    }
  },
  open: async ({ phones, fac }, step, texts) => {
    for (const [i, p] of phones.entries())
      for (const q of (step as OpenStep).questions) {
        const text = `${step.id} ${q.id} antwoord ${i + 1}`;
        ok(await p.send('open.answer', { questionId: q.id, text }, step.id), text);
        texts.push(text);
      }
    ok(await fac.send('step.reveal', { revealed: true }, step.id), 'reveal');
  },
  wall: async ({ phones }, step, texts) => {
    for (const [i, p] of phones.entries())
      for (const column of (step as WallStep).columns) {
        const text = `${column.title} briefje ${i + 1}`;
        ok(await p.send('wall.post', { column: column.id, text }, step.id), text);
        texts.push(text);
      }
  },
  poll: async ({ phones, fac }, step) => {
    const poll = step as PollStep;
    for (const [i, p] of phones.entries()) {
      const payload =
        poll.mode === 'scale' ? { value: poll.scale!.min + i } : { choices: [poll.options![i % poll.options!.length]!.id] };
      ok(await p.send('poll.vote', payload, step.id), `poll ${step.id}`);
    }
    ok(await fac.send('step.reveal', { revealed: true }, step.id), 'reveal');
  },
  wordcloud: async ({ phones }, step, texts) => {
    for (const [i, p] of phones.entries()) ok(await p.send('wordcloud.add', { text: ['verbinding', 'Verbinding', 'rust'][i]! }, step.id), 'word');
    texts.push('verbinding');
  },
  qna: async ({ phones }, step, texts) => {
    for (const [i, p] of phones.entries()) {
      const text = `${step.id} vraag ${i + 1}?`;
      ok(await p.send('qna.ask', { text }, step.id), text);
      texts.push(text);
    }
    await phones[2]!.until((v) => dataOf<QnaData>(v, step).questions.length === phones.length, 5000, 'every question on a phone');
    ok(await phones[2]!.send('qna.vote', { questionId: dataOf<QnaData>(phones[2]!, step).questions[0]!.id, up: true }, step.id), 'support');
  },
  questions: async ({ phones, fac }, step, texts) => {
    const prefix = (step as QuestionsStep).prefix ?? 'Hoe kunnen we';
    for (const [i, p] of phones.entries()) {
      const text = `${prefix} ${step.id} stap ${i + 1} zetten?`;
      ok(await p.send('questions.ask', { text }, step.id), text);
      texts.push(text);
    }
    ok(await fac.send('step.reveal', { revealed: true }, step.id), 'put the list on the phones');
  },
  action: async ({ phones, fac }, step, texts) => {
    // Each script runs in an arena of its own, a first meeting: an update step has no running actions to update.
    if ((step as ActionStep).mode === 'update') return;
    for (const [i, p] of phones.entries()) {
      const what = `${step.id} actie ${i + 1}`;
      ok(await p.send('action.propose', { what, target: `doelgroep merkt ${i + 1}` }, step.id), what);
      texts.push(what, `doelgroep merkt ${i + 1}`);
    }
    ok(await fac.send('step.reveal', { revealed: true }, step.id), 'put the actions on the phones');
  },
  vote: async ({ phones, fac }, step) => {
    const items = ballot(fac.state!, step as VoteStep) ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const [i, p] of phones.entries()) ok(await p.send('vote.place', { itemId: items[i % items.length]!.id, dots: 1 }, step.id), 'dot');
    ok(await fac.send('step.reveal', { revealed: true }, step.id), 'reveal');
  },
  interview: async ({ phones, fac }, step, texts) => {
    await fac.until((v) => v.presence === phones.length, 5000, 'everyone present');
    ok(await fac.send('interview.pair', {}, step.id), 'pair');
    for (const p of phones) await p.until((v) => dataOf<InterviewData>(v, step).pairs.length > 0, 5000, 'a partner');
    for (const [i, p] of phones.entries()) {
      const pair = dataOf<InterviewData>(p, step).pairs.at(-1)!;
      const me = pair.members.findIndex((m) => m.id === p.identity.participantId);
      if (me !== pair.interviewer) continue;
      const story = `verhaal uit ${step.id} ${i + 1}`;
      ok(await p.send('interview.note', { pairId: pair.id, about: pair.interviewee, story, strengths: 'Doorzetten', conditions: 'Tijd' }, step.id), 'note');
      // A phone knows only its own id: the teller is the phone that is this pair's interviewee.
      const teller = phones.find((q) => {
        const theirs = dataOf<InterviewData>(q, step).pairs.find((x) => x.id === pair.id);
        return theirs && theirs.members.findIndex((m) => m.id === q.identity.participantId) === theirs.interviewee;
      })!;
      await teller.until((v) => dataOf<InterviewData>(v, step).notes.length > 0, 5000, 'the note reaches the teller');
      const note = dataOf<InterviewData>(teller, step).notes.at(-1)!;
      ok(await teller.send('interview.share', { noteId: note.id, fields: ['story', 'strengths', 'conditions'] }, step.id), 'share');
      texts.push(story);
    }
  },
  groups: async ({ phones, fac }, step, texts) => {
    if ((step as GroupsStep).by === 'mix')
      for (const [i, p] of phones.entries()) ok(await p.send('groups.describe', { tag: ['gemeente', 'school', 'zorg'][i]! }, step.id), 'organisation');
    await fac.until((v) => v.presence === phones.length, 5000, 'everyone present');
    ok(await fac.send('groups.form', {}, step.id), 'form the groups');
    for (const p of phones) await p.until((v) => dataOf<GroupsData>(v, step).groups.length > 0, 5000, 'a group');
    const [first] = phones;
    const group = dataOf<GroupsData>(first!, step).groups.at(-1)!;
    const note = `${step.id} aantekening`;
    const summary = `${step.id} samenvatting van groep ${group.n}`;
    ok(await first!.send('groups.note', { groupId: group.id, text: note }, step.id), note);
    ok(await first!.send('groups.report', { groupId: group.id }, step.id), 'report');
    ok(await first!.send('groups.summarise', { groupId: group.id, text: summary }, step.id), summary);
    ok(await fac.send('step.reveal', { revealed: true }, step.id), 'reveal the summaries');
    texts.push(note, summary);
  },
  checklist: async ({ phones, fac }, step, texts) => {
    const { items } = step as ChecklistStep;
    const points = ['al', 'deels', 'nog-niet'];
    for (const [i, p] of phones.entries())
      for (const [n, item] of items.slice(0, 3).entries()) {
        const comment = n === 0 ? { comment: `${step.id} toelichting ${i + 1}` } : {};
        ok(await p.send('checklist.rate', { itemId: item.id, point: points[(i + n) % points.length]!, ...comment }, step.id), item.id);
        if (n === 0) texts.push(comment.comment!);
      }
    ok(await fac.send('step.reveal', { revealed: true }, step.id), 'reveal');
  },
  recap: async ({ fac }, step, texts) => {
    // Each script runs in an arena of its own, a first meeting: whatever the arena gave is shown, part by part.
    for (const part of recapOf(fac.state!.arenaContext).parts) {
      ok(await fac.send('recap.show', { partId: part.id }, step.id), part.id);
      texts.push(part.title);
    }
  },
  smallwin: async ({ phones }, step, texts) => {
    const title = `Small win uit ${step.id}`;
    ok(
      await phones[0]!.send(
        'smallwin.register',
        { title, result: 'Mantelzorgers komen om 10 uur op de koffie', mechanisms: ['energizing', 'verbinden'], paths: ['verspreiden'], phase: 'actiefase' },
        step.id,
      ),
      title,
    );
    texts.push(title);
  },
};

describe('every shipped script, start to finish', () => {
  let oogst: Running;
  const { scripts } = loadScriptDir('facilitation-scripts');
  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000' } });
  });
  afterAll(() => oogst?.stop());

  it('ships the scripts the methods need', () => {
    expect([...scripts.keys()].sort()).toEqual([
      'actieonderzoek-reflectie',
      'klaag-en-jubelmuur',
      'leer-en-verbetertraject-1-ambitie',
      'leer-en-verbetertraject-2-weten-wat-werkt',
      'leer-en-verbetertraject-3-actie',
      'leer-en-verbetertraject-4-monitoren-en-evalueren',
      'leer-en-verbetertraject-5-opschalen-en-verankeren',
      'monitoring',
      'ontwerpvragen',
      'oplaadfase-check-in',
      'small-wins-reflectie',
      'transitiearena',
      'waarderend-veranderen',
      'waarderend-veranderen-1-kernthema',
      'waarderend-veranderen-2-verkennen',
      'waarderend-veranderen-3-verbeelden-en-vormgeven',
      'waarderend-veranderen-4-verwezenlijken',
    ]);
  });

  for (const script of scripts.values()) {
    it(`runs ${script.id} and harvests every step`, async () => {
      const s = await startSession(oogst.url, script.id);
      const fac = await facilitator(oogst.url, s);
      const phones = [await participant(oogst.url, s), await participant(oogst.url, s), await participant(oogst.url, s)];
      const texts: string[] = [];
      for (const step of script.steps) {
        ok(await fac.send('session.goto', { stepId: step.id }), `goto ${step.id}`);
        await Promise.all(phones.map((p) => p.until((v) => v.state!.steps[v.state!.current]!.id === step.id, 5000, step.id)));
        const act = actors[step.kind];
        expect(act, `an actor for ${step.kind}`).toBeDefined();
        await act!({ fac, phones, url: oogst.url, sessionId: s.session.id }, step, texts);
      }
      const md = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
      const json = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.json`, undefined, s.arena.key);
      expect(md.status).toBe(200);
      expect(json.body.steps.map((st: { id: string }) => st.id)).toEqual(script.steps.map((st) => st.id));
      for (const step of script.steps) expect(md.body).toContain(step.title);
      for (const text of texts) expect(md.body, `${script.id}: "${text}" in the harvest`).toContain(text);
      for (const p of phones) expect(md.body).not.toContain(p.identity.pseudonym);
      for (const v of [fac, ...phones]) v.close();
    });
  }
});
