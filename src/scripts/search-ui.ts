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
interface PagefindResult {
  /** The record's own id: the same record found by two spellings has one id. */
  id: string;
  score: number;
  data: () => Promise<PagefindResultData>;
}
interface PagefindSearch {
  results: PagefindResult[];
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
  let current: { label: string; hl: string; note: string; results: RankedResults; shown: number } | null =
    null;
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
    const find = async (terms: string[]) => {
      const results = rankedResults(engine.pagefind, terms, filters, isCurrent);
      const [total, page] = await Promise.all([results.total(), results.page(0, PAGE_SIZE)]);
      // A result marks on arrival the words of every spelling searched: a note may hold two.
      const hl =
        terms.length > 1
          ? [...new Set(terms.flatMap((term) => term.split(/\s+/u)))].join(' ')
          : (terms[0] ?? '');
      return { label: terms.map((term) => `“${term}”`).join(' or '), hl, results, total, page };
    };
    // A name is searched in every spelling the edition holds of it, and the results say which.
    const names = engine.words ? respellNames(typed, engine.words.spellings) : null;
    const spelt = names ? quoted(names) : [];
    let note =
      spelt.length > 0
        ? `Showing results for ${listed(spelt)}, ${spelt.length > 1 ? 'the spellings in this edition' : 'the spelling in this text'}.`
        : '';
    const terms = names?.terms ?? [typed];
    let found = await find(terms);
    if (!isCurrent()) return; // a newer keystroke has its own results on the way
    // A word that matches nothing is offered, and searched, as the nearest word of the edition.
    const nearest =
      found.total === 0 && terms.length === 1 && engine.words
        ? suggestWords(terms[0] ?? typed, engine.words.words)
        : null;
    if (nearest?.changes.length) {
      const retried = await find(nearest.terms);
      if (!isCurrent()) return;
      if (retried.total > 0) {
        note = `Nothing matched ${found.label}. Did you mean ${listed(quoted(nearest))}?`;
        found = retried;
      }
    }
    current = {
      label: found.label,
      hl: found.hl,
      note,
      results: found.results,
      shown: found.page.length + found.results.unavailable(),
    };
    list.replaceChildren(...found.page.map((result, i) => resultItem(result, found.hl, i)));
    tell(found.total);
  };

  /** The next page of the same query, below the ones already read; focus goes to the first new result. */
  const showMore = async () => {
    const shown = current;
    if (!shown) return;
    const before = shown.results.unavailable();
    const page = await shown.results.page(shown.shown, shown.shown + PAGE_SIZE);
    if (shown !== current) return;
    shown.shown += page.length + shown.results.unavailable() - before;
    const from = list.children.length;
    const items = page.map((result, i) => resultItem(result, shown.hl, from + i));
    list.append(...items);
    items[0]?.querySelector('a')?.focus();
    tell(await shown.results.total());
  };

  const tell = (total: number) => {
    const label = current?.label ?? '';
    const shown = current?.shown ?? 0;
    const missing = current?.results.unavailable() ?? 0;
    say(
      current?.note ?? '',
      (total === 0
        ? `Nothing matched ${label}.`
        : `${total} ${total === 1 ? 'result' : 'results'} for ${label}${total > shown ? `, the first ${shown} shown` : ''}.`) +
        (missing > 0
          ? ` ${missing} of them ${missing === 1 ? 'is' : 'are'} not kept on this device and will show when you are online.`
          : ''),
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

/** The words a respelled query searches instead of the typed ones, each once and quoted. */
function quoted({ changes }: Respelled): string[] {
  return [...new Set(changes.flatMap((change) => change.searched.map((word) => `“${word}”`)))];
}

/** Words as the reader reads a list of them: “Nikolaiev”, “Nikolaev” and “Zinoviev”. */
function listed(words: string[]): string {
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
  /** How many of the results asked for so far could not be shown (offline, their details not kept). */
  unavailable: () => number;
}

/** One kind's results for all the queries: each record once, by the query that scored it highest. */
interface KindResults {
  hits: (PagefindResult & { term: string })[];
  /** Pagefind's count of each kind for the words alone, when there was one query. */
  counts: Record<string, number> | undefined;
}

/**
 * A reader searches the text first: paragraphs lead, then notes, events and the apparatus, each kind
 * in Pagefind's order of relevance. One search per kind (Pagefind's filters) orders them so without
 * fetching the details of more results than are shown, and the later kinds are searched only when the
 * paragraphs do not fill the page or the count needs them. A name spelt two ways in the edition is two
 * queries (Pagefind has no "or"): each kind's results of both are merged by score, each record once.
 */
function rankedResults(
  pagefind: Pagefind,
  terms: string[],
  filters: Record<string, string>,
  /** False once a newer keystroke has made these results stale: their details are then not fetched. */
  isCurrent: () => boolean,
): RankedResults {
  const kinds = filters.kind ? [filters.kind] : KIND_ORDER;
  const searches = new Map<string, Promise<KindResults>>();
  const search = (kind: string) => {
    let found = searches.get(kind);
    if (!found) {
      found = Promise.all(terms.map((term) => pagefind.search(term, { filters: { ...filters, kind } }))).then(
        (each) => {
          const hits = new Map<string, KindResults['hits'][number]>();
          for (const [i, { results }] of each.entries())
            for (const result of results) {
              const seen = hits.get(result.id);
              if (!seen || seen.score < result.score)
                hits.set(result.id, { ...result, term: terms[i] ?? '' });
            }
          return {
            hits: each.length > 1 ? [...hits.values()].sort((a, b) => b.score - a.score) : [...hits.values()],
            counts: each.length === 1 ? each[0]?.totalFilters?.kind : undefined,
          };
        },
      );
      searches.set(kind, found);
    }
    return found;
  };
  const [firstKind = '', ...laterKinds] = kinds;
  let unavailable = 0;
  const upTo = async (end: number) => {
    const first = await search(firstKind);
    if (first.hits.length >= end) return [first];
    return [first, ...(await Promise.all(laterKinds.map(search)))];
  };
  return {
    unavailable: () => unavailable,
    async total() {
      if (laterKinds.length === 0 || Object.keys(filters).length > 0)
        return (await upTo(Number.POSITIVE_INFINITY)).reduce((sum, found) => sum + found.hits.length, 0);
      // Pagefind counts each kind for the words alone: the total, when no other filter narrows it.
      const { counts } = await search(firstKind);
      if (counts) return KIND_ORDER.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0);
      // Two spellings' counts would count twice a record that holds both: one search of each, all
      // kinds at once, counts each record once, in fewer searches than each kind's.
      const each = await Promise.all(terms.map((term) => pagefind.search(term)));
      return new Set(each.flatMap(({ results }) => results.map((result) => result.id))).size;
    },
    async page(start, end) {
      const picked = (await upTo(end)).flatMap((found) => found.hits).slice(start, end);
      if (!isCurrent()) return [];
      // Offline, a result whose details the device has not kept cannot be shown: it is counted instead.
      const settled = await Promise.allSettled(
        picked.map(async (hit) => ({ result: await hit.data(), term: hit.term })),
      );
      const loaded = settled.flatMap((found) => (found.status === 'fulfilled' ? [found.value] : []));
      unavailable += settled.length - loaded.length;
      // In each kind, what holds the exact phrase comes first, then what holds every word, then the
      // rest, each in Pagefind's order (which also counts words it stems, "terrorist" for "terrorism").
      const rank = ({ result }: { result: PagefindResultData }) =>
        KIND_ORDER.indexOf(result.meta.kind ?? '') >>> 0;
      const matchers = new Map(terms.map((term) => [term, wordMatcher(term)]));
      return loaded
        .map((shown, i) => ({ shown, i, words: matchers.get(shown.term)?.(shown.result.content) ?? 0 }))
        .sort((a, b) => rank(a.shown) - rank(b.shown) || b.words - a.words || a.i - b.i)
        .map(({ shown }) => shown.result);
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
