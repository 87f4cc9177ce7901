/** The texts of "questions to the presenter" in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'kind.qna': 'Questions to the presenter',
  'qna.placeholder': 'Your question to the presenter…',
  'qna.ask': 'Ask',
  'qna.used': '{n} of {max} questions asked',
  'qna.limit': 'You have asked the most questions allowed.',
  'qna.anonymous': 'Your question is anonymous. Support the questions you want answered too.',
  'qna.list': 'Questions from the room',
  'qna.empty': 'No questions yet.',
  'qna.support': 'Support',
  'qna.yours': 'your question',
  'qna.answered': 'answered',
  'qna.mark-answered': 'Answered',
  'qna.mark-open': 'Not answered after all',
  'qna.votes.one': '{n} vote',
  'qna.votes.other': '{n} votes',
  'qna.count.one': '{n} question',
  'qna.count.other': '{n} questions',
  'qna.answered-count': '{n} answered',
  'qna.more.one': '+{n} question not shown',
  'qna.more.other': '+{n} questions not shown',
  'qna.presenter-hint': "The room's questions, the most supported first. Tap Answered once you have dealt with a question.",
  'qna.presenter-link': 'Open the presenter view with "Open presenter view" at the top: the screen for the presenter, with only the Answered button.',
};
