/** Reading ids from the address, and keys from its fragment (which never reaches a server log). */

/** The path segment after `prefix`: `/console/abc` with `console` → `abc`. */
export function pathParam(prefix: string): string | undefined {
  const parts = location.pathname.split('/').filter(Boolean);
  const value = parts[0] === prefix ? parts[1] : undefined;
  return value ? decodeURIComponent(value) : undefined;
}

/**
 * The key in `#key=…`, kept in sessionStorage for reloads and removed from the
 * address bar, so it is not shown on a projected screen or shared by copying the URL.
 */
export function takeKey(storageKey: string): string | undefined {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  try {
    if (fromHash) sessionStorage.setItem(storageKey, fromHash);
  } catch {
    // Storage blocked: the key lives for this page only.
  }
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  try {
    return fromHash ?? sessionStorage.getItem(storageKey) ?? undefined;
  } catch {
    return fromHash ?? undefined;
  }
}

/** `https://oogst.example.nl/j/AB12CD` → `oogst.example.nl/j/AB12CD`: what people type. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

/** Whether the screen page is the presenter's view (`?view=presenter`): not a secret, so it may sit in the query and survive a reload. */
export function isPresenterView(): boolean {
  return new URLSearchParams(location.search).get('view') === 'presenter';
}
