import type { KindModel } from '../../core/kind.js';
import type { SessionEvent } from '../../core/protocol.js';
import type { StepDef } from '../../core/state.js';

/**
 * A kind's model as the session reducer holds it: any event of the log, any step.
 * The tests drive the models with events as the log holds them, so they use this.
 */
export const erased = <D>(model: KindModel<D, any, any>): KindModel<D, SessionEvent, StepDef> => model;
