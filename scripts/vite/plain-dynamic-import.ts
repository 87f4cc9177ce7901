import type { Plugin } from 'vite';

/**
 * The phone's lazy chunks (a kind's model and view, English strings) import nothing the
 * entry lacks; they may bring a stylesheet of their own (a kind's CSS loads with the
 * kind, so adding kinds never grows the first load). Vite's preload helper (0.8 KB gzip)
 * is more than that needs: this one only adds the chunk's CSS before running it (the join
 * page may have preloaded it: server/routes/preloads.ts).
 */
export const plainDynamicImport: Plugin = {
  name: 'oogst-plain-dynamic-import',
  apply: 'build',
  enforce: 'pre',
  applyToEnvironment: (environment) => environment.name === 'participant',
  load(id) {
    if (id !== '\0vite/preload-helper.js') return null;
    return `export const __vitePreload = (load, deps) => Promise.all((deps || []).filter((d) => d.endsWith('.css')).map((d) => new Promise((done) => {
  const href = '/' + d;
  if (document.querySelector('link[rel="stylesheet"][href="' + href + '"]')) return done();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.onload = link.onerror = done;
  document.head.append(link);
}))).then(load);`;
  },
};
