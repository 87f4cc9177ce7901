/** The texts of the poll in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'kind.poll': 'Poll',
  'poll.vote': 'Vote',
  'poll.max': 'Choose at most {max}',
  'poll.closed': 'Voting is closed.',
  'poll.hidden-until-reveal': 'The results appear when the facilitator shows them.',
  'poll.open': 'Participants can vote and still change their vote.',
  'poll.close': 'Close voting',
  'poll.reopen': 'Reopen voting',
  'poll.mean': 'Mean {mean}',
  'poll.results': 'Results',
  'poll.mode.single': 'one answer',
  'poll.mode.multiple': 'several answers',
  'poll.mode.multiple-max': 'at most {max} answers',
  'poll.mode.scale': 'scale from {min} to {max}',
};
