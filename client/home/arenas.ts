/**
 * The arenas this device can manage: id, title and the arena's secret key.
 * Kept in localStorage only; the key never goes into a URL the server sees
 * (a link for another device carries it in the fragment).
 */
import type { ArenaCreated } from '../../core/http.js';

const STORAGE_KEY = 'oogst:arenas';

/** What this device remembers of an arena: enough to open it again. */
export type KnownArena = Pick<ArenaCreated, 'id' | 'title' | 'key'>;

export function loadArenas(): KnownArena[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((a): a is KnownArena => typeof a?.id === 'string' && typeof a.key === 'string' && typeof a.title === 'string')
      : [];
  } catch {
    return [];
  }
}

export function saveArenas(arenas: KnownArena[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(arenas));
  } catch {
    // Storage blocked: the list lasts for this page only.
  }
}

/** Adds or updates an arena, newest first. */
export function remember(arenas: KnownArena[], arena: KnownArena): KnownArena[] {
  return [arena, ...arenas.filter((a) => a.id !== arena.id)];
}

/** A link that adds the arena to another device: `/#arena=<id>&key=<key>&title=<title>`. */
export function shareLink(arena: KnownArena): string {
  const params = new URLSearchParams({ arena: arena.id, key: arena.key, title: arena.title });
  return `${location.origin}/#${params}`;
}

/** Reads (and removes from the address bar) an arena passed in the fragment. */
export function takeSharedArena(): KnownArena | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const id = params.get('arena');
  const key = params.get('key');
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return id && key ? { id, key, title: params.get('title') ?? id } : undefined;
}
