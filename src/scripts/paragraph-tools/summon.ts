/*
 * Which passage the tools are shown for, and when. From 52rem they sit in the ¶ gutter of the passage
 * under the pointer; below, a pointer passing over the text must not summon a bar over it, and the
 * bar opens only when the reader taps a ¶ number or reaches it by keyboard (not for a paragraph a link
 * led to: a student following a link came to read it). Tab from a ¶ number leads into its tools, and
 * a linked paragraph has its tools at hand.
 */
import { passageOf, targetPassage } from './passages.ts';
import type { Tools } from './tools.ts';

/**
 * Follows the reader from now on, and shows the tools for what brought them in: the linked passage,
 * a ¶ number tapped (`tapped`) or focused, or the passage under the pointer (`trigger`).
 */
export function summonTools(tools: Tools, trigger: Event | null, tapped: Element | null): void {
  const { main, toolbar, wide } = tools;
  // An open citation, or tools in keyboard use, stay put: opening a citation may scroll another
  // passage under the pointer.
  const pinned = () =>
    toolbar.panelOpen() ||
    toolbar.element.querySelector(':focus-visible') !== null ||
    (toolbar.active !== null && toolbar.active.querySelector(':scope > .pn') === document.activeElement);
  // A tap on a ¶ number asked for the tools: the bar opens with its menu open.
  const openBar = (number: Element) => {
    toolbar.element.classList.add('is-open');
    toolbar.menu.open(0);
    keepAboveBar(tools, number);
  };

  main.addEventListener('pointerover', (event) => {
    if (wide.matches && !pinned()) toolbar.activate(passageOf(event.target));
  });
  main.addEventListener('pointerleave', () => {
    if (wide.matches && !pinned()) toolbar.activate(targetPassage());
  });
  main.addEventListener('focusin', (event) => {
    if (event.target instanceof Element && event.target.matches('.pn')) {
      toolbar.activate(passageOf(event.target));
      if (!wide.matches) keepAboveBar(tools, event.target);
    }
  });
  main.addEventListener('click', (event) => {
    const number = event.target instanceof Element ? event.target.closest('.pn') : null;
    if (!number || wide.matches) return;
    toolbar.activate(passageOf(number));
    openBar(number);
  });
  window.addEventListener('hashchange', () => toolbar.activate(targetPassage()));

  toolbar.activate(targetPassage());
  const asked = tapped ?? (document.activeElement?.matches('.pn') ? document.activeElement : null);
  if (asked) {
    // A ¶ number tapped (which also loaded the tools) or reached by keyboard: the reader asked for them.
    toolbar.activate(passageOf(asked));
    if (!wide.matches) openBar(asked);
  } else if (trigger?.type === 'pointerover' && wide.matches) toolbar.activate(passageOf(trigger.target));
}

/** Scrolls so that the ¶ number in use is not hidden behind the bar (and its menu) at the bottom of the screen. */
function keepAboveBar({ toolbar }: Tools, number: Element): void {
  requestAnimationFrame(() => {
    const bar = toolbar.element.getBoundingClientRect();
    const menu = toolbar.menu.menu.getBoundingClientRect();
    const top = menu.height > 0 ? Math.min(bar.top, menu.top) : bar.top;
    const box = number.getBoundingClientRect();
    if (bar.height > 0 && box.bottom > top - 8) window.scrollBy(0, box.bottom - top + 8);
  });
}
