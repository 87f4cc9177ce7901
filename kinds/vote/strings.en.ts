/** The texts of dot voting in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'kind.vote': 'Dot voting',
  'count.dots.one': '{n} dot',
  'count.dots.other': '{n} dots',
  'vote.left': '{n} of {max} dots left',
  'vote.closed': 'Voting is closed.',
  'vote.add': 'Add a dot',
  'vote.remove': 'Remove a dot',
  'vote.rules': '{dots} dots per participant, at most {max} per item. The group picks {choose}.',
  'vote.open': 'Voting is open: participants place and move their dots.',
  'vote.close': 'Close voting',
  'vote.reopen': 'Reopen voting',
  'vote.hidden-until-reveal': 'The result appears when the facilitator shows it.',
  'vote.chosen': 'chosen',
  'vote.tie': 'tied',
  'vote.tie-undecided': 'tie — the group decides',
  'vote.without-dots': 'Without dots: {n}',
  'vote.tie-at-cut': 'A tie at the cut: the group chooses between the tied items.',
  'vote.empty': 'Nothing on the ballot yet.',
  'vote.no-source': 'This vote reads from step "{from}", which is not an earlier step with design questions, a wall or open questions.',
  'vote.phones-wait': 'The phones do not have the ballot yet, so nobody can vote yet.',
  'vote.share-questions': 'Put the list on the phones',
  'vote.phones-wall': 'Phones cannot vote on the notes of a wall: a phone holds only its own notes. Let the group vote on design questions.',
  'vote.phone-rules': 'You have {dots} dots, at most {max} per question. You can move them until the vote closes.',
};
