/**
 * The votes' part of the recap at the start of a meeting: the ontwerpvragen the arena
 * chose (votes on a questions step), the latest meeting's first, each with where it was
 * chosen. Votes on actions are the actions' part; votes on notes or answers stay in
 * their own session's harvest.
 */
import { stepsOfKind } from '../../core/kind.js';
import type { SessionState } from '../../core/state.js';
import type { KindArena, RecapItem } from '../arena-contract.js';
import { sourceOf } from '../questions/items.js';
import { ballot, ranking } from './ballot.js';
import { voteModel, voteRules, type VoteData, type VoteStep } from './model.js';

const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });

export const voteRecap: NonNullable<KindArena<VoteData, VoteStep>['recap']> = {
  order: 20,
  part({ sessions, metOn }) {
    const latestFirst = [...sessions].sort((a, b) => metOn(b) - metOn(a) || b.createdAt - a.createdAt);
    const chosen = (state: SessionState): RecapItem[] =>
      stepsOfKind(state, voteModel)
        .filter(({ step }) => sourceOf(state, step)?.kind === 'questions')
        .flatMap(({ step, data }) => ranking(ballot(state, step) ?? [], data, voteRules(step).choose).filter((r) => r.chosen))
        .map((r) => ({ text: r.text, note: `${state.title}, ${day.format(new Date(metOn(state)))}` }));
    const items = latestFirst.flatMap(chosen);
    return items.length ? { title: 'Onze gekozen ontwerpvragen', items } : undefined;
  },
};
