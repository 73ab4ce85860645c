/* The passages as the tools name them: their ¶ number, the link a teacher shares, and which one a node is in. */

/** This page as a teacher shares it: the address it is served from, without a query (a handout) or anchor. */
export const pageUrl = (): string => `${location.origin}${location.pathname}`;

/** The passage's ¶ number, as its ¶ marker shows it. */
export const numberOf = (passage: Element): number =>
  Number(passage.querySelector(':scope > .pn')?.textContent?.replace(/\D/gu, '') ?? 0);

/** The link a teacher shares: this page and the passage's anchor. */
export const urlOf = (passage: Element): string => `${pageUrl()}#${passage.id}`;

/** The passage an element or a text node is in, if any. */
export const passageOf = (node: EventTarget | Node | null): HTMLElement | null =>
  node instanceof Element
    ? node.closest<HTMLElement>('.passage')
    : ((node as Node | null)?.parentElement?.closest<HTMLElement>('.passage') ?? null);

/**
 * The passage the address's anchor points at, if any: by :target, or by the anchor itself while a
 * fresh page has not yet made its element the :target (Chromium does so only once it scrolls there).
 */
export const targetPassage = (): HTMLElement | null => {
  let id = '';
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    // An anchor that is not a valid escape names no passage.
  }
  return passageOf(document.querySelector(':target') ?? (id ? document.getElementById(id) : null));
};
