/** The screen's light or dark theme: chosen on the screen, kept on this device (a projector laptop keeps its room's choice). */
export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'oogst:screen-theme';

export function storedTheme(): Theme {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'dark' ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage blocked: the choice lasts for this page.
  }
}
