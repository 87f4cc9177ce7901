/** The texts of the wall in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'count.notes.one': '{n} note',
  'count.notes.other': '{n} notes',
  'kind.wall': 'Wall',
  'wall.choose-column': 'Choose a column',
  'wall.placeholder': 'One thought per note…',
  'wall.post': 'Post note',
  'wall.yours': 'Your notes',
  'wall.used': '{n} of {max} notes posted',
  'wall.limit': 'You have posted the maximum number of notes.',
  'wall.empty': 'No notes yet.',
  'wall.select': 'Select note',
  'wall.selected.one': '{n} note selected',
  'wall.selected.other': '{n} notes selected',
  'wall.cluster.title': 'Title of the group',
  'wall.cluster.create': 'Group selection',
  'wall.cluster.add': 'Add to group…',
  'wall.cluster.rename': 'Rename',
  'wall.cluster.dissolve': 'Dissolve group',
  'wall.cluster.loose': 'Not grouped',
  'wall.ungroup': 'Ungroup',
  'wall.clear-selection': 'Clear selection',
};
