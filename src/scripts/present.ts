/*
 * Present mode's keys and type size: ← and → go to the previous and next paragraph, Escape back to
 * the reader (each is also a plain link, marked data-key), and on a wide screen the paragraph is set
 * as large as fits the screen without scrolling.
 */

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
  const target = event.target;
  if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]')) return;
  const link = document.querySelector<HTMLAnchorElement>(`a[data-key="${event.key}"]`);
  if (!link) return;
  event.preventDefault();
  location.assign(link.href);
});

const passage = document.querySelector<HTMLElement>('.present-passage');
const nav = document.querySelector<HTMLElement>('.present-nav');
const projector = window.matchMedia('(min-width: 48rem) and (min-height: 30rem)');

// The notes go beside the text, under the QR code, so that the text alone sets the type size.
const notes = document.querySelector('.present-notes');
if (passage && notes) notes.append(...passage.querySelectorAll('aside.note'));

/** The largest font size (px) between the stylesheet's and 56px at which the text needs no scrolling. */
function fitText(): void {
  if (!passage) return;
  passage.style.fontSize = '';
  if (!projector.matches) return;
  const fits = () => passage.getBoundingClientRect().bottom + (nav?.offsetHeight ?? 0) <= window.innerHeight;
  let low = Number.parseFloat(getComputedStyle(passage).fontSize);
  if (!fits()) return;
  let high = 56;
  while (high - low > 0.5) {
    const middle = (low + high) / 2;
    passage.style.fontSize = `${middle}px`;
    if (fits()) low = middle;
    else high = middle;
  }
  passage.style.fontSize = `${low}px`;
}

fitText();
let resizeTimer: number | undefined;
window.addEventListener('resize', () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(fitText, 100);
});

// A module, not a global script: its names stay its own.
export {};
