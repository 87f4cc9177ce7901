/** The texts of the word cloud in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'count.words.one': '{n} word',
  'count.words.other': '{n} words',
  'kind.wordcloud': 'Word cloud',
  'wordcloud.placeholder': 'Type a word',
  'wordcloud.add': 'Add',
  'wordcloud.used': 'Words: {n} of {max}',
  'wordcloud.hidden-until-reveal': 'The word cloud appears when the facilitator shows it.',
  'wordcloud.live': 'Live: the word cloud is on the screen while it grows; no need to show it.',
  'wordcloud.empty': 'No words yet.',
  'wordcloud.spellings': 'also: {list}',
  'wordcloud.more.one': 'and {n} other word',
  'wordcloud.more.other': 'and {n} other words',
};
