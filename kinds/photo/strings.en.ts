/** The texts of the photo in English, fetched only when English is chosen. The type asks for every Dutch key. */
import type { nl } from './strings.js';

export const en: Record<keyof typeof nl, string> = {
  'kind.photo': 'Photo',
  'count.photos.one': '{n} photo',
  'count.photos.other': '{n} photos',
  'photo.yours': 'Your photos',
  'photo.used': '{n} of {max} photos sent',
  'photo.limit': 'You have sent the maximum number of photos.',
  'photo.waiting': 'Waiting for approval',
  'photo.shown': 'On the screen',
  'photo.hidden': 'Not shown',
  'photo.more.one': '+{n} photo not in view',
  'photo.more.other': '+{n} photos not in view',
  'photo.empty': 'No photos yet.',
  'photo.approve': 'Show on screen',
  'photo.hide': 'Hide',
  'photo.add': 'Add photo',
  'photo.waiting-count': '{n} waiting for approval',
  'photo.approval-off': 'Photos go straight to the screen.',
};
