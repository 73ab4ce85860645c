/**
 * The search itself, loaded when the reader first comes to the search box (src/scripts/search.ts):
 * Pagefind's script and index, the filters, the ranking and the results. Results are paragraphs (and
 * notes, events, the apparatus) with ¶, section and document.
 */

import { unmarkStopWords } from '../lib/search/hit-words.ts';
import { type Respelled, respellNames, suggestWords } from '../lib/search/query-spelling.ts';
import { SEARCH_WORDS_FILE, type SearchWords } from '../lib/search/search-words.ts';
import { wordMatcher } from '../lib/search/word-match.ts';
import { make } from './make-element.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  content: string;
  meta: Record<string, string | undefined>;
}
interface PagefindSearch {
  results: { data: () => Promise<PagefindResultData> }[];
  /** How many records of each filter value hold the words, whatever the filters chosen. */
  totalFilters?: Record<string, Record<string, number>>;
}
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (term: string, options?: { filters?: Record<string, string> }) => Promise<PagefindSearch>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

/**
 * Results are shown ten at a time, with a button for the next ten: each shown result costs a fragment
 * fetch, the better part of a keystroke's time on a large edition, and ten fill the panel.
 */
const PAGE_SIZE = 10;
const KIND_ORDER = ['Text', 'Note', 'Event', 'Apparatus'];

/** Turns the search box in `root` (built by search.ts) into a working search. */
export function enhanceSearch(root: HTMLElement): void {
  const form = root.querySelector('form');
  const input = root.querySelector<HTMLInputElement>('input[type="search"]');
  const panel = root.querySelector<HTMLElement>('.search-results');
  const shownStatus = root.querySelector<HTMLElement>('.search-status');
  const shownNote = root.querySelector<HTMLElement>('.search-note');
  const announce = root.querySelector<HTMLElement>('.search-announce');
  const list = root.querySelector<HTMLOListElement>('.search-list');
  const selects = [...root.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  if (!form || !input || !panel || !shownStatus || !shownNote || !announce || !list) return;
  const more = make(
    'button',
    { type: 'button', className: 'search-more', hidden: true },
    'Show more results',
  );
  list.after(more);
  // The visible lines and the screen-reader announcement always say the same.
  const say = (note: string, status: string) => {
    shownNote.textContent = note;
    shownNote.hidden = note === '';
    shownStatus.textContent = status;
    announce.textContent = note ? `${note} ${status}` : status;
  };
  let loading: Promise<Engine> | null = null;
  const load = () => {
    loading ??= Promise.all([
      (import(/* @vite-ignore */ `${root.dataset.pagefind}pagefind.js`) as Promise<Pagefind>).then(
        async (pagefind) => {
          // A tag that changes with each edition lets the browser cache the index between visits.
          // The records' URLs already carry the site's base; Pagefind would otherwise prefix it again
          // (its default base is the folder above pagefind/, e.g. /kirov-reader/).
          await pagefind.options({
            metaCacheTag: root.dataset.build ?? null,
            excerptLength: 24,
            baseUrl: '/',
          });
          await pagefind.init();
          await fillFilters(pagefind, selects);
          return pagefind;
        },
      ),
      // The names' other spellings and the vocabulary; search goes on without them if they fail.
      fetch(`${root.dataset.pagefind}${SEARCH_WORDS_FILE}`).then(
        (response) => (response.ok ? (response.json() as Promise<SearchWords>) : null),
        () => null,
      ),
    ]).then(([pagefind, words]) => ({ pagefind, words }));
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };

  // The result the arrow keys have reached (the combobox's active descendant), or none.
  const options = () => [...list.querySelectorAll<HTMLAnchorElement>('[role="option"]')];
  const setActive = (option: HTMLAnchorElement | null) => {
    for (const other of options()) other.setAttribute('aria-selected', String(other === option));
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const active = () => {
    const id = input.getAttribute('aria-activedescendant');
    return id ? options().find((option) => option.id === id) : undefined;
  };
  const setOpen = (open: boolean) => {
    const opening = open && panel.hidden;
    panel.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (!open) setActive(null);
    if (opening) place();
  };

  /*
   * The panel hangs from the search box's start edge, as wide as its text needs; where the header has
   * put the box near the window's end (a font a little wider, and the header wraps otherwise: WebKit at
   * 1280 px), it moves back towards the start by what would pass the header's end, never past its start.
   */
  const header = root.closest('header') ?? document.documentElement;
  const place = () => {
    panel.style.removeProperty('translate');
    if (panel.hidden) return;
    const bounds = header.getBoundingClientRect();
    const end = Math.min(bounds.right, document.documentElement.clientWidth);
    const box = panel.getBoundingClientRect();
    const back = Math.min(box.right - end, box.left - Math.max(bounds.left, 0));
    if (back > 0) panel.style.translate = `${-back}px 0`;
  };
  window.addEventListener('resize', place);

  let latest = 0;
  let current: { term: string; note: string; results: RankedResults; shown: number } | null = null;
  const run = async () => {
    const typed = input.value.trim();
    const query = ++latest;
    setActive(null);
    if (typed === '') {
      setOpen(false);
      say('', '');
      list.replaceChildren();
      more.hidden = true;
      current = null;
      return;
    }
    setOpen(true);
    let engine: Engine;
    try {
      engine = await load();
    } catch {
      say(
        '',
        'Search is not available: its index could not be loaded. If you are offline, open the site once while online.',
      );
      return;
    }
    const filters: Record<string, string> = {};
    for (const select of selects) if (select.value) filters[select.dataset.filter ?? ''] = select.value;
    const isCurrent = () => query === latest;
    const find = async (term: string) => {
      const results = rankedResults(engine.pagefind, term, filters, isCurrent);
      const [total, page] = await Promise.all([results.total(), results.page(0, PAGE_SIZE)]);
      return { term, results, total, page };
    };
    // A name in another spelling is searched as the texts spell it, and says so.
    const names = engine.words ? respellNames(typed, engine.words.spellings) : null;
    let note = names?.changes.length
      ? `Showing results for ${quoted(names)}, the spelling in this text.`
      : '';
    let found = await find(names?.term ?? typed);
    if (!isCurrent()) return; // a newer keystroke has its own results on the way
    // A word that matches nothing is offered, and searched, as the nearest word of the edition.
    const nearest = found.total === 0 && engine.words ? suggestWords(found.term, engine.words.words) : null;
    if (nearest?.changes.length) {
      const retried = await find(nearest.term);
      if (!isCurrent()) return;
      if (retried.total > 0) {
        note = `Nothing matched “${found.term}”. Did you mean ${quoted(nearest)}?`;
        found = retried;
      }
    }
    current = { term: found.term, note, results: found.results, shown: found.page.length };
    list.replaceChildren(...found.page.map((result, i) => resultItem(result, found.term, i)));
    tell(found.total);
  };

  /** The next page of the same query, below the ones already read; focus goes to the first new result. */
  const showMore = async () => {
    const shown = current;
    if (!shown) return;
    const page = await shown.results.page(shown.shown, shown.shown + PAGE_SIZE);
    if (shown !== current) return;
    shown.shown += page.length;
    const from = list.children.length;
    const items = page.map((result, i) => resultItem(result, shown.term, from + i));
    list.append(...items);
    items[0]?.querySelector('a')?.focus();
    tell(await shown.results.total());
  };

  const tell = (total: number) => {
    const term = current?.term ?? '';
    const shown = current?.shown ?? 0;
    say(
      current?.note ?? '',
      total === 0
        ? `Nothing matched “${term}”.`
        : `${total} ${total === 1 ? 'result' : 'results'} for “${term}”${total > shown ? `, the first ${shown} shown` : ''}.`,
    );
    more.hidden = shown >= total;
    // An empty listbox is not shown: it would be announced as a list of nothing.
    list.hidden = total === 0;
  };

  more.addEventListener('click', () => void showMore());
  form.addEventListener('submit', () => {
    const option = active();
    if (option) option.click();
    else list.querySelector('a')?.focus();
  });
  // The reader has just come to the box: load the engine now, and answer what was typed meanwhile.
  void load();
  if (input.value.trim() !== '') void run();
  input.addEventListener('input', () => void run());
  for (const select of selects) select.addEventListener('change', () => void run());
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    if (panel.hidden) {
      if (input.value.trim() !== '') setOpen(true);
      return;
    }
    // Down from the box reaches the first result, up the last; past either end, back to the box.
    const all = options();
    const at = all.indexOf(active() as HTMLAnchorElement);
    const next = event.key === 'ArrowDown' ? (at === -1 ? 0 : at + 1) : at === -1 ? all.length - 1 : at - 1;
    setActive(all[next] ?? null);
  });
  // A result reached by Tab moves on by the arrows too.
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = options();
    const at = all.indexOf(event.target as HTMLAnchorElement);
    if (at === -1) return;
    event.preventDefault();
    const next = all[event.key === 'ArrowDown' ? at + 1 : at - 1];
    if (next) next.focus();
    else input.focus();
  });
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || panel.hidden) return;
    setOpen(false);
    input.focus();
  });
}

/** The changed words of a respelled query, as the reader reads them: “Nikolaiev” and “Zinoviev”. */
function quoted({ changes }: Respelled): string {
  const words = [...new Set(changes.map((change) => `“${change.searched}”`))];
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}

interface Engine {
  pagefind: Pagefind;
  words: SearchWords | null;
}

interface RankedResults {
  /** How many records hold the words, within the chosen filters. */
  total: () => Promise<number>;
  /** The results from `start` to `end` in the reader's order, with their details. */
  page: (start: number, end: number) => Promise<PagefindResultData[]>;
}

/**
 * A reader searches the text first: paragraphs lead, then notes, events and the apparatus, each kind
 * in Pagefind's order of relevance. One search per kind (Pagefind's filters) orders them so without
 * fetching the details of more results than are shown, and the later kinds are searched only when the
 * paragraphs do not fill the page or the count needs them.
 */
function rankedResults(
  pagefind: Pagefind,
  term: string,
  filters: Record<string, string>,
  /** False once a newer keystroke has made these results stale: their details are then not fetched. */
  isCurrent: () => boolean,
): RankedResults {
  const kinds = filters.kind ? [filters.kind] : KIND_ORDER;
  const searches = new Map<string, Promise<PagefindSearch>>();
  const search = (kind: string) => {
    let found = searches.get(kind);
    if (!found) {
      found = pagefind.search(term, { filters: { ...filters, kind } });
      searches.set(kind, found);
    }
    return found;
  };
  const [firstKind = '', ...laterKinds] = kinds;
  const upTo = async (end: number) => {
    const first = await search(firstKind);
    if (first.results.length >= end) return [first];
    return [first, ...(await Promise.all(laterKinds.map(search)))];
  };
  return {
    async total() {
      const first = await search(firstKind);
      // Pagefind counts each kind for the words alone: the total, when no other filter narrows it.
      const counts = first.totalFilters?.kind;
      if (laterKinds.length > 0 && Object.keys(filters).length === 0 && counts)
        return KIND_ORDER.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0);
      return (await upTo(Number.POSITIVE_INFINITY)).reduce((sum, found) => sum + found.results.length, 0);
    },
    async page(start, end) {
      const picked = (await upTo(end)).flatMap((found) => found.results).slice(start, end);
      if (!isCurrent()) return [];
      const loaded = await Promise.all(picked.map((result) => result.data()));
      // In each kind, what holds the exact phrase comes first, then what holds every word, then the
      // rest, each in Pagefind's order (which also counts words it stems, "terrorist" for "terrorism").
      const rank = (result: PagefindResultData) => KIND_ORDER.indexOf(result.meta.kind ?? '') >>> 0;
      const match = wordMatcher(term);
      return loaded
        .map((result, i) => ({ result, i, words: match(result.content) }))
        .sort((a, b) => rank(a.result) - rank(b.result) || b.words - a.words || a.i - b.i)
        .map(({ result }) => result);
    },
  };
}

async function fillFilters(pagefind: Pagefind, selects: HTMLSelectElement[]): Promise<void> {
  const available = await pagefind.filters();
  for (const select of selects) {
    const values = Object.keys(available[select.dataset.filter ?? ''] ?? {}).sort();
    select.append(...values.map((value) => new Option(value, value)));
    select.disabled = values.length === 0;
  }
}

/**
 * A result is one option of the listbox: a link to its anchor with the terms in `hl`, so that the page
 * can mark them on arrival. The link itself is the option, so that it is one stop for the arrows, Tab
 * and the pointer alike.
 */
function resultItem(result: PagefindResultData, term: string, index: number): HTMLLIElement {
  const [path = '', hash = ''] = result.url.split('#');
  // A paragraph's title is its ¶; its section, kept out of the indexed title, is named beside it.
  const section = result.meta.kind === 'Text' ? result.meta.section : '';
  const title = make(
    'span',
    { className: 'search-title' },
    `${result.meta.title ?? result.url}${section ? ` · ${section}` : ''}`,
  );
  const where = make(
    'span',
    { className: 'search-where' },
    [result.meta.kind === 'Text' ? '' : result.meta.kind, result.meta.document].filter(Boolean).join(' · '),
  );
  // Pagefind escapes the text of the excerpt and adds only <mark> around the matched words.
  const excerpt = make('span', { className: 'search-excerpt', innerHTML: unmarkStopWords(result.excerpt) });
  const link = make(
    'a',
    {
      href: `${path}?hl=${encodeURIComponent(term)}${hash ? `#${hash}` : ''}`,
      id: `site-search-option-${index}`,
      role: 'option',
      'aria-selected': 'false',
    },
    title,
    ' ',
    where,
    ' ',
    excerpt,
  );
  return make('li', { role: 'none' }, link);
}
