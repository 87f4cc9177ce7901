/**
 * Importing an arena file, all of it off the event loop: parsing the JSON,
 * checking it against the export schema, the conflicts with what this server
 * holds, replaying every session (fromExport) and the one transaction that
 * writes it. The checks are those of arena-transfer.ts; only where they run moved.
 */
import { ExportSchema, fromExport, type ArenaExport } from '../arena-transfer.js';
import { HttpError } from '../http-errors.js';
import { importProblems, type ImportProblem } from '../import-checks.js';
import { newJoinCode, newLogbookCode } from '../secrets.js';
import { isTakenKey } from '../store/store-errors.js';
import type { Store } from '../store/store.js';
import { check, describe } from '../validation.js';

function parse(file: Uint8Array): ArenaExport {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid', 'The file is not valid JSON: export the arena again and import that file.');
  }
  // Cleaned like every other input (core/text.ts): an old file's control characters do not come back in.
  const checked = check(ExportSchema, data);
  if (checked.ok) return checked.value as ArenaExport;
  throw new HttpError(400, 'invalid', describe(checked.details) || 'The request is not valid.', checked.details);
}

/** Stores the arena in `file` under the key whose hash is given; what the route answers with. */
export async function importArenaFile(store: Store, bytes: Uint8Array, keyHash: string) {
  const file = parse(bytes);
  const refuse = (p: ImportProblem) => new HttpError(p.status, p.code, p.problem, undefined, p.params);
  if (await store.getArena(file.arena.id)) throw refuse(importProblems.arenaExists());
  const codes = new Map<string, string>();
  for (const s of file.sessions) {
    if (await store.getSession(s.id)) throw refuse(importProblems.sessionExists(s.title));
    // A join code taken here by another session gets a fresh one; nothing refers to codes.
    let code = s.code;
    while ((await store.getSessionByCode(code)) || [...codes.values()].includes(code)) code = newJoinCode();
    codes.set(s.id, code);
  }
  // Likewise a logbook link's code: its members get the new one from the arena page.
  const linkCodes = new Map<string, string>();
  for (const l of file.logbook?.links ?? []) {
    let code = l.code;
    while ((await store.getLogbookLinkByCode(code)) || [...linkCodes.values()].includes(code)) code = newLogbookCode();
    linkCodes.set(l.id, code);
  }
  const dump = fromExport(file, keyHash, codes, linkCodes);
  if ('problem' in dump) throw refuse(dump);
  try {
    await store.importArena(dump);
  } catch (error) {
    // The checks above leave one taken key: a participant id of another arena (or a race with a second import).
    if (isTakenKey(error)) throw refuse(importProblems.idsTaken());
    throw error;
  }
  const { arena } = dump;
  return { id: arena.id, title: arena.title, theme: arena.theme, locale: arena.locale ?? 'nl', method: arena.method ?? null };
}
