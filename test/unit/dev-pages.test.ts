/** The dev server answers a page's addresses as the server does (`PAGES`), and leaves the rest to the server. */
import { describe, expect, it } from 'vitest';
import { pageFor } from '../../scripts/vite/dev-pages.js';

const browser = (url: string, method = 'GET') => pageFor({ method, url, headers: { accept: 'text/html,application/xhtml+xml' } });

describe('dev server pages', () => {
  it('serves each page address with its HTML file, with or without a trailing slash or query', () => {
    expect(browser('/')).toBe('/index.html');
    expect(browser('/console/s1')).toBe('/console.html');
    expect(browser('/screen/s1/')).toBe('/screen.html');
    expect(browser('/j')).toBe('/participant.html');
    expect(browser('/j/ABCD?x=1')).toBe('/participant.html');
  });

  it('leaves the server its own: the API, deeper paths, and what is not a page request', () => {
    expect(browser('/api/join')).toBeUndefined();
    expect(browser('/console/s1/extra')).toBeUndefined();
    expect(browser('/j/ABCD', 'POST')).toBeUndefined();
    expect(pageFor({ method: 'GET', url: '/j/ABCD', headers: { accept: 'application/json' } })).toBeUndefined();
  });
});
