/**
 * The kinds' part in the logbook (`KindArena.logbook`), asked without naming one: the
 * open items members may write an update on, each kind's form, the check of what a
 * member sent, and the approved updates as the kinds' arena code reads them back.
 */
import { LOGBOOK_LIMITS, type LogbookEntry, type LogbookSubject, type LogbookUpdateForm } from '../../core/logbook.js';
import type { ArenaSessions, LogbookUpdate } from '../../kinds/arena-contract.js';
import { kindByName, kinds } from '../../kinds/registry.js';

/** Every kind's update form, for the arena page to name an update's fields. */
export function logbookForms(locale: 'nl' | 'en'): LogbookUpdateForm[] {
  return kinds.flatMap((kind) => (kind.arena?.logbook ? [{ kind: kind.kind, ...kind.arena.logbook.form(locale) }] : []));
}

/** Every kind's open items (the latest kept where there are many) and the forms of the kinds that have some, for the member page. */
export function logbookSubjects(arena: ArenaSessions, locale: 'nl' | 'en'): { subjects: LogbookSubject[]; forms: LogbookUpdateForm[] } {
  const subjects = kinds.flatMap((kind) => (kind.arena?.logbook?.subjects(arena) ?? []).map((item) => ({ kind: kind.kind, ...item })));
  const offered = new Set(subjects.map((s) => s.kind));
  return { subjects: subjects.slice(-LOGBOOK_LIMITS.subjects), forms: logbookForms(locale).filter((f) => offered.has(f.kind)) };
}

/** The fields as the kind keeps them, or undefined when the kind takes no logbook updates or they are not its own. */
export function logbookFields(kind: string, fields: Readonly<Record<string, string>>): Record<string, string> | undefined {
  return kindByName.get(kind)?.arena?.logbook?.fields(fields);
}

/** The visible entries about a kind's item, oldest first, as `ArenaSessions.logbook` carries them. */
export function logbookUpdates(entries: readonly Omit<LogbookEntry, 'linkId'>[]): LogbookUpdate[] {
  return entries.flatMap((e) =>
    e.state === 'visible' && e.about
      ? [{ id: e.id, kind: e.about.kind, sessionId: e.about.sessionId, itemId: e.about.itemId, fields: e.about.fields, text: e.text, date: Date.parse(`${e.date}T00:00:00Z`), at: e.createdAt }]
      : [],
  );
}
