/*
 * Present mode's keys, type size and QR code: ← and → go to the previous and next paragraph, Escape
 * back to the reader (each is also a plain link, marked data-key); Q, or its button, puts the QR code
 * away and brings it back, remembered on this device; on a projector the text and its notes are set
 * as large as fits the screen, again whenever a note opens or closes or the QR code comes or goes;
 * and when the page is served from another address than the one the site was built for, the QR code
 * and its link are drawn again for this address. A class layer's questions on the paragraph, where the
 * device holds any, are shown one at a time (present-questions.ts).
 */

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
  const target = event.target;
  if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]')) return;
  if (event.key === 'q' || event.key === 'Q') {
    event.preventDefault();
    showQr(document.documentElement.classList.contains('qr-hidden'));
    return;
  }
  const link = document.querySelector<HTMLAnchorElement>(`a[data-key="${event.key}"]`);
  if (!link) return;
  event.preventDefault();
  location.assign(link.href);
});

const column = document.querySelector<HTMLElement>('.present-col');
const projector = window.matchMedia('(min-width: 48rem) and (min-height: 30rem)');

// The notes go under the text, in the column whose type size is fitted.
const notes = document.querySelector('.present-notes');
const passage = document.querySelector('.present-passage');
if (passage && notes) notes.append(...passage.querySelectorAll('aside.note'));

/** Text smaller than this is not read from the back of a room; a longer paragraph scrolls instead. */
const SMALLEST = 24;
/** With a note open, what the teacher opened is shown whole, at a size still read from the middle. */
const SMALLEST_WITH_NOTE = 14;
const LARGEST = 64;

/** The largest font size (px) between the smallest and LARGEST at which the column needs no scrolling. */
function fitText(): void {
  if (!column) return;
  column.style.fontSize = '';
  if (!projector.matches) return;
  const fits = () => column.scrollHeight <= column.clientHeight + 1;
  const noteOpen = column.querySelector('.note details[open]') !== null;
  let low = noteOpen ? SMALLEST_WITH_NOTE : SMALLEST;
  let high = LARGEST;
  while (high - low > 0.5) {
    const middle = (low + high) / 2;
    column.style.fontSize = `${middle}px`;
    if (fits()) low = middle;
    else high = middle;
  }
  column.style.fontSize = `${low}px`;
}

// A note opened or closed: the text is fitted again, so that nothing of it is cut; should the notes
// open not fit even at the smallest size, the column scrolls to show the one just opened whole.
column?.addEventListener(
  'toggle',
  (event) => {
    fitText();
    const note = event.target;
    if (note instanceof HTMLDetailsElement && note.open) note.scrollIntoView({ block: 'nearest' });
  },
  true,
);

const QR_KEY = 'kirov-present-qr';
const qrToggle = document.querySelector<HTMLButtonElement>('[data-qr-toggle]');

/** Shows or puts away the QR code, remembers the choice, and fits the text to the room it has. */
function showQr(shown: boolean): void {
  document.documentElement.classList.toggle('qr-hidden', !shown);
  qrToggle?.setAttribute('aria-pressed', String(shown));
  try {
    localStorage.setItem(QR_KEY, shown ? 'shown' : 'hidden');
  } catch {
    // Without storage the choice lasts as long as the page.
  }
  fitText();
}

if (qrToggle) {
  qrToggle.hidden = false;
  qrToggle.addEventListener('click', () => showQr(qrToggle.getAttribute('aria-pressed') !== 'true'));
}
let remembered: string | null = null;
try {
  remembered = localStorage.getItem(QR_KEY);
} catch {
  // No storage: the QR code is shown.
}
if (remembered === 'hidden') showQr(false);
else fitText();

// A class question shown or moved on (present-questions.ts): the text is fitted again.
document.addEventListener('present:refit', fitText);
if (column?.dataset.passage) {
  const passageId = column.dataset.passage;
  import('./present-questions.ts').then(({ startPresentQuestions }) =>
    startPresentQuestions(column, passageId),
  );
}

let resizeTimer: number | undefined;
window.addEventListener('resize', () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(fitText, 100);
});

// The build drew the QR code for the address it was told (KIROV_SITE); a school's own server is
// another. The link's href is relative, so the browser resolves it against this page's address.
const link = document.querySelector<HTMLAnchorElement>('.present-qr a[data-served-url]');
if (link && link.textContent !== link.href) {
  const served = link.href;
  link.textContent = served;
  import('../lib/cite/qr-code.ts').then(async ({ qrCodeSvg }) => {
    const old = document.querySelector('.present-qr svg.qr-code');
    const template = document.createElement('template');
    template.innerHTML = await qrCodeSvg(served);
    const drawn = template.content.firstElementChild;
    if (old && drawn) old.replaceWith(drawn);
  });
}

// A module, not a global script: its names stay its own.
export {};
