/**
 * Checks on an arena file before anything of it is stored, as plain functions (no
 * store, no request) so they run wherever the import runs. Each problem carries a
 * code the page translates (`error.<code>` in client/lib/i18n), the values its
 * sentence names, and the sentence in English for everyone else.
 */
import type { ArenaExport } from './arena-transfer.js';

export interface ImportProblem {
  status: 400 | 409;
  code: string;
  params: Record<string, string | number>;
  problem: string;
}

const problem = (status: 400 | 409, code: string, params: Record<string, string | number>, text: string): ImportProblem => ({ status, code, params, problem: text });

export const importProblems = {
  arenaExists: () =>
    problem(409, 'import-arena-exists', {}, 'This arena is already on this server. Delete it first to import it again.'),
  sessionExists: (session: string) => problem(409, 'import-session-exists', { session }, `Session "${session}" is already on this server.`),
  idsTaken: () =>
    problem(
      409,
      'import-ids-taken',
      {},
      'Part of this file is already on this server (e.g. participants of another arena): the file was changed by hand, or imported here before.',
    ),
  twice: (what: 'session' | 'participant' | 'token' | 'event' | 'script' | 'contact', id: string, session = '') =>
    problem(
      400,
      `import-twice-${what}`,
      { id, session },
      `The file lists ${what === 'token' ? 'a participant token' : `${what} "${id}"`} twice${session ? ` in session "${session}"` : ''}: it was changed by hand or is damaged.`,
    ),
  numbering: (session: string) => problem(400, 'import-numbering', { session }, `Session "${session}": its events are not numbered 1, 2, 3, …`),
  unknownContact: (session: string) => problem(400, 'import-unknown-contact', { session }, `Session "${session}": a contact names an unknown participant.`),
  event: (session: string, seq: number, type: string, field: string) =>
    problem(
      400,
      'import-event',
      { session, seq, type, field },
      `Session "${session}", event ${seq} (${type}): ${field} is not what Oogst writes there, so the file was changed or is damaged.`,
    ),
  replay: (session: string, reason: string) => problem(400, 'import-replay', { session }, `Session "${session}" cannot be replayed: ${reason}`),
};

/** The first id that a file uses twice where the store keeps it once, at any level. */
export function duplicateIds(file: ArenaExport): ImportProblem | undefined {
  const first = <T>(items: readonly T[], key: (item: T) => string) => {
    const seen = new Set<string>();
    for (const item of items) {
      const k = key(item);
      if (seen.has(k)) return k;
      seen.add(k);
    }
    return undefined;
  };
  let id = first(file.sessions, (s) => s.id);
  if (id !== undefined) return importProblems.twice('session', id);
  if ((id = first(file.scripts, (s) => s.id)) !== undefined) return importProblems.twice('script', id);
  // A participant's id is unique on the whole server, not only in its session.
  const participants = file.sessions.flatMap((s) => s.participants.map((p) => ({ s, p })));
  if ((id = first(participants, ({ p }) => p.id)) !== undefined)
    return importProblems.twice('participant', id, participants.find(({ p }) => p.id === id)!.s.title);
  for (const s of file.sessions) {
    if (first(s.participants, (p) => p.tokenHash) !== undefined) return importProblems.twice('token', '', s.title);
    if ((id = first(s.events, (e) => e.id)) !== undefined) return importProblems.twice('event', id, s.title);
    if ((id = first(s.contacts, (c) => c.participantId)) !== undefined) return importProblems.twice('contact', id, s.title);
  }
  return undefined;
}
