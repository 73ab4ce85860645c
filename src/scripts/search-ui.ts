/**
 * The search itself, loaded when the reader first comes to the search box (src/scripts/search.ts):
 * Pagefind's script and index, the filters, the ranking and the results. Results are paragraphs (and
 * notes, events, the apparatus) with ¶, section and document.
 */

import { wordMatcher } from '../lib/search/word-match.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  content: string;
  meta: Record<string, string | undefined>;
}
interface PagefindSearch {
  results: { data: () => Promise<PagefindResultData> }[];
}
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (term: string, options?: { filters?: Record<string, string> }) => Promise<PagefindSearch>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

const MAX_SHOWN = 20;
const KIND_ORDER = ['Text', 'Note', 'Event', 'Apparatus'];

/** Turns the search box in `root` (built by search.ts) into a working search. */
export function enhanceSearch(root: HTMLElement): void {
  const form = root.querySelector('form');
  const input = root.querySelector<HTMLInputElement>('input[type="search"]');
  const panel = root.querySelector<HTMLElement>('.search-results');
  const shownStatus = root.querySelector<HTMLElement>('.search-status');
  const announce = root.querySelector<HTMLElement>('.search-announce');
  const list = root.querySelector<HTMLOListElement>('.search-list');
  const selects = [...root.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  if (!form || !input || !panel || !shownStatus || !announce || !list) return;
  // The visible line and the screen-reader announcement always say the same.
  const status = {
    set textContent(text: string) {
      shownStatus.textContent = text;
      announce.textContent = text;
    },
  };
  let loading: Promise<Pagefind> | null = null;
  const load = () => {
    loading ??= (import(/* @vite-ignore */ `${root.dataset.pagefind}pagefind.js`) as Promise<Pagefind>).then(
      async (pagefind) => {
        // A tag that changes with each edition lets the browser cache the index between visits.
        // The records' URLs already carry the site's base; Pagefind would otherwise prefix it again
        // (its default base is the folder above pagefind/, e.g. /kirov-reader/).
        await pagefind.options({ metaCacheTag: root.dataset.build ?? null, excerptLength: 24, baseUrl: '/' });
        await pagefind.init();
        await fillFilters(pagefind, selects);
        return pagefind;
      },
    );
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };

  let latest = 0;
  const run = async () => {
    const term = input.value.trim();
    const query = ++latest;
    if (term === '') {
      panel.hidden = true;
      status.textContent = '';
      list.replaceChildren();
      return;
    }
    panel.hidden = false;
    let pagefind: Pagefind;
    try {
      pagefind = await load();
    } catch {
      status.textContent =
        'Search is not available: its index could not be loaded. If you are offline, open the site once while online.';
      return;
    }
    const filters: Record<string, string> = {};
    for (const select of selects) if (select.value) filters[select.dataset.filter ?? ''] = select.value;
    // A reader searches the text first: paragraphs lead, then notes, events and the apparatus. One
    // search per kind (Pagefind's filters) orders them so, without fetching the details of more
    // results than are shown: each costs a fragment fetch, the better part of a keystroke's time on a
    // large edition.
    const kinds = filters.kind ? [filters.kind] : KIND_ORDER;
    const searches = await Promise.all(
      kinds.map((kind) => pagefind.search(term, { filters: { ...filters, kind } })),
    );
    const total = searches.reduce((sum, search) => sum + search.results.length, 0);
    const picked = searches.flatMap((search) => search.results).slice(0, MAX_SHOWN);
    const loaded = await Promise.all(picked.map((result) => result.data()));
    if (query !== latest) return; // a newer keystroke has its own results on the way
    // In each kind, what holds the exact phrase comes first, then what holds every word, then the
    // rest, each in Pagefind's order of relevance (which also counts words it stems, "terrorist" for
    // "terrorism").
    const rank = (result: PagefindResultData) => KIND_ORDER.indexOf(result.meta.kind ?? '') >>> 0;
    const match = wordMatcher(term);
    const shown = loaded
      .map((result, i) => ({ result, i, words: match(result.content) }))
      .sort((a, b) => rank(a.result) - rank(b.result) || b.words - a.words || a.i - b.i)
      .map(({ result }) => result);
    render(term, total, shown);
  };

  const render = (term: string, total: number, shown: PagefindResultData[]) => {
    status.textContent =
      total === 0
        ? `Nothing matched “${term}”.`
        : `${total} ${total === 1 ? 'result' : 'results'} for “${term}”${total > shown.length ? `, the first ${shown.length} shown` : ''}.`;
    list.replaceChildren(...shown.map((result) => resultItem(result, term)));
  };

  form.addEventListener('submit', () => {
    list.querySelector('a')?.focus();
  });
  // The reader has just come to the box: load the engine now, and answer what was typed meanwhile.
  void load();
  if (input.value.trim() !== '') void run();
  input.addEventListener('input', () => void run());
  for (const select of selects) select.addEventListener('change', () => void run());
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || panel.hidden) return;
    panel.hidden = true;
    input.focus();
  });
}

async function fillFilters(pagefind: Pagefind, selects: HTMLSelectElement[]): Promise<void> {
  const available = await pagefind.filters();
  for (const select of selects) {
    const values = Object.keys(available[select.dataset.filter ?? ''] ?? {}).sort();
    select.append(...values.map((value) => new Option(value, value)));
    select.disabled = values.length === 0;
  }
}

/** A result links to its anchor with the terms in `hl`, so that the page can mark them on arrival. */
function resultItem(result: PagefindResultData, term: string): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  const [path = '', hash = ''] = result.url.split('#');
  link.href = `${path}?hl=${encodeURIComponent(term)}${hash ? `#${hash}` : ''}`;
  // A paragraph's title is its ¶; its section, kept out of the indexed title, is named beside it.
  const section = result.meta.kind === 'Text' ? result.meta.section : '';
  link.textContent = `${result.meta.title ?? result.url}${section ? ` · ${section}` : ''}`;
  const where = document.createElement('span');
  where.className = 'search-where';
  where.textContent = [result.meta.kind === 'Text' ? '' : result.meta.kind, result.meta.document]
    .filter(Boolean)
    .join(' · ');
  const excerpt = document.createElement('p');
  // Pagefind escapes the text of the excerpt and adds only <mark> around the matched words.
  excerpt.innerHTML = result.excerpt;
  item.append(link, where, excerpt);
  return item;
}
