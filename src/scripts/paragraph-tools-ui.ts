/*
 * The paragraph tools themselves, loaded by paragraph-tools.ts when a reader first needs them: one
 * toolbar that follows the passage being pointed at (from 52rem, in the ¶ gutter), keyboard-focused
 * or linked (below 52rem, a bar at the bottom of the screen) with copy link, cite and present; a
 * "copy link to this sentence" button for a selection; retired ids followed to their successor with
 * a notice; and ?handout= pages.
 */
import {
  chicagoCitation,
  localIsoDate,
  mlaCitation,
  type PassageCitation,
  type PersonName,
} from '../lib/cite/citation.ts';
import { formatHandoutParam, formatParagraphList, parseHandout } from '../lib/cite/handout.ts';
import { retiredNotice } from '../lib/cite/retired-notice.ts';
import { textDirectiveFor, textFragmentUrl } from '../lib/cite/text-fragment.ts';
import toolsStylesheet from '../styles/tools.css?url';
import { loadStylesheet } from './stylesheet.ts';

/** The data island PassageTools.astro writes. */
export interface ToolsData {
  authors: PersonName[];
  title: string;
  translator: string | null;
  edition: string;
  /** The present-mode path prefix, base included ("/p/"). */
  present: string;
  retired?: Record<string, { to: string; href: string; reason: 'merged' | 'removed' }>;
}

/**
 * Loads the tools' stylesheet (not part of the page's CSS, since only this script uses it) and then
 * builds the tools, so that none ever shows unstyled. `trigger` is the event that asked for them.
 */
export function startTools(data: ToolsData, main: HTMLElement, trigger: Event | null): void {
  loadStylesheet(toolsStylesheet).then(() => start(data, main, trigger));
}

/** Creates an element with properties and children. */
function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> & { [attribute: `aria-${string}`]: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(properties)) {
    // ARIA attributes are set as attributes: their reflected properties are not in every browser.
    if (key.startsWith('aria-') || key === 'role') element.setAttribute(key, String(value));
    else Object.assign(element, { [key]: value });
  }
  element.append(...children);
  return element;
}

function start(data: ToolsData, main: HTMLElement, trigger: Event | null): void {
  const passages = [...main.querySelectorAll<HTMLElement>('.passage')];
  const numberOf = (passage: Element) =>
    Number(passage.querySelector(':scope > .pn')?.textContent?.replace(/\D/gu, '') ?? 0);
  /** The link a teacher shares: this page, without its query (a handout), and the passage's anchor. */
  const urlOf = (passage: Element) => `${location.origin}${location.pathname}#${passage.id}`;
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

  async function copy(text: string, done: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      announce(done);
    } catch {
      // No clipboard access (an insecure origin, or refused): show the text to copy by hand.
      announce(`Copying is not allowed here; select and copy: ${text}`, { dismissible: true });
    }
  }

  // The toolbar.
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
  const closeButton = make(
    'button',
    { type: 'button', className: 'pt-b pt-x', 'aria-label': 'Close the paragraph tools' },
    '×',
  );
  const toolbar = make('div', { className: 'pt', role: 'group' }, label, copyButton, citeButton, presentLink);
  toolbar.append(handoutButton, closeButton);
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
    handoutButton.setAttribute('aria-pressed', String(handout.has(n)));
    passage.querySelector(':scope > .pn')?.after(toolbar);
  }

  function closeCite(): void {
    citeButton.setAttribute('aria-expanded', 'false');
    citePanel.remove();
  }

  function openCite(passage: HTMLElement): void {
    const citation: PassageCitation = {
      authors: data.authors,
      title: data.title,
      translator: data.translator,
      edition: data.edition,
      paragraph: numberOf(passage),
      url: urlOf(passage),
      accessed: localIsoDate(new Date()),
    };
    citePanel.replaceChildren(
      ...(
        [
          ['Chicago', chicagoCitation(citation)],
          ['MLA', mlaCitation(citation)],
        ] as const
      ).map(([style, text]) => {
        const button = make(
          'button',
          { type: 'button', className: 'pt-b', 'aria-label': `Copy the ${style} citation` },
          'Copy',
        );
        button.addEventListener('click', () => copy(text, `${style} citation copied`));
        return make(
          'p',
          {},
          make('b', {}, style),
          ' ',
          make('span', { className: 'pt-c' }, text),
          ' ',
          button,
        );
      }),
    );
    passage.append(citePanel);
    citeButton.setAttribute('aria-expanded', 'true');
    citePanel.scrollIntoView({ block: 'nearest' });
  }

  // The handout being put together on this page, kept for the browser session: ¶ numbers, so that
  // the link it opens (?handout=…) reads as a teacher would type it.
  const handoutKey = `kirov-handout:${location.pathname}`;
  const handout = new Set<number>(readHandout());
  function readHandout(): number[] {
    try {
      const stored = JSON.parse(sessionStorage.getItem(handoutKey) ?? '[]') as unknown;
      return Array.isArray(stored) ? stored.filter((n): n is number => Number.isInteger(n)) : [];
    } catch {
      return [];
    }
  }
  function saveHandout(): void {
    try {
      sessionStorage.setItem(handoutKey, JSON.stringify([...handout]));
    } catch {
      // Without storage the handout lasts as long as the page.
    }
  }
  handoutButton.addEventListener('click', () => {
    if (!active) return;
    const n = numberOf(active);
    const adding = !handout.has(n);
    if (adding) handout.add(n);
    else handout.delete(n);
    saveHandout();
    handoutButton.setAttribute('aria-pressed', String(adding));
    const chosen = [...handout].sort((a, b) => a - b);
    if (chosen.length === 0) {
      announce(`¶ ${n} removed; the handout is empty.`);
      return;
    }
    const open = make(
      'a',
      { className: 'pt-b', href: `?handout=${formatHandoutParam(chosen)}` },
      'Open handout',
    );
    const clear = make('button', { type: 'button', className: 'pt-b' }, 'Clear');
    clear.addEventListener('click', () => {
      handout.clear();
      saveHandout();
      handoutButton.setAttribute('aria-pressed', 'false');
      announce('The handout is empty.');
    });
    announce(`¶ ${n} ${adding ? 'added' : 'removed'}. Handout: ¶ ${formatParagraphList(chosen)}.`, {
      dismissible: true,
      actions: [open, clear],
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
  const pinned = () => citePanel.isConnected || toolbar.querySelector(':focus-visible') !== null;
  main.addEventListener('pointerover', (event) => {
    if (wide.matches && !pinned()) activate(passageOf(event.target));
  });
  main.addEventListener('pointerleave', () => {
    if (wide.matches && !pinned()) activate(targetPassage());
  });
  // Tab from a ¶ number leads into its tools.
  main.addEventListener('focusin', (event) => {
    if (event.target instanceof Element && event.target.matches('.pn')) activate(passageOf(event.target));
  });
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
  window.addEventListener('hashchange', () => {
    followRetired();
    activate(targetPassage());
  });
  followRetired();
  activate(targetPassage());
  // What brought the tools in: a ¶ number that has focus, a pointer over a passage, a selection.
  if (document.activeElement?.matches('.pn')) activate(passageOf(document.activeElement));
  else if (trigger?.type === 'pointerover' && wide.matches) activate(passageOf(trigger.target));

  if (new URLSearchParams(location.search).has('handout')) showHandout(passages, numberOf, main);

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
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    const box = passage.getBoundingClientRect();
    passage.append(fragmentButton);
    const width = fragmentButton.offsetWidth;
    fragmentButton.style.top = `${last.bottom - box.top + 4}px`;
    fragmentButton.style.left = `${Math.max(0, Math.min(last.right - box.left - width, box.width - width))}px`;
  }
}

/** ?handout=3,7-9: only those paragraphs, under a heading that names them, with a print button. */
function showHandout(
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
  box.append(
    make('h2', {}, `Handout: ¶ ${formatParagraphList(selection.paragraphs)}`),
    make('p', { className: 'handout-do' }, print, ' ', whole),
  );
  header?.after(box);
}
