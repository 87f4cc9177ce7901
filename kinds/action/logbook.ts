/**
 * Actions in the arena's logbook between meetings (`KindArena.logbook`): members write
 * an update on an open action (the same fields and status as a session's update step),
 * and the updates the facilitator let through join the action's history, dated, with
 * "Logboek" where a session's title stands.
 */
import { cleanText } from '../../core/text.js';
import type { KindLogbook, LogbookUpdate } from '../arena-contract.js';
import { arenaActions, type ArenaAction, type SessionRef } from './arena.js';
import { isOpen, STATUSES, UPDATE_FIELDS, type StatusId } from './model.js';
import { LIMITS } from './schema.js';
import { nl } from './strings.js';
import { en } from './strings.en.js';

/** Where a logbook update comes from, as the history names it in place of a session. */
export const LOGBOOK_SOURCE = (date: number): SessionRef => ({ id: 'logboek', title: 'Logboek', date });

export const actionLogbook: KindLogbook = {
  subjects: ({ sessions, metOn, logbook }) =>
    arenaActions(sessions, metOn, logbook)
      .filter((a) => isOpen(a.status))
      .map(({ action, session }) => ({ sessionId: session.id, itemId: action.id, title: action.what })),
  form(locale) {
    const t = locale === 'en' ? en : nl;
    return {
      fields: UPDATE_FIELDS.map((id) => ({ id, label: t[`action.${id}`] })),
      status: { id: 'status', label: t['action.status'], options: STATUSES.map((id) => ({ id, label: t[`action.status.${id}`] })) },
    };
  },
  fields(given) {
    const kept: Record<string, string> = {};
    for (const [key, value] of Object.entries(given)) {
      const text = cleanText(value);
      if (key === 'status') {
        if (!text) continue;
        if (!(STATUSES as readonly string[]).includes(text)) return undefined;
      } else if (!(UPDATE_FIELDS as readonly string[]).includes(key) || text.length > LIMITS.text) return undefined;
      if (text) kept[key] = text;
    }
    return kept;
  },
};

/**
 * Adds the logbook's updates on actions to their histories, each in the order it was
 * written among the sessions' updates; the status is the last one given. An update
 * without text fields keeps the entry's text as what was done.
 */
export function withLogbook(actions: Map<string, ArenaAction>, updates: readonly LogbookUpdate[], keyOf: (sessionId: string, actionId: string) => string) {
  const touched = new Set<ArenaAction>();
  for (const u of updates) {
    const target = u.kind === 'action' ? actions.get(keyOf(u.sessionId, u.itemId)) : undefined;
    if (!target) continue;
    const { status, ...said } = u.fields;
    const text = UPDATE_FIELDS.some((f) => said[f]) ? said : { did: u.text };
    target.history.push({ id: u.id, session: LOGBOOK_SOURCE(u.date), at: u.at, source: 'logboek', ...(status ? { status: status as StatusId } : {}), ...text });
    touched.add(target);
  }
  for (const target of touched) {
    target.history.sort((a, b) => a.at - b.at);
    const last = target.history.filter((h) => h.status).pop();
    if (last?.status) target.status = last.status;
  }
}
