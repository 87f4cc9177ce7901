/** The facilitator's commands that belong to no exercise kind: moving through the agenda and revealing results. */
import Type from 'typebox';
import { CORE_EVENTS, type StepOpened, type StepRevealed } from '../../core/session.js';
import { accept, command, refuse, type CommandSpec } from '../../kinds/definition.js';
import { StepIdSchema } from '../../kinds/ids.js';

export const coreCommands: Readonly<Record<string, CommandSpec<unknown, any>>> = {
  /** Payload names the step to go to: the room follows. */
  'session.goto': command({
    payload: Type.Object({ stepId: StepIdSchema }, { additionalProperties: false }),
    roles: ['facilitator'],
    decide({ state }, { stepId }) {
      if (!state.steps.some((s) => s.id === stepId)) return refuse('not-found', `No step "${stepId}" in this session.`);
      return accept(CORE_EVENTS.opened, { stepId } satisfies StepOpened);
    },
  }),
  /** Envelope's stepId is the step whose results are shown to (or hidden from) the room. */
  'step.reveal': command({
    payload: Type.Object({ revealed: Type.Boolean() }, { additionalProperties: false }),
    roles: ['facilitator'],
    decide(_ctx, { revealed }) {
      return accept(CORE_EVENTS.revealed, { revealed } satisfies StepRevealed);
    },
  }),
};

/** Core commands that act on the step named in the command's envelope. */
export const STEP_SCOPED_CORE = new Set(['step.reveal']);
