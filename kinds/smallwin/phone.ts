/**
 * What the phone shows of its own commands in a small-wins step: its wins and its
 * progress on earlier wins as the server has them, then the ones still on their way
 * (or refused). Beside `Participant.svelte`, so the view keeps to its markup.
 */
import { getOwn } from '../../core/records.js';
import type { Session } from '../../client/lib/session.svelte.js';
import { offerKey, type EarlierWin, type SmallwinData, type WinFields, type WinOrigin } from './model.js';

/** This phone's wins, oldest first, each with the action it came from (a registration on its way names it by `from`). */
export function ownWins(session: Session, stepId: string, data: SmallwinData, offers: readonly WinOrigin[]) {
  const latest = (winId: string) =>
    session
      .entries('smallwin.edit', stepId)
      .filter((e) => e.command.payload.winId === winId)
      .slice(-1)[0] ?? getOwn(session.commands, winId);
  const saved = data.wins.map((win) => {
    const entry = latest(win.id);
    // An edit on its way shows as typed; the server's version once it is saved. WinForm
    // sends every field, so the payload (whose schema lets a script-less client leave
    // fields out) reads as the stored fields: the same holds for the registrations below.
    const fields = entry?.status === 'sending' && entry.command.type === 'smallwin.edit' ? (entry.command.payload as WinFields) : win;
    return { id: win.id, fields, hidden: win.hidden, entry, origin: win.origin };
  });
  const pending = session
    .entries('smallwin.register', stepId)
    .filter((e) => !data.wins.some((w) => w.id === e.command.id))
    .map((e) => {
      const { from } = e.command.payload;
      const origin = from && offers.find((o) => offerKey(o) === offerKey(from));
      return { id: e.command.id, fields: e.command.payload as WinFields, hidden: false, entry: e, origin };
    });
  return [...saved, ...pending];
}

/** This phone's progress on an earlier win: saved ones, then ones on their way. */
export function ownUpdates(session: Session, stepId: string, data: SmallwinData, win: EarlierWin) {
  const saved = data.updates
    .filter((u) => u.winId === win.id && u.sessionId === win.session.id)
    .map((u) => ({ ...u, entry: getOwn(session.commands, u.id) }));
  const pending = session
    .entries('smallwin.progress', stepId)
    .filter((e) => {
      const p = e.command.payload;
      return p.winId === win.id && p.sessionId === win.session.id && !data.updates.some((u) => u.id === e.command.id);
    })
    .map((e) => ({ ...e.command.payload, id: e.command.id, hidden: false, entry: e }));
  return [...saved, ...pending];
}
