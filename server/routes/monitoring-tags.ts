/**
 * The facilitator's themes on the monitoring answers, from the arena page: tag one
 * answer, or rename (or take off) a theme across the arena. Each tagging is the
 * core command `monitoring.tag` run in the answer's session, as the facilitator,
 * so it lands in that session's log as `monitoring.tagged` (core/monitoring-tags.ts)
 * and travels with it: harvest, export, import. Bounded per answer (the command)
 * and per arena (here: the number of themes the arena's answers carry).
 */
import Type from 'typebox';
import type { Ack } from '../../core/protocol.js';
import { cleanTheme, MAX_THEME_LENGTH, MAX_THEMES_PER_ANSWER, MAX_THEMES_PER_ARENA } from '../../core/monitoring-tags.js';
import type { SessionState } from '../../core/state.js';
import { EntityIdSchema, StepIdSchema } from '../../kinds/ids.js';
import { authorisedArena, type AppContext, type TypedApp } from '../context.js';
import { monitoringTrend } from '../harvest/monitoring.js';
import { HttpError, notFound } from '../http-errors.js';
import { newId } from '../secrets.js';

const ArenaParams = Type.Object({ arenaId: Type.String({ maxLength: 64 }) });
const Theme = Type.String({ minLength: 1, maxLength: MAX_THEME_LENGTH });
const TagBody = Type.Object(
  { sessionId: EntityIdSchema, stepId: StepIdSchema, answerId: EntityIdSchema, themes: Type.Array(Theme, { maxItems: MAX_THEMES_PER_ANSWER }) },
  { additionalProperties: false },
);
/** `to` absent: the theme comes off every answer that carries it. */
const RenameBody = Type.Object({ from: Theme, to: Type.Optional(Theme) }, { additionalProperties: false });

const STATUS: Record<string, number> = { 'not-found': 404, invalid: 400, 'too-large': 400 };

/** A refused tagging as the HTTP answer says it; anything else the session refuses is a 409. */
function refused(ack: Ack): void {
  if (!ack.ok) throw new HttpError(STATUS[ack.error] ?? 409, ack.error, ack.message, ack.details);
}

/** The arena's sessions, caught up with their logs. */
async function statesOf(ctx: AppContext, arenaId: string): Promise<SessionState[]> {
  const rows = await ctx.store.listSessions(arenaId);
  return (await Promise.all(rows.map((r) => ctx.hub.caughtUp(r.id)))).flatMap((r) => (r ? [r.state] : []));
}

/** Runs `monitoring.tag` in the session as its facilitator. */
async function tagIn(ctx: AppContext, sessionId: string, stepId: string, answerId: string, themes: string[]): Promise<void> {
  const runtime = await ctx.hub.get(sessionId);
  if (!runtime) throw notFound('Session');
  refused(await runtime.handle({ id: newId(), type: 'monitoring.tag', stepId, payload: { answerId, themes } }, { role: 'facilitator' }));
}

export default async function monitoringTagRoutes(app: TypedApp) {
  const ctx = app.oogst;

  /** One answer's themes from now on (none: untagged). A theme spelled as one the arena has, but for case, takes its spelling. */
  app.put('/api/arenas/:arenaId/monitoring/tags', { schema: { params: ArenaParams, body: TagBody } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    const { sessionId, stepId, answerId } = request.body;
    const states = await statesOf(ctx, arena.id);
    if (!states.some((s) => s.id === sessionId)) throw notFound('Session');
    const known = monitoringTrend(states).themes;
    const spelled = new Map(known.map((t) => [t.toLocaleLowerCase('nl'), t]));
    const themes = [...new Set(request.body.themes.map(cleanTheme).map((t) => spelled.get(t.toLocaleLowerCase('nl')) ?? t))];
    const added = themes.filter((t) => !known.includes(t));
    if (known.length + added.length > MAX_THEMES_PER_ARENA)
      throw new HttpError(400, 'limit-reached', `An arena keeps at most ${MAX_THEMES_PER_ARENA} themes: reuse one, or rename or remove one first.`);
    await tagIn(ctx, sessionId, stepId, answerId, themes);
    return reply.header('cache-control', 'no-store').send({ themes });
  });

  /** Renames a theme on every answer of the arena that carries it, or takes it off them. */
  app.post('/api/arenas/:arenaId/monitoring/themes', { schema: { params: ArenaParams, body: RenameBody } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    const from = cleanTheme(request.body.from);
    const to = request.body.to === undefined ? undefined : cleanTheme(request.body.to);
    if (to === '') throw new HttpError(400, 'invalid', 'A theme needs a name.');
    let answers = 0;
    for (const state of await statesOf(ctx, arena.id))
      for (const [stepId, byAnswer] of Object.entries(state.tags ?? {}))
        for (const [answerId, themes] of Object.entries(byAnswer)) {
          if (!themes.includes(from)) continue;
          const next = [...new Set(themes.flatMap((t) => (t !== from ? [t] : to ? [to] : [])))];
          await tagIn(ctx, state.id, stepId, answerId, next);
          answers++;
        }
    if (!answers) throw new HttpError(404, 'not-found', `No answer carries the theme "${from}".`);
    return reply.header('cache-control', 'no-store').send({ answers });
  });
}
