/**
 * Each page's addresses and the HTML file the build makes for it from `client/`. The
 * server's routes serve these files from the build (pages.ts); in dev, Vite serves the same
 * addresses from `client/` (scripts/vite/dev-pages.ts), so both answer alike.
 */
export const PAGES = {
  home: { path: '/', file: 'index.html' },
  console: { path: '/console/:sessionId', file: 'console.html' },
  screen: { path: '/screen/:sessionId', file: 'screen.html' },
  /** Without a code the participant page asks for one. */
  join: { path: '/j', file: 'participant.html' },
  joinWithCode: { path: '/j/:code', file: 'participant.html' },
  /** An arena's logbook between meetings, by a standing link's code (the page asks the API, which checks it). */
  logbook: { path: '/l/:code', file: 'logbook.html' },
} as const;
