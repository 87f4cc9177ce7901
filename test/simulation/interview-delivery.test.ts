/**
 * The delivery property for interview steps, in seeded random sessions: views that got a
 * snapshot and then the events routed to them equal a fresh projection, and never hold
 * another pair's notes.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exportedEvents } from '../../core/exported.js';
import { project, reduce } from '../../core/session.js';
import { FIELDS, interviewModel, type InterviewData } from '../../kinds/interview/model.js';
import { models } from '../../kinds/registry.js';
import { buildSession } from '../../server/harvest/document.js';
import { FAC, start, type View } from '../helpers/interview-session.js';
import { seeded } from '../helpers/random.js';

describe('interview: delivery property for random sessions', () => {
  const WORDS = ['Samen zorgen', 'Lef', 'Korte lijnen', 'Tijd', 'Vertrouwen', 'De huisarts belde terug'];

  async function simulate(seed: number, rounds: number) {
    const { next: random, pick } = seeded(seed);
    const s = await start();
    const violations: string[] = [];
    const check = (v: View) => {
      if (v === s.privateFacilitator) {
        for (const step of v.state.steps.filter((st) => st.kind === 'interview'))
          for (const n of (v.state.stepStates[step.id]!.data as InterviewData).notes) {
            const real = s.data(step.id).notes.find((r) => r.id === n.id)!;
            for (const f of FIELDS) if (n[f] !== undefined && !real.shared.includes(f)) violations.push(`facilitator holds unshared ${f} of ${n.id}`);
          }
        return;
      }
      if (v.viewer.role === 'facilitator') return;
      for (const step of v.state.steps) {
        if (step.kind !== 'interview') continue;
        const held = v.state.stepStates[step.id]!.data as InterviewData;
        const server = s.data(step.id);
        for (const n of held.notes) {
          const real = server.notes.find((r) => r.id === n.id);
          if (!real) {
            violations.push(`${v.viewer.role} holds a note the server does not have`);
            continue;
          }
          if (v.viewer.role === 'screen') {
            for (const f of FIELDS) if (n[f] !== undefined && (!real.shared.includes(f) || n[f] !== real[f])) violations.push(`screen holds unshared ${f} of ${n.id}`);
            if (n.pairId !== undefined || n.about !== undefined) violations.push('screen knows whose note it is');
          } else {
            const pair = server.pairs.find((p) => p.id === real.pairId)!;
            const me = pair.members.find((m) => m.id === v.viewer.participantId);
            if (!me || me.since > real.seq!) violations.push(`${v.viewer.participantId} holds a note of another pair`);
          }
        }
        for (const pair of held.pairs)
          for (const m of pair.members) {
            if (v.viewer.role === 'screen' && (m.id !== undefined || m.pseudonym !== undefined)) violations.push('screen holds a name');
            if (v.viewer.role === 'participant' && m.id !== undefined && m.id !== v.viewer.participantId) violations.push('phone holds another id');
          }
      }
    };
    s.onDelivery(check);
    s.connect(FAC);
    s.connect({ role: 'screen' });
    let people = 0;
    for (let i = 0; i < rounds; i++) {
      const state = s.runtime.state;
      const step = state.steps[state.current]!;
      const data = step.kind === 'interview' ? s.data(step.id) : undefined;
      const roll = random();
      if (roll < 0.1 || s.present.length < 2) await s.join(`p${people++}`);
      else if (roll < 0.15) {
        // Somebody gone for good, or somebody back after a while.
        const gone = Object.keys(state.participants).filter((id) => !s.present.includes(id));
        if (random() < 0.6 || !gone.length) await s.leave(pick(s.present));
        else await s.join(pick(gone));
      } else if (roll < 0.19) await s.goto(pick(state.steps).id);
      else if (roll < 0.24) s.connect(random() < 0.5 ? { role: 'screen' } : s.viewer(pick(s.present)));
      else if (!data) await s.goto(pick(['interview', 'tweede']));
      else if (roll < 0.3 || !data.round) await s.fac('interview.pair', {}, step.id);
      else if (roll < 0.36) await s.fac('interview.swap', {}, step.id);
      else if (roll < 0.39) await s.fac('interview.regroup', {}, step.id);
      else if (roll < 0.41) await s.as(pick(s.present), 'interview.join', {}, step.id);
      else if (roll < 0.75) {
        // Mostly the one asking writes about the one telling; sometimes anyone tries anything.
        const pair = pick(data.pairs);
        const by = random() < 0.8 && pair.interviewer >= 0 ? pair.members[pair.interviewer]!.id! : pick(s.present);
        const about = random() < 0.85 && pair.interviewee >= 0 ? pair.interviewee : Math.floor(random() * 3);
        await s.as(by, 'interview.note', { pairId: pair.id, about, story: random() < 0.7 ? `${pick(WORDS)} ${i}` : '', strengths: pick(WORDS), conditions: random() < 0.5 ? pick(WORDS) : '' }, step.id);
      } else if (data.notes.length) {
        const target = pick(data.notes);
        const pair = data.pairs.find((p) => p.id === target.pairId)!;
        const by = random() < 0.85 ? pair.members[target.about!]!.id! : pick(s.present);
        const fields = FIELDS.filter((f) => target[f] && random() < 0.6);
        if (s.present.includes(by)) await s.as(by, 'interview.share', { noteId: target.id, fields }, step.id);
      }
    }
    const log = await s.store.loadEvents('s', 0);
    await s.store.close();
    return { s, violations, log };
  }

  for (const seed of [7, 11, 2024, 31337]) {
    it(`holds for random session ${seed}: no view holds another pair's unshared notes, each equals a fresh projection`, async () => {
      const { s, violations, log } = await simulate(seed, 500);
      expect(violations).toEqual([]);
      const data = s.data();
      expect(data.round).toBeGreaterThan(1);
      expect(data.notes.length).toBeGreaterThan(3);
      expect(data.notes.some((n) => n.shared.length)).toBe(true);
      expect(data.pairs.some((p) => p.members.some((m) => m.status === 'left'))).toBe(true);
      for (const v of s.views) {
        const { seq: _a, ...held } = v.state;
        const { seq: _b, ...fresh } = project(s.runtime.state, v.viewer, models);
        expect(held, `${v.viewer.role} ${v.viewer.participantId ?? ''}`).toEqual(fresh);
        expect(isDeepStrictEqual(held, fresh), `${v.viewer.role} ${v.viewer.participantId ?? ''} strictly`).toBe(true);
      }
      // The kind's facilitator projection and redaction agree: ready for a core that applies them.
      for (const step of s.runtime.state.steps.filter((st) => st.kind === 'interview')) {
        const held = s.privateFacilitator.state.stepStates[step.id]!.data;
        expect(held).toEqual(interviewModel.project(s.data(step.id), FAC, { step, revealed: false }));
      }
      // The arena export's log holds no unshared text, and replays to the same harvest.
      const exported = exportedEvents(log, 's', models);
      const notes = s.runtime.state.steps.filter((st) => st.kind === 'interview').flatMap((st) => s.data(st.id).notes);
      const texts = (shared: boolean) => notes.flatMap((n) => FIELDS.filter((f) => n[f] && n.shared.includes(f) === shared).map((f) => n[f]!));
      // The words repeat between notes: a text on the wall in one note may stand unshared in another.
      const unshared = texts(false).filter((t) => !texts(true).includes(t));
      expect(unshared.length).toBeGreaterThan(0);
      const file = JSON.stringify(exported);
      for (const text of unshared) expect(file).not.toContain(JSON.stringify(text));
      expect(buildSession(reduce(exported, 's', models))).toEqual(buildSession(s.runtime.state));
    });
  }
});
