/**
 * The arena's small wins: every visible win of every session of the arena, with
 * the progress later sessions recorded on it (latest phase, history). Rebuilt
 * from the sessions' logs on every request, like the harvest.
 */
import Type from 'typebox';
import { getOwn } from '../../core/records.js';
import type { SessionState } from '../../core/state.js';
import { arenaWins } from '../../kinds/smallwin/arena.js';
import { CHARACTERISTICS } from '../../kinds/smallwin/model.js';
import { authorisedArena, type TypedApp } from '../context.js';

const Params = Type.Object({ arenaId: Type.String({ maxLength: 64 }) });
const iso = (ms: number) => new Date(ms).toISOString();
const session = (s: { id: string; title: string; date: number }) => ({ id: s.id, title: s.title, date: iso(s.date) });

export default async function arenaSmallwinRoutes(app: TypedApp) {
  const ctx = app.oogst;

  app.get('/api/arenas/:arenaId/smallwins', { schema: { params: Params } }, async (request, reply) => {
    const { arenaId } = request.params;
    const { arena } = await authorisedArena(ctx, request, arenaId);
    const rows = await ctx.store.listSessions(arena.id);
    const states = (await Promise.all(rows.map((r) => ctx.hub.caughtUp(r.id)))).flatMap((r): SessionState[] => (r ? [r.state] : []));
    const wins = arenaWins(states).map(({ win, session: from, step, phase, history }) => ({
      id: win.id,
      session: session(from),
      stepId: step.id,
      title: win.title,
      result: win.result,
      visibleFor: win.visibleFor,
      characteristics: CHARACTERISTICS.filter((c) => win.characteristics[c.id] !== undefined).map((c) => ({
        id: c.id,
        ...(win.characteristics[c.id] ? { explanation: win.characteristics[c.id] } : {}),
      })),
      mechanisms: win.mechanisms,
      paths: win.paths,
      registeredPhase: win.phase,
      phase,
      answers: (step.questions ?? []).filter((q) => getOwn(win.answers, q.id)).map((q) => ({ questionId: q.id, question: q.text, answer: getOwn(win.answers, q.id)! })),
      registeredAt: iso(win.at),
      history: history.map((h) => ({ id: h.id, session: session(h.session), ...(h.phase ? { phase: h.phase } : {}), ...(h.note ? { note: h.note } : {}), at: iso(h.at) })),
    }));
    return reply.header('cache-control', 'no-store').send({ arena: { id: arena.id, title: arena.title }, wins });
  });
}
