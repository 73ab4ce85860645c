/*
 * The paragraph tools themselves, loaded by paragraph-tools.ts when a reader first needs them: one
 * toolbar that follows the passage being pointed at (from 52rem, in the ¶ gutter), keyboard-focused
 * or linked (below 52rem, a bar at the bottom of the screen) with copy link, cite and present; a
 * "copy link to this sentence" button for a selection; retired ids followed to their successor with
 * a notice; and ?handout= pages.
 */
import {
  type CitationRun,
  type CitedWork,
  chicagoBibliography,
  htmlCitation,
  localIsoDate,
  type PassageCitation,
  passageCitations,
  plainCitation,
} from '../lib/cite/citation.ts';
import { formatHandoutParam, formatParagraphList, parseHandout } from '../lib/cite/handout.ts';
import { retiredNotice } from '../lib/cite/retired-notice.ts';
import { textDirectiveFor, textFragmentUrl } from '../lib/cite/text-fragment.ts';
import toolsStylesheet from '../styles/tools.css?url';
import { make } from './make-element.ts';
import { loadStylesheet } from './stylesheet.ts';

/** The data island PassageTools.astro writes: the cited work, less what the page's address gives. */
export interface ToolsData extends Omit<CitedWork, 'documentUrl'> {
  /** The present-mode path prefix, base included ("/p/"). */
  present: string;
  retired?: Record<string, { to: string; href: string; reason: 'merged' | 'removed' }>;
}

/**
 * Loads the tools' stylesheet (not part of the page's CSS, since only this script uses it) and then
 * builds the tools, so that none ever shows unstyled. `trigger` is the event that asked for them.
 */
export function startTools(
  data: ToolsData,
  main: HTMLElement,
  trigger: Event | null,
  tapped: () => Element | null = () => null,
): void {
  loadStylesheet(toolsStylesheet).then(() => start(data, main, trigger, tapped()));
}

/** This page as a teacher shares it: the address it is served from, without a query (a handout) or anchor. */
const pageUrl = () => `${location.origin}${location.pathname}`;

function start(data: ToolsData, main: HTMLElement, trigger: Event | null, tapped: Element | null): void {
  const passages = [...main.querySelectorAll<HTMLElement>('.passage')];
  const numberOf = (passage: Element) =>
    Number(passage.querySelector(':scope > .pn')?.textContent?.replace(/\D/gu, '') ?? 0);
  /** The link a teacher shares: this page and the passage's anchor. */
  const urlOf = (passage: Element) => `${pageUrl()}#${passage.id}`;
  const wide = window.matchMedia('(min-width: 52rem)');

  // One live region for every message: "Link copied", the retired-id notice, a failed copy.
  const live = make('div', { className: 'pt-live', role: 'status' });
  document.body.append(live);
  let liveTimer: number | undefined;
  function announce(message: string, options: { dismissible?: boolean; actions?: HTMLElement[] } = {}): void {
    window.clearTimeout(liveTimer);
    live.replaceChildren(make('p', {}, message), ...(options.actions ?? []));
    if (options.dismissible) {
      const dismiss = make('button', { type: 'button', className: 'pt-b' }, 'Dismiss');
      dismiss.addEventListener('click', () => live.replaceChildren());
      live.append(dismiss);
    } else {
      liveTimer = window.setTimeout(() => live.replaceChildren(), 4000);
    }
  }

  async function copy(text: string, done: string, html?: string): Promise<void> {
    try {
      // A citation goes with its italics where the paste target takes HTML (a word processor).
      if (html && typeof ClipboardItem !== 'undefined') {
        await navigator.clipboard.write([
          new ClipboardItem({
            'text/plain': new Blob([text], { type: 'text/plain' }),
            'text/html': new Blob([html], { type: 'text/html' }),
          }),
        ]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      announce(done);
    } catch {
      // No clipboard access (an insecure origin, or refused): show the text to copy by hand.
      announce(`Copying is not allowed here; select and copy: ${text}`, { dismissible: true });
    }
  }

  // The toolbar. Cite comes last, so that the citations it opens (right after the toolbar) are the
  // next stops of the Tab key; Close comes first, at the start of the phone's bar.
  const label = make('span', { className: 'pt-n', 'aria-hidden': 'true' });
  const copyButton = make('button', { type: 'button', className: 'pt-b' }, 'Copy link');
  const citeButton = make(
    'button',
    { type: 'button', className: 'pt-b', 'aria-expanded': 'false', 'aria-controls': 'pt-cite' },
    'Cite',
  );
  const presentLink = make('a', { className: 'pt-b' }, 'Present');
  const handoutButton = make(
    'button',
    { type: 'button', className: 'pt-b pt-h', 'aria-pressed': 'false' },
    'Add to handout',
  );
  const trayButton = make(
    'button',
    { type: 'button', className: 'pt-b pt-tray', 'aria-haspopup': 'dialog' },
    'Handout (0)',
  );
  const closeButton = make(
    'button',
    { type: 'button', className: 'pt-b pt-x', 'aria-label': 'Close the paragraph tools' },
    '×',
  );
  const toolbar = make(
    'div',
    { className: 'pt', role: 'group' },
    closeButton,
    label,
    copyButton,
    presentLink,
  );
  toolbar.append(handoutButton, trayButton, citeButton);
  const citePanel = make('div', { className: 'pt-cite', id: 'pt-cite' });
  let active: HTMLElement | null = null;

  let closing = false;
  function activate(passage: HTMLElement | null | undefined): void {
    if (!passage || closing || passage === active) return;
    closeCite();
    active = passage;
    const n = numberOf(passage);
    label.textContent = `¶ ${n}`;
    toolbar.setAttribute('aria-label', `Tools for ¶ ${n}`);
    presentLink.href = `${data.present}${passage.id}/`;
    handoutButton.setAttribute('aria-pressed', String(handout.includes(n)));
    toolbar.classList.remove('is-open');
    passage.querySelector(':scope > .pn')?.after(toolbar);
    makeRoom(passage);
  }

  // From 52rem the tools hang in the gutter under the ¶ number; a paragraph shorter than they are
  // is lengthened while they are shown, so that they never cover the next paragraph's ¶ number.
  let roomy: HTMLElement | null = null;
  function makeRoom(passage: HTMLElement | null): void {
    if (roomy) roomy.style.minHeight = '';
    roomy = null;
    if (!passage || !wide.matches) return;
    const needed = toolbar.offsetTop + toolbar.offsetHeight;
    if (needed > passage.offsetHeight) {
      passage.style.minHeight = `${needed}px`;
      roomy = passage;
    }
  }

  function closeCite(): void {
    citeButton.setAttribute('aria-expanded', 'false');
    citePanel.remove();
  }

  const renderRuns = (runs: readonly CitationRun[]) =>
    runs.map((run) => (typeof run === 'string' ? run : make('i', {}, run.italic)));

  function openCite(passage: HTMLElement): void {
    const citation: PassageCitation = {
      ...data,
      documentUrl: pageUrl(),
      paragraph: numberOf(passage),
      url: urlOf(passage),
      accessed: localIsoDate(new Date()),
    };
    citePanel.replaceChildren(
      ...passageCitations(citation).map(({ label: style, runs }) => {
        const text = plainCitation(runs);
        const button = make(
          'button',
          { type: 'button', className: 'pt-b', 'aria-label': `Copy the ${style} citation` },
          'Copy',
        );
        button.addEventListener('click', () => copy(text, `${style} citation copied`, htmlCitation(runs)));
        return make(
          'p',
          {},
          make('b', {}, style),
          ' ',
          make('span', { className: 'pt-c' }, ...renderRuns(runs)),
          ' ',
          button,
        );
      }),
    );
    toolbar.after(citePanel);
    citeButton.setAttribute('aria-expanded', 'true');
    citePanel.scrollIntoView({ block: 'nearest' });
  }

  // The handout being put together from this page: ¶ numbers in the teacher's order, kept on this
  // device (localStorage) so that a lesson prepared today is still there tomorrow.
  const handoutKey = `kirov-handout:${location.pathname}`;
  let handout: number[] = readHandout();
  function readHandout(): number[] {
    try {
      const stored = JSON.parse(localStorage.getItem(handoutKey) ?? '[]') as unknown;
      return Array.isArray(stored)
        ? [...new Set(stored.filter((n): n is number => Number.isInteger(n)))]
        : [];
    } catch {
      return [];
    }
  }
  function saveHandout(): void {
    try {
      localStorage.setItem(handoutKey, JSON.stringify(handout));
    } catch {
      // Without storage the handout lasts as long as the page.
    }
    trayButton.textContent = `Handout (${handout.length})`;
    if (active) handoutButton.setAttribute('aria-pressed', String(handout.includes(numberOf(active))));
    if (tray.open) fillTray();
  }
  // Another tab of this page may change the handout too.
  window.addEventListener('storage', (event) => {
    if (event.key !== handoutKey) return;
    handout = readHandout();
    saveHandout();
  });

  // The tray: what the handout holds, to reorder, remove, open and print.
  const tray = make('dialog', { className: 'pt-tray-box', 'aria-labelledby': 'pt-tray-h' });
  const trayList = make('ol', { className: 'pt-tray-list' });
  const trayEmpty = make(
    'p',
    {},
    'No paragraphs yet. Add them with “Add to handout” in a paragraph’s tools.',
  );
  const trayOpen = make('a', { className: 'pt-b' }, 'Open handout');
  const trayClear = make('button', { type: 'button', className: 'pt-b' }, 'Clear');
  const trayClose = make('button', { type: 'button', className: 'pt-b' }, 'Close');
  tray.append(
    make('h2', { id: 'pt-tray-h' }, 'Handout'),
    trayEmpty,
    trayList,
    make('p', { className: 'pt-tray-do' }, trayOpen, ' ', trayClear, ' ', trayClose),
  );
  document.body.append(tray);
  const passageByNumber = new Map(passages.map((passage) => [numberOf(passage), passage]));
  function fillTray(focusAfter?: { n: number; action: string }): void {
    trayEmpty.hidden = handout.length > 0;
    trayOpen.hidden = handout.length === 0;
    trayClear.hidden = handout.length === 0;
    trayOpen.href = `${location.pathname}?handout=${formatHandoutParam(handout)}`;
    trayList.replaceChildren(
      ...handout.map((n, index) => {
        const words = passageByNumber.get(n)?.querySelector(':scope > p')?.textContent?.trim() ?? '';
        const opening = words.length > 60 ? `${words.slice(0, 60).replace(/\s+\S*$/u, '')}…` : words;
        const action = (name: string, text: string, disabled: boolean, run: () => void) => {
          const button = make(
            'button',
            { type: 'button', className: 'pt-b', disabled, 'aria-label': `${name} ¶ ${n}` },
            text,
          );
          button.dataset.action = name;
          button.addEventListener('click', () => {
            run();
            saveHandout();
            fillTray({ n, action: name });
          });
          return button;
        };
        const move = (by: number) => () => {
          handout.splice(index, 1);
          handout.splice(index + by, 0, n);
        };
        const item = make(
          'li',
          {},
          make('b', {}, `¶ ${n}`),
          ' ',
          make('span', {}, opening),
          ' ',
          action('Move up', '↑', index === 0, move(-1)),
          action('Move down', '↓', index === handout.length - 1, move(1)),
          action('Remove', 'Remove', false, () => {
            handout.splice(index, 1);
          }),
        );
        item.dataset.n = String(n);
        return item;
      }),
    );
    if (focusAfter) {
      // Focus stays with the paragraph just moved, or goes to the list's next item after a removal.
      const item = trayList.querySelector<HTMLElement>(`li[data-n="${focusAfter.n}"]`);
      const target =
        item?.querySelector<HTMLButtonElement>(`button[data-action="${focusAfter.action}"]:not(:disabled)`) ??
        item?.querySelector<HTMLButtonElement>('button:not(:disabled)') ??
        trayList.querySelector<HTMLButtonElement>('button:not(:disabled)') ??
        trayClose;
      target.focus();
    }
  }
  function openTray(): void {
    fillTray();
    tray.showModal();
  }
  trayButton.addEventListener('click', openTray);
  trayClose.addEventListener('click', () => tray.close());
  trayClear.addEventListener('click', () => {
    handout = [];
    saveHandout();
    trayClose.focus();
    announce('The handout is empty.');
  });
  saveHandout();

  handoutButton.addEventListener('click', () => {
    if (!active) return;
    const n = numberOf(active);
    const adding = !handout.includes(n);
    if (adding) handout.push(n);
    else handout = handout.filter((m) => m !== n);
    saveHandout();
    if (handout.length === 0) {
      announce(`¶ ${n} removed; the handout is empty.`);
      return;
    }
    const show = make('button', { type: 'button', className: 'pt-b' }, 'Show handout');
    show.addEventListener('click', openTray);
    announce(`¶ ${n} ${adding ? 'added' : 'removed'}. Handout: ¶ ${formatParagraphList(handout)}.`, {
      dismissible: true,
      actions: [show],
    });
  });

  copyButton.addEventListener('click', () => {
    if (active) copy(urlOf(active), 'Link copied');
  });
  citeButton.addEventListener('click', () => {
    if (citeButton.getAttribute('aria-expanded') === 'true') closeCite();
    else if (active) openCite(active);
  });
  closeButton.addEventListener('click', () => {
    closeCite();
    // Closed, the tools leave the page until they are summoned again (pointer, focus, a link);
    // focus goes back to the ¶ number without summoning them at once.
    closing = true;
    active?.querySelector<HTMLElement>(':scope > .pn')?.focus();
    closing = false;
    toolbar.remove();
    makeRoom(null);
    active = null;
  });

  const passageOf = (node: EventTarget | Node | null): HTMLElement | null =>
    node instanceof Element
      ? node.closest<HTMLElement>('.passage')
      : ((node as Node | null)?.parentElement?.closest<HTMLElement>('.passage') ?? null);
  const targetPassage = () => passageOf(document.querySelector(':target'));

  // From 52rem the tools sit in the ¶ gutter of the passage under the pointer; below, a pointer
  // passing over the text must not summon a bar over it.
  // An open citation, or tools in keyboard use, stay put: opening a citation may scroll another
  // passage under the pointer.
  const pinned = () =>
    citePanel.isConnected ||
    toolbar.querySelector(':focus-visible') !== null ||
    (active !== null && active.querySelector(':scope > .pn') === document.activeElement);
  main.addEventListener('pointerover', (event) => {
    if (wide.matches && !pinned()) activate(passageOf(event.target));
  });
  main.addEventListener('pointerleave', () => {
    if (wide.matches && !pinned()) activate(targetPassage());
  });
  // Tab from a ¶ number leads into its tools.
  main.addEventListener('focusin', (event) => {
    if (event.target instanceof Element && event.target.matches('.pn')) {
      activate(passageOf(event.target));
      if (!wide.matches) keepAboveBar(event.target);
    }
  });
  // Below 52rem the bar opens only when the reader taps a ¶ number (or reaches it by keyboard), not
  // for a paragraph a link led to: a student following a link came to read it.
  main.addEventListener('click', (event) => {
    const number = event.target instanceof Element ? event.target.closest('.pn') : null;
    if (!number || wide.matches) return;
    activate(passageOf(number));
    toolbar.classList.add('is-open');
    keepAboveBar(number);
  });
  /** Scrolls so that the ¶ number in use is not hidden behind the bar at the bottom of the screen. */
  function keepAboveBar(number: Element): void {
    requestAnimationFrame(() => {
      const bar = toolbar.getBoundingClientRect();
      const box = number.getBoundingClientRect();
      if (bar.height > 0 && box.bottom > bar.top - 8) window.scrollBy(0, box.bottom - bar.top + 8);
    });
  }
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    hideFragmentButton();
    if (citePanel.isConnected) {
      closeCite();
      citeButton.focus();
    }
  });

  // Old links: a retired id leads to its successor, with a word about why.
  function followRetired(): void {
    const id = decodeURIComponent(location.hash.slice(1));
    const retired = data.retired?.[id];
    if (!retired) return;
    const successor = document.getElementById(retired.to);
    if (successor?.matches('.passage')) {
      location.replace(`#${retired.to}`);
      announce(retiredNotice(retired.reason, numberOf(successor)), { dismissible: true });
    } else {
      // The successor is on another document's page, which carries the retired anchor too.
      const elsewhere = new URL(retired.href, location.href);
      if (elsewhere.pathname !== location.pathname) location.replace(`${elsewhere.pathname}#${id}`);
    }
  }
  // A link whose anchor is on no element of the page (mistyped, or cut short) would land at the top
  // without a word.
  function noticeUnknownAnchor(): void {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id === '' || document.getElementById(id) || data.retired?.[id]) return;
    announce(
      `No paragraph on this page has the link “#${id}”: it may be mistyped or cut short. Search (press /) finds a paragraph by its words.`,
      { dismissible: true },
    );
  }
  window.addEventListener('hashchange', () => {
    followRetired();
    noticeUnknownAnchor();
    activate(targetPassage());
  });
  followRetired();
  noticeUnknownAnchor();
  activate(targetPassage());
  // What brought the tools in: a ¶ number that has focus, a pointer over a passage, a selection.
  const asked = tapped ?? (document.activeElement?.matches('.pn') ? document.activeElement : null);
  if (asked) {
    // A ¶ number tapped (which also loaded the tools) or reached by keyboard: the reader asked for them.
    activate(passageOf(asked));
    if (!wide.matches) {
      toolbar.classList.add('is-open');
      keepAboveBar(asked);
    }
  } else if (trigger?.type === 'pointerover' && wide.matches) activate(passageOf(trigger.target));

  if (new URLSearchParams(location.search).has('handout')) showHandout(data, passages, numberOf, main);

  // A link to the selected words (#id:~:text=…).
  const fragmentButton = make(
    'button',
    { type: 'button', className: 'pt-b pt-frag' },
    'Copy link to this sentence',
  );
  let fragmentUrl = '';
  // Keeps the selection when the button is pressed with a pointer.
  fragmentButton.addEventListener('pointerdown', (event) => event.preventDefault());
  fragmentButton.addEventListener('click', () => copy(fragmentUrl, 'Link to the selected words copied'));
  function hideFragmentButton(): void {
    fragmentButton.remove();
  }
  let selectionTimer: number | undefined;
  document.addEventListener('selectionchange', () => {
    window.clearTimeout(selectionTimer);
    selectionTimer = window.setTimeout(offerFragmentLink, 150);
  });
  if (trigger?.type === 'selectionchange') offerFragmentLink();
  function offerFragmentLink(): void {
    const selection = document.getSelection();
    const range =
      selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    const passage = range ? passageOf(range.startContainer) : null;
    if (
      !range ||
      !passage ||
      toolbar.contains(range.startContainer) ||
      citePanel.contains(range.startContainer)
    ) {
      if (document.activeElement !== fragmentButton) hideFragmentButton();
      return;
    }
    const blockOf = (node: Node) =>
      (node instanceof Element ? node : node.parentElement)?.closest('p, li, blockquote, aside, .passage') ??
      passage;
    const startBlock = blockOf(range.startContainer);
    const endBlock = blockOf(range.endContainer);
    const span = (from: Node, fromOffset: number, to: Node, toOffset: number) => {
      const part = document.createRange();
      part.setStart(from, fromOffset);
      part.setEnd(to, toOffset);
      return part.toString();
    };
    const directive = textDirectiveFor({
      selected: range.toString(),
      before: span(startBlock, 0, range.startContainer, range.startOffset),
      after: span(range.endContainer, range.endOffset, endBlock, endBlock.childNodes.length),
      earlier: span(main as Node, 0, startBlock, 0),
    });
    if (!directive) {
      hideFragmentButton();
      return;
    }
    fragmentUrl = textFragmentUrl(urlOf(passage), directive);
    // Under the lowest line of the selection (not merely its last rectangle, which may be an empty
    // one at a line's start, or a line above), so that the button never covers the selected words.
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
    const whole = range.getBoundingClientRect();
    const bottom = Math.max(whole.bottom, ...rects.map((rect) => rect.bottom));
    const lowest = rects.filter((rect) => rect.bottom >= bottom - 1);
    const right = Math.max(...lowest.map((rect) => rect.right), lowest.length > 0 ? 0 : whole.right);
    const box = passage.getBoundingClientRect();
    passage.append(fragmentButton);
    const width = fragmentButton.offsetWidth;
    fragmentButton.style.top = `${bottom - box.top + 4}px`;
    fragmentButton.style.left = `${Math.max(0, Math.min(right - box.left - width, box.width - width))}px`;
  }
}

/**
 * ?handout=3,7-9: only those paragraphs, in the order the link gives them, under a heading that names
 * them; the text's citation and the handout's own link (with a QR code in print) above them.
 */
function showHandout(
  data: ToolsData,
  passages: HTMLElement[],
  numberOf: (passage: Element) => number,
  main: HTMLElement,
): void {
  const param = new URLSearchParams(location.search).get('handout') ?? '';
  const header = main.querySelector('article > header');
  const last = Math.max(0, ...passages.map(numberOf));
  const selection = parseHandout(param, last);
  const box = make('div', { className: 'handout' });
  const whole = make('a', { href: location.pathname }, 'Show the whole text');
  if (!selection.ok) {
    box.append(
      make('h2', {}, 'Handout'),
      make(
        'p',
        { role: 'alert' },
        `This handout link cannot be read: ${selection.message}. The whole text is shown below.`,
      ),
    );
    header?.after(box);
    return;
  }
  const chosen = new Set(selection.paragraphs);
  for (const passage of passages) passage.hidden = !chosen.has(numberOf(passage));
  for (const section of main.querySelectorAll<HTMLElement>('article section')) {
    section.hidden = !section.querySelector('.passage:not([hidden])');
  }
  document.documentElement.classList.add('is-handout');
  const print = make('button', { type: 'button', className: 'pt-b' }, 'Print');
  print.addEventListener('click', () => window.print());
  // The handout's own link, in its canonical form, so that the printed page leads back to it.
  const documentUrl = pageUrl();
  const handoutUrl = `${documentUrl}?handout=${formatHandoutParam(selection.paragraphs)}`;
  const citation = chicagoBibliography({
    ...data,
    documentUrl,
    paragraph: 0,
    url: documentUrl,
    accessed: localIsoDate(new Date()),
  });
  const qr = make('div', { className: 'handout-qr' });
  box.append(
    make('h2', {}, `Handout: ¶ ${formatParagraphList(selection.paragraphs)}`),
    make(
      'p',
      { className: 'handout-cite' },
      make('b', {}, 'Cite as: '),
      ...citation.map((run) => (typeof run === 'string' ? run : make('i', {}, run.italic))),
    ),
    make(
      'p',
      { className: 'handout-link' },
      'This handout online: ',
      make('a', { href: handoutUrl }, handoutUrl),
    ),
    qr,
    make('p', { className: 'handout-do' }, print, ' ', whole),
  );
  header?.after(box);
  // The paragraphs in the order the teacher chose, after the box; their sections' headings stay
  // with the sections, hidden, since a reordered handout no longer follows them.
  if (selection.paragraphs.some((n, i, all) => i > 0 && n < (all[i - 1] ?? 0))) {
    const ordered = make('div', { className: 'handout-passages' });
    for (const n of selection.paragraphs) {
      const passage = passages.find((p) => numberOf(p) === n);
      if (passage) ordered.append(passage);
    }
    box.after(ordered);
    for (const section of main.querySelectorAll<HTMLElement>('article section')) {
      section.hidden = !section.querySelector('.passage:not([hidden])');
    }
    // The margin notes are placed again for the paragraphs' new places.
    window.dispatchEvent(new Event('resize'));
  }
  import('../lib/cite/qr-code.ts').then(async ({ qrCodeSvg }) => {
    qr.innerHTML = await qrCodeSvg(handoutUrl, 'handout-qr-code');
  });
}
