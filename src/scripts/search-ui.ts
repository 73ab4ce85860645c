/**
 * The search itself, loaded when the reader first comes to the search box (src/scripts/search.ts):
 * Pagefind's script and index, the filters, the ranking and the results. Results are paragraphs (and
 * notes, events, the apparatus) with ¶, section and document.
 */

import { unmarkStopWords } from '../lib/search/hit-words.ts';
import { inRankOrder } from '../lib/search/in-rank-order.ts';
import { phraseQuery } from '../lib/search/phrase-query.ts';
import { type Respelled, respellNames, suggestWords } from '../lib/search/query-spelling.ts';
import { SEARCH_WORDS_FILE, type SearchWords } from '../lib/search/search-words.ts';
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
 * fetch, the better part of a keystroke's time on a large edition, and ten fill the panel. The list is
 * drawn from the top as the fragments arrive (inRankOrder), so the first result does not wait for the
 * tenth.
 */
const PAGE_SIZE = 10;
/**
 * The results whose texts are fetched first, about what the panel shows on a phone: the rest of the
 * page is fetched once these have come, so that they do not share the network (and the search's
 * worker) with the ones below.
 */
const IN_VIEW = 3;
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
  // The visible lines and the screen-reader announcement say the same; the announcement is made once
  // the page of results is whole, so that the count is heard once, not once per result drawn.
  const show = (note: string, status: string) => {
    shownNote.textContent = note;
    shownNote.hidden = note === '';
    shownStatus.textContent = status;
  };
  const say = (note: string, status: string) => {
    show(note, status);
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
  let current: Shown | null = null;
  const run = async () => {
    const typed = input.value.trim();
    const query = ++latest;
    setActive(null);
    if (typed === '') {
      setOpen(false);
      say('', '');
      list.replaceChildren();
      list.removeAttribute('aria-busy');
      more.hidden = true;
      current = null;
      return;
    }
    setOpen(true);
    // The list is about to change: busy until this query's page of results is whole (fill).
    list.setAttribute('aria-busy', 'true');
    let engine: Engine;
    try {
      engine = await load();
    } catch {
      list.removeAttribute('aria-busy');
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
      const results = rankedResults(engine.pagefind, terms, filters);
      const [total, hits] = await Promise.all([results.total(), results.hits(0, PAGE_SIZE)]);
      // A result marks on arrival the words of every spelling searched: a note may hold two.
      const hl =
        terms.length > 1
          ? [...new Set(terms.flatMap((term) => term.split(/\s+/u)))].join(' ')
          : (terms[0] ?? '');
      return { label: terms.map((term) => `“${term}”`).join(' or '), hl, results, total, hits };
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
    const shown: Shown = {
      label: found.label,
      hl: found.hl,
      note,
      results: found.results,
      total: found.total,
      asked: found.hits.length,
      unavailable: 0,
      filling: true,
    };
    current = shown;
    await fill(shown, found.hits, false);
  };

  /**
   * Draws `hits` in rank order as their details arrive, in place of the list (the earlier query's
   * results stay until the first of these is there, with the count) or `below` it (focus goes to the
   * first new result as it comes), then announces the count. The list is busy (aria-busy) until the
   * page is whole.
   */
  const fill = async (shown: Shown, hits: RankedHit[], below: boolean) => {
    shown.filling = true;
    list.setAttribute('aria-busy', 'true');
    let begun = false;
    const begin = () => {
      if (begun) return;
      begun = true;
      tell(shown, show);
      if (below) return;
      list.replaceChildren();
      // The button comes below the whole page, not between its first results and the rest.
      more.hidden = true;
    };
    let focus = below;
    const inView = hits.slice(0, IN_VIEW).map((hit) => hit.data());
    const viewed = Promise.allSettled(inView);
    const stale = new Error('a newer search has replaced these results');
    const details = [
      ...inView,
      ...hits
        .slice(IN_VIEW)
        .map((hit) => viewed.then(() => (shown === current ? hit.data() : Promise.reject(stale)))),
    ];
    // Offline, a result whose details the device has not kept cannot be shown: it is counted instead.
    await inRankOrder(details, (settled) => {
      if (shown !== current) return;
      begin();
      if (settled.status === 'rejected') {
        shown.unavailable++;
        return;
      }
      const item = resultItem(settled.value, shown.hl, list.children.length);
      list.append(item);
      if (focus) item.querySelector('a')?.focus();
      focus = false;
    });
    if (shown !== current) return;
    begin();
    shown.filling = false;
    list.removeAttribute('aria-busy');
    tell(shown, say);
  };

  /** The next page of the same query, below the ones already read; focus goes to the first new result. */
  const showMore = async () => {
    const shown = current;
    if (!shown || shown.filling) return;
    shown.filling = true;
    const hits = await shown.results.hits(shown.asked, shown.asked + PAGE_SIZE);
    if (shown !== current) return;
    shown.asked += hits.length;
    await fill(shown, hits, true);
  };

  /** Says (or only shows, until the page is whole) how many results there are, and how many shown. */
  const tell = (shown: Shown, to: (note: string, status: string) => void) => {
    const { label, total, asked, unavailable } = shown;
    to(
      shown.note,
      (total === 0
        ? `Nothing matched ${label}.`
        : `${total} ${total === 1 ? 'result' : 'results'} for ${label}${total > asked ? `, the first ${asked} shown` : ''}.`) +
        (unavailable > 0
          ? ` ${unavailable} of them ${unavailable === 1 ? 'is' : 'are'} not kept on this device and will show when you are online.`
          : ''),
    );
    more.hidden = asked >= total;
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

/** The query whose results are in the list, and how far they are shown. */
interface Shown {
  /** The searched words as the status line names them: “Nikolaiev” or “Nikolaev”. */
  label: string;
  /** The words a result marks on arrival (its link's ?hl=). */
  hl: string;
  note: string;
  results: RankedResults;
  total: number;
  /** How many results have been asked for: drawn, on the way, or not kept on this device. */
  asked: number;
  /** How many of them could not be shown (offline, their details not kept). */
  unavailable: number;
  /** A page of them is being drawn. */
  filling: boolean;
}

/** A result in the reader's order, its details (title, link, excerpt) still to fetch. */
interface RankedHit {
  id: string;
  data: () => Promise<PagefindResultData>;
}

interface RankedResults {
  /** How many records hold the words, within the chosen filters. */
  total: () => Promise<number>;
  /** The results from `start` to `end` in the reader's order. */
  hits: (start: number, end: number) => Promise<RankedHit[]>;
}

/** One kind's results for all the queries, in the reader's order: each record once. */
interface KindResults {
  hits: RankedHit[];
  /** Pagefind's count of each kind for the words alone, when there was one query. */
  counts: Record<string, number> | undefined;
}

/**
 * A reader searches the text first: paragraphs lead, then notes, events and the apparatus, each kind
 * in Pagefind's order of relevance, except that what holds a query of several words as a phrase comes
 * first (phraseQuery). One search per kind (Pagefind's filters) orders them so without fetching the
 * details of any result, and the later kinds are searched only when the paragraphs do not fill the page
 * or the count needs them. A name spelt two ways in the edition is two queries (Pagefind has no "or"):
 * each kind's results of both are merged by score, each record once.
 */
function rankedResults(pagefind: Pagefind, terms: string[], filters: Record<string, string>): RankedResults {
  const kinds = filters.kind ? [filters.kind] : KIND_ORDER;
  const searches = new Map<string, Promise<KindResults>>();
  const search = (kind: string) => {
    let found = searches.get(kind);
    if (!found) {
      const options = { filters: { ...filters, kind } };
      const phrases = terms.map(phraseQuery).filter((phrase) => phrase !== null);
      found = Promise.all([
        Promise.all(terms.map((term) => pagefind.search(term, options))),
        Promise.all(phrases.map((phrase) => pagefind.search(phrase, options))),
      ]).then(([each, phrased]) => {
        const best = new Map<string, PagefindResult>();
        for (const { results } of each)
          for (const result of results) {
            const seen = best.get(result.id);
            if (!seen || seen.score < result.score) best.set(result.id, result);
          }
        const hits =
          each.length > 1 ? [...best.values()].sort((a, b) => b.score - a.score) : [...best.values()];
        const phrase = new Set(phrased.flatMap(({ results }) => results.map((result) => result.id)));
        return {
          hits:
            phrase.size > 0
              ? hits.filter(({ id }) => phrase.has(id)).concat(hits.filter(({ id }) => !phrase.has(id)))
              : hits,
          counts: each.length === 1 ? each[0]?.totalFilters?.kind : undefined,
        };
      });
      searches.set(kind, found);
    }
    return found;
  };
  const [firstKind = '', ...laterKinds] = kinds;
  const upTo = async (end: number) => {
    const first = await search(firstKind);
    if (first.hits.length >= end) return [first];
    return [first, ...(await Promise.all(laterKinds.map(search)))];
  };
  return {
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
    async hits(start, end) {
      return (await upTo(end)).flatMap((found) => found.hits).slice(start, end);
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
