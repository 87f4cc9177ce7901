/** The texts of the wat-werkt check in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'kind.checklist': 'What-works check',
  'count.raters.one': '{n} participant answered',
  'count.raters.other': '{n} participants answered',
  'checklist.progress': '{done} of {total} answered',
  'checklist.source': 'Source',
  'checklist.comment': 'Comment',
  'checklist.comment-add': 'Add a comment',
  'checklist.comment-edit': 'Change the comment',
  'checklist.comment-save': 'Save comment',
  'checklist.answer': 'Your answer',
  'checklist.hidden-until-reveal': 'The outcome appears when the facilitator shows it.',
  'checklist.heatmap': 'Answers per element, most to gain at the top',
  'checklist.item': 'Element',
  'checklist.gain': 'To gain',
  'checklist.more.one': 'and {n} element with less to gain',
  'checklist.more.other': 'and {n} elements with less to gain',
  'checklist.comments': 'Comments ({n})',
  'checklist.none': 'No answers yet.',
};
