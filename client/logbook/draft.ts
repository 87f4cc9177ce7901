/** A logbook entry being written, kept on the phone (localStorage) until the server has it. */
import type { LogbookCycle, LogbookWhat } from '../../core/logbook.js';

export interface EntryDraft {
  /** The entry's own id: sent again with a retry, so the server stores it once. */
  id: string;
  what: LogbookWhat;
  cycle: LogbookCycle;
  text: string;
  /** YYYY-MM-DD: today when the draft is begun; empty: today when it is sent. */
  date: string;
  name: string;
  /** `kind/sessionId/itemId` of the action or small win it is about, or empty. */
  about: string;
  fields: Record<string, string>;
}

/** Today on this phone's calendar, as YYYY-MM-DD. */
export const localDay = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

const newEntryId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(36).padStart(2, '0')).join('');

export const emptyDraft = (): EntryDraft => ({ id: newEntryId(), what: 'observatie', cycle: 'onderzoeken', text: '', date: localDay(), name: '', about: '', fields: {} });

export function loadDraft(key: string): EntryDraft {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<EntryDraft> | null;
    if (saved && typeof saved.id === 'string' && /^[a-z0-9]{1,64}$/.test(saved.id)) return { ...emptyDraft(), ...saved, fields: { ...saved.fields } };
  } catch {
    // Storage blocked or damaged: a fresh draft.
  }
  return emptyDraft();
}

export function saveDraft(key: string, draft: EntryDraft): void {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage blocked: the draft lives as long as the page.
  }
}
