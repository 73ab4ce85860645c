/**
 * The search box in the header: progressive enhancement over a page that reads without it. This builds
 * the box and answers `/`; the search itself (src/scripts/search-ui.ts), Pagefind's script and its
 * index load only when the reader comes to the box, so reading never pays for search.
 */

import enhancements from '../styles/enhancements.css?url';
import { loadStylesheet } from './stylesheet.ts';

// The search box exists only with JavaScript, so its markup is here rather than in every page. The
// status paragraph is outside the panel, so that the count is announced even as the panel appears.
// The box and the results are a combobox with a listbox popup (WAI-ARIA APG): ArrowDown and ArrowUp
// move through the results from the box, Enter opens one, Escape closes them.
const SEARCH_BOX = `<form role="search" aria-label="Search the edition">
<label class="visually-hidden" for="site-search-input">Search the edition</label>
<input id="site-search-input" type="search" role="combobox" aria-expanded="false" aria-controls="site-search-list" aria-autocomplete="list" placeholder="Search (press /)" autocomplete="off" spellcheck="false" aria-keyshortcuts="/">
</form>
<p class="search-announce visually-hidden" role="status" aria-live="polite"></p>
<div class="search-results" hidden>
<div class="search-filters">
<label>Document <select data-filter="document"><option value="">All</option></select></label>
<label>Kind <select data-filter="kind"><option value="">All</option></select></label>
</div>
<p class="search-note" aria-hidden="true" hidden></p>
<p class="search-status" aria-hidden="true"></p>
<ol class="search-list" id="site-search-list" role="listbox" aria-label="Search results"></ol>
</div>`;

const root = document.querySelector<HTMLElement>('[data-site-search]');
if (root) {
  root.innerHTML = SEARCH_BOX;
  const form = root.querySelector('form');
  const input = root.querySelector<HTMLInputElement>('input[type="search"]');
  let started: Promise<void> | null = null;
  const start = () => {
    started ??= import('./search-ui.ts').then(({ enhanceSearch }) => enhanceSearch(root));
    return started;
  };
  // Enter never leaves the page, even before the search has loaded.
  form?.addEventListener('submit', (event) => event.preventDefault());
  input?.addEventListener('focus', () => void start(), { once: true });
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && input && !isEditable(event.target)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  // The box shows once its styles are there.
  loadStylesheet(enhancements).then(() => {
    root.hidden = false;
  });
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/u.test(target.tagName))
  );
}
