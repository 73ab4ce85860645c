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

/** The passage the address's anchor points at, if any. */
export const targetPassage = (): HTMLElement | null => passageOf(document.querySelector(':target'));
