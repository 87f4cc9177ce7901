/**
 * Type tests of `Session.send` (client/lib/commands.ts), checked by `npm run typecheck`:
 * each `@ts-expect-error` fails the typecheck if the mistake below it compiles.
 * Never run; nothing here reaches a bundle.
 */
import type { Session } from '../../client/lib/session.svelte.js';

export function sends(session: Session, stepId: string): void {
  // Right: a kind's command, a core command, an empty payload, an optional field.
  session.send('wall.post', { column: 'klaag', text: 'Te veel vergaderingen' }, stepId);
  session.send('moderation.approve', { ids: ['a', 'b'] });
  session.send('timer.pause', {});
  session.send('timer.start', { seconds: 60 }, stepId);
  session.send('wall.move', { noteId: 'n1', clusterId: null }, stepId);

  // @ts-expect-error a command type with a typo
  session.send('wall.pots', { column: 'klaag', text: 'x' }, stepId);
  // @ts-expect-error a command no kind has
  session.send('evil.command', {});
  // @ts-expect-error a payload field with a typo
  session.send('wall.post', { colum: 'klaag', text: 'x' }, stepId);
  // @ts-expect-error a required payload field left out
  session.send('wall.post', { column: 'klaag' }, stepId);
  // @ts-expect-error a payload field of the wrong type
  session.send('vote.place', { itemId: 'i1', dots: '2' }, stepId);
  // @ts-expect-error a field in a payload that takes none
  session.send('timer.pause', { seconds: 1 });
  // @ts-expect-error another command's payload
  session.send('session.goto', { revealed: true });
  // @ts-expect-error a null clusterId is allowed, a number is not
  session.send('wall.move', { noteId: 'n1', clusterId: 3 }, stepId);

  // @ts-expect-error entries of a command type with a typo
  session.entries('wall.pots', stepId);
}
