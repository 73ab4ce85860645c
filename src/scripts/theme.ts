/*
 * The remembered colour scheme. Without a choice the page follows prefers-color-scheme (reader.css);
 * a choice made with the header's toggle is stored and set as data-theme on <html>, which reader.css
 * lets override the system preference.
 *
 * This is a bundled module rather than an inline script in <head>, so that a strict
 * Content-Security-Policy (script-src 'self') needs no hash or nonce for it. The cost: a module runs
 * after the document is parsed, so a reader whose stored choice differs from the system's may see
 * the system scheme for a moment on load.
 */

import enhancements from '../styles/enhancements.css?url';
import { loadStylesheet } from './stylesheet.ts';

const storageKey = 'kirov-theme';
type Theme = 'light' | 'dark';

const root = document.documentElement;
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(storageKey);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    // Storage can be switched off; the toggle then lasts as long as the page.
    return null;
  }
}

function apply(theme: Theme | null): void {
  if (theme) root.dataset.theme = theme;
  else delete root.dataset.theme;
  const dark = (theme ?? (systemDark.matches ? 'dark' : 'light')) === 'dark';
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.setAttribute('aria-pressed', String(dark));
  }
}

apply(storedTheme());
systemDark.addEventListener('change', () => apply(storedTheme()));
// A choice made in another tab of the site applies here too.
window.addEventListener('storage', (event) => {
  if (event.key === storageKey) apply(storedTheme());
});

// The switch shows once its styles are there.
await loadStylesheet(enhancements);
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const next: Theme = button.getAttribute('aria-pressed') === 'true' ? 'light' : 'dark';
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // See storedTheme().
    }
    apply(next);
  });
}
