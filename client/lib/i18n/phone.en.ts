/** English for `phone.nl.ts`, fetched when chosen. The type asks for every Dutch key. */
import type { nlPhone } from './phone.nl.js';

export const enPhone: Record<keyof typeof nlPhone, string> = {
  'lang.switch': 'Nederlands',

  'status.connecting': 'Connecting…',
  'status.connected': 'Connected',
  'status.reconnecting': 'Connection lost, trying again…',
  'status.refused': 'Not connected',

  'connect.protocol': 'This page is out of date. Please reload it.',
  'connect.unauthorized': 'This link no longer gives access. Open the session again from the start page.',
  'connect.not-found': 'This session does not exist (any more).',
  'connect.internal': 'The server could not open this session just now. Try again in a moment.',
  'action.reload': 'Reload page',

  'error.invalid': 'This could not be saved: please check your text.',
  'error.unknown-command': 'The server does not know this action. Please reload the page.',
  'error.forbidden': 'Your role does not allow this.',
  'error.closed': 'The facilitator has closed this; your choice can no longer change.',
  'error.step-not-active': 'This step is over; your contribution was not saved.',
  'error.not-found': 'This does not exist (any more).',
  'error.too-large': 'Your text is too long.',
  'error.limit-reached': 'You have reached the maximum number of contributions for this step.',
  'error.rate-limited': 'Slow down a little: we will send it again shortly.',
  'error.internal': 'Something went wrong on the server; nothing was saved.',
  'error.network': 'The server cannot be reached. Check the connection and try again.',

  'item.sending': 'sending…',
  'item.saved': 'saved',
  'item.dismiss': 'Remove',
  'item.held': 'waiting for approval',
  'item.rejected': 'not shown: rejected by the facilitator',
  'held.title': 'Waiting for the facilitator\'s approval',
  'item.hidden': 'hidden by the facilitator',

  'count.chars': '{n} / {max}',

  'join.title': 'Join in',
  'join.code': 'Code',
  'join.enter-code': 'Enter the code you see on the screen',
  'join.go': 'Join',

  'participant.you': 'You take part as',
  'participant.joining': 'One moment, you are joining…',
  'participant.busy': 'Many people are joining through this network at once. One moment, your turn is coming…',
  'participant.not-found': 'This code does not exist',
  'participant.not-found.hint': 'Check the code on the screen and try again.',
  'participant.too-many': 'Too many unknown codes are being tried from this network. Try again in a minute.',
  'participant.full': 'The session is full.',
  'timer.left': 'Time left:',
  'timer.up': 'Time is up',
  'participant.loading': 'Loading…',
  'participant.try-again': 'Try again',
  'participant.wait': 'Watch the screen. When there is something to do, you will see it here.',

  'contacts.title': 'Invitation to the next meeting',
  'contacts.name': 'Your name',
  'contacts.email': 'Your email address',
  'contacts.send': 'Send',
  'contacts.thanks': 'Thank you! You will be invited to the next meeting.',
  'timer.paused': 'paused',
};
