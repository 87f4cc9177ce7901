/**
 * Links the server hands out are absolute, based on its public address (what phones
 * reach). The facilitator's own pages are opened on the origin this page came from,
 * which is the same server in production and the dev server during development.
 */
export function localHref(url: string): string {
  try {
    const parsed = new URL(url, location.href);
    return parsed.pathname + parsed.search + parsed.hash;
  } catch {
    return url;
  }
}

/** The presenter's view of a screen link: the same page and key (in the fragment), with `?view=presenter`. */
export function presenterHref(screenUrl: string): string {
  try {
    const parsed = new URL(screenUrl, location.href);
    parsed.search = '?view=presenter';
    return parsed.pathname + parsed.search + parsed.hash;
  } catch {
    return screenUrl;
  }
}
