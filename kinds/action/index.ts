import Type from 'typebox';
import type { Actor } from '../../core/protocol.js';
import { accept, cleanText, command, defineKind, refuse, type Decision } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { actionContext } from './arena.js';
import { actionArena, glanceActions, harvestActions } from './harvest.js';
import { actionRecap } from './recap.js';
import { actionModel, ACTION_EVENTS, carriedActions, participantsPropose, UPDATE_FIELDS, type ActionData } from './model.js';
import { ActionInput, contextSchema, events, LIMITS, stepSchema, UpdateInput, type ActionEvent, type ActionHidden, type ActionStep, type UpdateFields, type UpdateHidden } from './schema.js';

export { LIMITS };

function mayContribute(step: ActionStep, actor: Actor): Decision | undefined {
  if (actor.role === 'participant' && !participantsPropose(step)) return refuse('forbidden', 'In this step the facilitator records the actions.');
  return undefined;
}

/** The item as a view that dropped it needs it back (no author, no hidden flag), or undefined when there is none. */
function shownOf<T extends { id: string; author?: string; hidden: boolean }>(list: T[], id: string) {
  const item = list.find((x) => x.id === id);
  if (!item) return undefined;
  const { author: _a, hidden: _h, ...shown } = item;
  return shown;
}

export const action = defineKind<ActionData, ActionEvent, ActionStep>()({
  ...actionModel,
  stepSchema,
  events,
  commands: {
    'action.propose': command({
      payload: Type.Object(ActionInput, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor }, input) {
        if (step.mode === 'update') return refuse('forbidden', 'This step updates the arena’s actions; it takes no new ones.');
        const forbidden = mayContribute(step, actor);
        if (forbidden) return forbidden;
        const what = cleanText(input.what).replace(/\s+/g, ' ');
        if (!what) return refuse('invalid', 'An action needs to say what we are going to do.');
        const max = step.maxActions ?? LIMITS.actionsPerParticipant;
        if (actor.id && data.actions.filter((a) => a.author === actor.id).length >= max) return refuse('limit-reached', `At most ${max} actions per participant in this step.`);
        if (data.actions.length >= LIMITS.actionsPerStep) return refuse('limit-reached', `This step holds at most ${LIMITS.actionsPerStep} actions.`);
        return accept(ACTION_EVENTS.proposed, { what, who: cleanText(input.who ?? ''), when: cleanText(input.when ?? ''), target: cleanText(input.target ?? '') });
      },
    }),
    'action.hide': command({
      payload: Type.Object({ actionId: EntityIdSchema, hidden: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { actionId, hidden }) {
        const shown = shownOf(data.actions, actionId);
        if (!shown) return refuse('not-found', 'No such action.');
        return accept(ACTION_EVENTS.hidden, { actionId, hidden, ...(hidden ? {} : { action: shown }) } satisfies ActionHidden);
      },
    }),
    'action.update': command({
      payload: Type.Object(UpdateInput, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor, state }, input) {
        const forbidden = mayContribute(step, actor);
        if (forbidden) return forbidden;
        if (!carriedActions(state.arenaContext).some((a) => a.id === input.actionId && a.session.id === input.sessionId))
          return refuse('not-found', 'No such open action in the earlier sessions of this arena.');
        const update: UpdateFields = { sessionId: input.sessionId, actionId: input.actionId, ...(input.status ? { status: input.status } : {}) };
        for (const field of UPDATE_FIELDS) {
          const text = cleanText(input[field] ?? '');
          if (text) update[field] = text;
        }
        if (Object.keys(update).length === 2) return refuse('invalid', 'An update needs a status or something said.');
        if (actor.id && data.updates.filter((u) => u.author === actor.id).length >= LIMITS.updatesPerParticipant)
          return refuse('limit-reached', `At most ${LIMITS.updatesPerParticipant} updates per participant in this step.`);
        if (data.updates.length >= LIMITS.updatesPerStep) return refuse('limit-reached', `This step holds at most ${LIMITS.updatesPerStep} updates.`);
        return accept(ACTION_EVENTS.updated, update);
      },
    }),
    'action.hide-update': command({
      payload: Type.Object({ updateId: EntityIdSchema, hidden: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { updateId, hidden }) {
        const shown = shownOf(data.updates, updateId);
        if (!shown) return refuse('not-found', 'No such update.');
        return accept(ACTION_EVENTS.updateHidden, { updateId, hidden, ...(hidden ? {} : { update: shown }) } satisfies UpdateHidden);
      },
    }),
  },

  harvest: harvestActions,
  glance: glanceActions,
  arenaContext: actionContext,
  contextSchema,
  arena: { ...actionArena, recap: actionRecap },
});
