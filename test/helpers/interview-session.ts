/** One interview session on the real runtime, with views kept as the browser keeps them: for the interview's unit tests and its simulation. */
import type { Viewer } from '../../core/protocol.js';
import { applyEvent, CORE_EVENTS, project, reduce } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { interviewModel as typedInterviewModel, type InterviewData, type InterviewStep } from '../../kinds/interview/model.js';
import { models } from '../../kinds/registry.js';
import { SessionRuntime } from '../../server/sessions/session-runtime.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { deliverToViews } from './simulated-views.js';
import { erased } from './erased.js';

const interviewModel = erased(typedInterviewModel);

export const STEPS: StepDef[] = [
  { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Pak je telefoon.' },
  { id: 'interview', kind: 'interview', title: 'Waarderende interviews' } satisfies InterviewStep,
  { id: 'tweede', kind: 'interview', title: 'Tweede ronde', guide: ['Wat ging er goed?'], wallTitle: 'Krachten' } satisfies InterviewStep,
];

export interface View {
  viewer: Viewer;
  state: SessionState;
}

export const FAC: Viewer = { role: 'facilitator' };
/** One session with the real runtime; views are kept as the browser keeps them. */
export async function start(steps: StepDef[] = STEPS, names = { title: 'T', arena: 'Arena', script: 'Interviews' }) {
  const store = new SqliteStore(':memory:');
  await store.createArena({ id: 'a', title: 'Arena', theme: null, keyHash: 'x', createdAt: 0 });
  const row = { id: 's', arenaId: 'a', code: 'ABCDEF', title: 'T', scriptId: 'interviews', createdAt: 0 };
  const created = {
    id: 'c',
    seq: 1,
    type: CORE_EVENTS.created,
    actor: { role: 'facilitator' as const },
    payload: { title: names.title, arena: { id: 'a', title: names.arena }, script: { id: 'interviews', title: names.script }, steps },
    at: 0,
  };
  await store.createSession(row, created);
  const present: string[] = [];
  const views: View[] = [];
  /**
   * The facilitator as a core that asks kinds about the facilitator too would keep it: the
   * interview's events redacted by the kind for the facilitator (today the core sends them as stored).
   */
  const privateFacilitator: View = { viewer: FAC, state: reduce([created], 's', models) };
  const runtime: SessionRuntime = new SessionRuntime(
    row,
    reduce([created], 's', models),
    store,
    (rt, event, audience) => {
      const step = rt.state.steps.find((st) => st.id === event.stepId);
      const ctx = { step: step!, revealed: false };
      applyEvent(privateFacilitator.state, step?.kind === 'interview' ? interviewModel.redact!(event, FAC, ctx) : event, models);
      afterDelivery(privateFacilitator);
      deliverToViews(views, rt.state, event, audience, (v) => afterDelivery(v));
    },
    () => present,
  );
  let afterDelivery = (_v: View) => {};
  const connect = (viewer: Viewer): View => {
    const view = { viewer, state: project(runtime.state, viewer, models) };
    views.push(view);
    return view;
  };
  const phones = new Map<string, View>();
  let n = 0;
  const s = {
    runtime,
    store,
    present,
    views,
    privateFacilitator,
    phones,
    connect,
    onDelivery(check: (v: View) => void) {
      afterDelivery = check;
    },
    data: (stepId = 'interview') => runtime.state.stepStates[stepId]!.data as InterviewData,
    viewer: (id: string): Viewer => ({ role: 'participant', participantId: id, pseudonym: `Deelnemer ${id}` }),
    async join(id: string, pseudonym = `Deelnemer ${id}`) {
      if (!runtime.state.participants[id]) await runtime.join({ id, sessionId: 's', tokenHash: id, pseudonym, createdAt: n++ });
      phones.set(id, connect({ role: 'participant', participantId: id, pseudonym }));
      present.push(id);
      return runtime.presenceChanged({ joined: id });
    },
    /** Gone for longer than the grace period: the phone's view goes away, then the runtime hears of it. */
    async leave(id: string) {
      present.splice(present.indexOf(id), 1);
      for (let i = views.length - 1; i >= 0; i--) if (views[i]!.viewer.participantId === id) views.splice(i, 1);
      phones.delete(id);
      return runtime.presenceChanged({ left: id });
    },
    fac: (type: string, payload: unknown = {}, stepId = 'interview', id?: string) =>
      runtime.handle({ id: id ?? `f${n++}`, type, stepId, payload }, FAC),
    as: (who: string, type: string, payload: unknown, stepId = 'interview') =>
      runtime.handle({ id: `p${n++}`, type, stepId, payload }, { role: 'participant', participantId: who }),
    goto: (stepId: string) => runtime.handle({ id: `g${n++}`, type: 'session.goto', payload: { stepId } }, FAC),
  };
  return s;
}
