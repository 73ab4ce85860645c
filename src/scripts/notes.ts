/*
 * Marginal notes, enhanced (the page reads fully without this; see src/styles/notes.css). Each note
 * is a disclosure: its summary, the short form, stands in the margin; the rest opens in place.
 * - From 48rem, every note is placed beside its words by src/lib/margin/margin-layout.ts: all of
 *   them measured first, then all written, so the browser lays the page out once. From 100rem a
 *   second column on the other side of the text takes notes a crowded right margin cannot. Other
 *   margin items share the layout: an element with `data-margin-for` (the id of its words), such
 *   as a reader's own note, is laid out with the notes, at full height; a `margin:relayout` event
 *   on the document lays everything out again (the reader's notes send it when they change).
 * - Below 48rem, notes fold away and each note's words open the note under its paragraph.
 * - At every width the words are a button that opens and closes their note in place (the page
 *   never scrolls to it), aria-expanded tells the state, and Escape closes the note and returns to
 *   the words. The note's summary leaves the Tab order to them. Hovering or focusing the words lights up the note, and the other way round.
 */
import { layoutMargin } from '../lib/margin/margin-layout.ts';

const root = document.documentElement;
const article = document.querySelector<HTMLElement>('article');
const wide = matchMedia('(min-width: 48rem)');
const twoColumns = matchMedia('(min-width: 100rem)');

interface Pair {
  ref: HTMLAnchorElement;
  note: HTMLElement;
  details: HTMLDetailsElement;
  summary: HTMLElement;
}

const pairs: Pair[] = [...document.querySelectorAll<HTMLAnchorElement>('a.note-ref')].flatMap((ref) => {
  const note = document.getElementById(ref.hash.slice(1));
  const details = note?.querySelector('details');
  const summary = details?.querySelector('summary');
  return note && details && summary ? [{ ref, note, details, summary }] : [];
});

/** The note opened last, which keeps its place while the others make room for it. */
let pinned: Pair | undefined;

/** Every note beside its words (see margin-layout.ts); the article grows if the last ones need it. */
function place(): void {
  if (!article || !wide.matches) return;
  const rem = parseFloat(getComputedStyle(root).fontSize);
  // Measuring: nothing is written until every number is read.
  const articleBox = article.getBoundingClientRect();
  const padding = parseFloat(article.style.paddingBottom) || 0;
  // Only the notes shown: those of paragraphs a handout hides have no place, and would pull the
  // others towards the top.
  const shown = pairs.filter(({ ref }) => ref.getClientRects().length > 0);
  const notes = shown.map(({ ref, note, details, summary }) => {
    const height = note.getBoundingClientRect().height;
    // The summary's lines, counted rather than measured: a brief note's first words are clipped,
    // not removed, so the count is the same whether the note is brief or not, and a note's state
    // never changes what the layout is given.
    const lineHeight = parseFloat(getComputedStyle(summary).lineHeight);
    const { title, gist } = summaryLinesOf(summary, details.open, rem);
    const chrome = height - summary.getBoundingClientRect().height;
    return {
      line: ref.getClientRects()[0]?.top ?? 0,
      parent: note.offsetParent?.getBoundingClientRect().top ?? 0,
      top: note.getBoundingClientRect().top,
      open: details.open,
      title,
      brief: chrome + title * lineHeight,
      short: chrome + (title + gist) * lineHeight,
      height,
      note,
    };
  });
  // The other items, each after the notes whose words stand no lower than its own; never brief,
  // and taken as open (title 0): their whole height, as they stand.
  // In the order of their words down the page: a handout may have put a later paragraph first.
  const others: typeof notes = [];
  for (const note of document.querySelectorAll<HTMLElement>('[data-margin-for]')) {
    const line = document.getElementById(note.dataset.marginFor ?? '')?.getClientRects()[0]?.top;
    if (line === undefined) continue;
    const { top, height } = note.getBoundingClientRect();
    const parent = note.offsetParent?.getBoundingClientRect().top ?? 0;
    others.push({ line, parent, top, open: true, title: 0, brief: height, short: height, height, note });
  }
  // Merged in one pass (a reader may have thousands of notes): each item after the notes of its line.
  const sortedNotes = notes.toSorted((a, b) => a.line - b.line);
  const sortedOthers = others.toSorted((a, b) => a.line - b.line);
  const measured: typeof notes = [];
  let next = 0;
  for (const item of sortedOthers) {
    while (next < sortedNotes.length && (sortedNotes[next]?.line ?? 0) <= item.line)
      measured.push(sortedNotes[next++] as (typeof notes)[number]);
    measured.push(item);
  }
  measured.push(...sortedNotes.slice(next));
  const pinnedIndex = pinned ? measured.findIndex((m) => m.note === pinned?.note) : -1;
  const pinnedNote = measured[pinnedIndex];
  // Measured from the article's top, in hundredths of a pixel, so that the same page gives the
  // same numbers wherever it is scrolled to.
  const hundredths = (value: number) => Math.round(value * 100) / 100;
  const from = (y: number) => hundredths(y - articleBox.top);
  const slots = layoutMargin(
    measured.map((m) => ({
      want: from(m.line),
      height: hundredths(m.short),
      briefHeight: hundredths(m.brief),
      openHeight: m.open ? hundredths(m.height) : undefined,
    })),
    {
      // Kept between brief notes too: a note's summary is a tap target, which wants space around it.
      gap: 0.375 * rem,
      top: 0,
      columns: twoColumns.matches ? 2 : 1,
      tolerance: rem,
      pinned: pinnedNote?.open ? { index: pinnedIndex, top: from(pinnedNote.top) } : undefined,
    },
  );
  // Writing.
  let bottom = Number.NEGATIVE_INFINITY;
  slots.forEach((slot, index) => {
    const m = measured[index];
    if (!m) return;
    m.note.style.top = `${slot.top + articleBox.top - m.parent}px`;
    if (m.title) {
      m.note.classList.toggle('is-brief', slot.brief);
      m.note.style.setProperty('--t', String(m.title));
    }
    m.note.classList.toggle('is-left', slot.column === 1);
    bottom = Math.max(
      bottom,
      articleBox.top + slot.top + (m.open ? m.height : slot.brief ? m.brief : m.short),
    );
  });
  const overflow = bottom - (articleBox.bottom - padding);
  article.style.paddingBottom = overflow > 0 ? `${overflow}px` : '';
}

/**
 * The summary's lines as the short form shows them. An open note hides its first words (it reads
 * whole from its first word), so its count is the one taken while it was closed at the same
 * width; counted afresh only when there is none. A closed note's count is kept too, while its
 * width and the text's size are the same (the site loads no fonts that could change it): the
 * margin is laid out again at every change of a reader's notes, and counting lines is most of the
 * cost of measuring a note.
 */
const closedLines = new WeakMap<HTMLElement, { width: number; rem: number; title: number; gist: number }>();
function summaryLinesOf(summary: HTMLElement, open: boolean, rem: number): { title: number; gist: number } {
  const width = summary.getBoundingClientRect().width;
  const kept = closedLines.get(summary);
  if (kept && Math.abs(kept.width - width) < 0.5 && (open || kept.rem === rem)) return kept;
  const lines = summaryLines(summary);
  if (!open) closedLines.set(summary, { width, rem, ...lines });
  return lines;
}

/** The lines of a summary: its number and title, and its first words (after the line break). */
function summaryLines(summary: HTMLElement): { title: number; gist: number } {
  const lines = (range: Range) => {
    const tops = [...range.getClientRects()].map((rect) => rect.top).sort((a, b) => a - b);
    // Boxes on one line may start a pixel apart (a bold title beside its number).
    return tops.filter((top, index) => index === 0 || top - (tops[index - 1] ?? top) > 4).length;
  };
  const range = document.createRange();
  range.selectNodeContents(summary);
  const gist = summary.querySelector('.ng');
  const br = gist?.querySelector('br');
  if (!gist || !br) return { title: lines(range), gist: 0 };
  // The title ends before the first words' element, not inside it at the line break: Firefox gives
  // a range that ends inside an element that element's boxes too, the first words' lines with them.
  range.setEndBefore(gist);
  const title = lines(range);
  range.selectNodeContents(gist);
  range.setStartAfter(br);
  return { title, gist: lines(range) };
}

function sync(pair: Pair): void {
  const open = pair.details.open;
  pair.note.classList.toggle('is-open', open);
  pair.ref.setAttribute('aria-expanded', String(open));
}

/** Opens or closes a note; the details element's toggle event, which comes later, places the notes. */
function setOpen(pair: Pair, open: boolean): void {
  // Pinned before it opens: a layout that runs before the toggle event (the article resized) must
  // keep it where it stands too.
  if (open) pinned = pair;
  pair.details.open = open;
  sync(pair);
}

function apply(): void {
  const folded = !wide.matches;
  root.classList.toggle('notes-folded', folded);
  root.classList.toggle('notes-placed', !folded);
  if (folded && article) article.style.paddingBottom = '';
  place();
}

for (const pair of pairs) {
  const { ref, note, details, summary } = pair;
  ref.setAttribute('role', 'button');
  ref.setAttribute('aria-controls', note.id);
  // The words open and close their note, so its summary need not be a Tab stop of its own as well
  // (a click still opens it; without scripting it is the note's one control).
  summary.tabIndex = -1;
  if (location.hash === `#${note.id}`) details.open = true;
  sync(pair);
  const hot = (on: boolean) => () => {
    ref.classList.toggle('is-hot', on);
    note.classList.toggle('is-hot', on);
  };
  for (const element of [ref, note]) {
    element.addEventListener('pointerenter', hot(true));
    element.addEventListener('pointerleave', hot(false));
    element.addEventListener('focusin', hot(true));
    element.addEventListener('focusout', hot(false));
  }
  // The words open their note where it stands: following the link would scroll the page to it.
  ref.addEventListener('click', (event) => {
    event.preventDefault();
    setOpen(pair, !details.open);
  });
  // A button answers Space as well as Enter; a link only Enter.
  ref.addEventListener('keydown', (event) => {
    if (event.key !== ' ') return;
    event.preventDefault();
    setOpen(pair, !details.open);
  });
  details.addEventListener('toggle', () => {
    sync(pair);
    if (details.open) pinned = pair;
    else if (pinned === pair) pinned = undefined;
    place();
  });
}

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const focused = document.activeElement;
  const pair = pairs.find(({ ref, note }) => ref === focused || note.contains(focused));
  if (!pair?.details.open) return;
  setOpen(pair, false);
  pair.ref.focus();
});

// A link to a note (from the index, /notes.json, a shared URL) opens it.
addEventListener('hashchange', () => {
  const pair = pairs.find(({ note }) => `#${note.id}` === location.hash);
  if (pair) setOpen(pair, true);
});

document.addEventListener('margin:relayout', place);
// Text reflows when the width, the zoom or the fonts change; the margin follows it, the reader's own
// notes too, which may come to a page without notes of the edition.
if (article) new ResizeObserver(() => place()).observe(article);

if (pairs.length > 0) {
  wide.addEventListener('change', apply);
  twoColumns.addEventListener('change', place);
  apply();
}
