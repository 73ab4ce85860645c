/*
 * Marginal notes, enhanced (the page reads fully without this; see src/styles/notes.css):
 * - from 48rem, each note moves up beside the line of its words, below the note before it;
 * - below 48rem, notes fold away and each note's words become a button that opens the note under
 *   its paragraph (aria-expanded tells the state; Escape closes and returns to the words);
 * - hovering or focusing a note's words lights up the note, and the other way round.
 */

// A module, not a global script: its names stay its own.
export {};

const root = document.documentElement;
const article = document.querySelector<HTMLElement>('article');
const wide = matchMedia('(min-width: 48rem)');
const pairs = [...document.querySelectorAll<HTMLAnchorElement>('a.note-ref')].flatMap((ref) => {
  const note = document.getElementById(ref.hash.slice(1));
  return note ? [{ ref, note }] : [];
});

function setOpen(ref: HTMLAnchorElement, note: HTMLElement, open: boolean): void {
  note.classList.toggle('is-open', open);
  ref.setAttribute('aria-expanded', String(open));
}

/** Each note at its words' line, or lower when the note before it still takes that space. */
function place(): void {
  if (!article) return;
  article.style.paddingBottom = '';
  const gap = parseFloat(getComputedStyle(root).fontSize) * 0.75;
  // All measuring first, then all writing, so the browser lays the page out once.
  const measured = pairs.map(({ ref, note }) => ({
    note,
    line: (ref.getClientRects()[0] ?? ref.getBoundingClientRect()).top,
    parent: note.offsetParent?.getBoundingClientRect().top ?? 0,
    height: note.offsetHeight,
  }));
  let bottom = Number.NEGATIVE_INFINITY;
  for (const { note, line, parent, height } of measured) {
    const top = Math.max(line, bottom + gap);
    note.style.top = `${top - parent}px`;
    bottom = top + height;
  }
  const overflow = bottom - article.getBoundingClientRect().bottom;
  if (overflow > 0) article.style.paddingBottom = `${overflow}px`;
}

function apply(): void {
  const folded = !wide.matches;
  root.classList.toggle('notes-folded', folded);
  root.classList.toggle('notes-placed', !folded);
  for (const { ref, note } of pairs) {
    if (folded) {
      ref.setAttribute('role', 'button');
      ref.setAttribute('aria-controls', note.id);
      setOpen(ref, note, note.classList.contains('is-open') || location.hash === `#${note.id}`);
    } else {
      for (const name of ['role', 'aria-controls', 'aria-expanded']) ref.removeAttribute(name);
      note.classList.remove('is-open');
    }
  }
  if (folded && article) article.style.paddingBottom = '';
  else place();
}

for (const { ref, note } of pairs) {
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
  ref.addEventListener('click', (event) => {
    if (!root.classList.contains('notes-folded')) return;
    event.preventDefault();
    setOpen(ref, note, !note.classList.contains('is-open'));
  });
  // A button answers Space as well as Enter; a link only Enter.
  ref.addEventListener('keydown', (event) => {
    if (event.key !== ' ' || !root.classList.contains('notes-folded')) return;
    event.preventDefault();
    setOpen(ref, note, !note.classList.contains('is-open'));
  });
}

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || !root.classList.contains('notes-folded')) return;
  const focused = document.activeElement;
  const pair = pairs.find(
    ({ ref, note }) => note.classList.contains('is-open') && (ref === focused || note.contains(focused)),
  );
  if (!pair) return;
  setOpen(pair.ref, pair.note, false);
  pair.ref.focus();
});

// A link to a folded note (from the index, /notes.json, a shared URL) opens it.
addEventListener('hashchange', () => {
  const pair = pairs.find(({ note }) => `#${note.id}` === location.hash);
  if (pair && root.classList.contains('notes-folded')) setOpen(pair.ref, pair.note, true);
});

if (pairs.length > 0) {
  wide.addEventListener('change', apply);
  // Text reflows when the width, the zoom or the fonts change; the notes follow it.
  if (article) new ResizeObserver(() => wide.matches && place()).observe(article);
  apply();
}
