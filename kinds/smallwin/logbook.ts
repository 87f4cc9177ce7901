/**
 * Small wins in the arena's logbook between meetings (`KindArena.logbook`): members write
 * progress on a win of the arena (what happened, a new phase, the betekenisvolle stap, the
 * plek der moeite), and the progress the facilitator let through joins the win's
 * trajectory, dated, with "Logboek" where a session's title stands.
 */
import { cleanText } from '../../core/text.js';
import type { KindLogbook, LogbookUpdate } from '../arena-contract.js';
import { arenaWins } from './arena.js';
import { PHASES, type ProgressUpdate, type SessionRef } from './model.js';
import { LIMITS } from './schema.js';
import { nl } from './strings.js';
import { en } from './strings.en.js';

const TEXT_FIELDS = ['note', 'meaningfulStep', 'chafes'] as const;
const PHASE_IDS: readonly string[] = PHASES.map((p) => p.id);

export const smallwinLogbook: KindLogbook = {
  subjects: (arena) => arenaWins(arena).map(({ win, session }) => ({ sessionId: session.id, itemId: win.id, title: win.title })),
  form(locale) {
    const t = locale === 'en' ? en : nl;
    return {
      fields: [
        { id: 'note', label: t['smallwin.progress-form.note'] },
        { id: 'meaningfulStep', label: t['smallwin.meaningful-step'] },
        { id: 'chafes', label: t['smallwin.chafes'] },
      ],
      status: { id: 'phase', label: t['smallwin.progress-form.phase'], options: PHASES.map((p) => ({ id: p.id, label: p.label })) },
    };
  },
  fields(given) {
    const kept: Record<string, string> = {};
    for (const [key, value] of Object.entries(given)) {
      const text = cleanText(value);
      if (key === 'phase') {
        if (text && !PHASE_IDS.includes(text)) return undefined;
      } else if (!(TEXT_FIELDS as readonly string[]).includes(key) || text.length > LIMITS.text) return undefined;
      if (text) kept[key] = text;
    }
    return kept;
  },
};

/** The logbook's progress on small wins as the trajectory reads a session's: what happened is the entry's text where no field says it. */
export function logbookProgress(updates: readonly LogbookUpdate[]): { update: ProgressUpdate; session: SessionRef; source: 'logboek' }[] {
  return updates
    .filter((u) => u.kind === 'smallwin')
    .map((u) => {
      const { phase, note, meaningfulStep, chafes } = u.fields;
      const said = { ...(note || meaningfulStep || chafes ? {} : { note: u.text }), ...(note ? { note } : {}), ...(meaningfulStep ? { meaningfulStep } : {}), ...(chafes ? { chafes } : {}) };
      const update = { id: u.id, sessionId: u.sessionId, winId: u.itemId, at: u.at, seq: 0, hidden: false, ...(phase ? { phase } : {}), ...said } as ProgressUpdate;
      return { update, session: { id: 'logboek', title: 'Logboek', date: u.date }, source: 'logboek' as const };
    });
}
