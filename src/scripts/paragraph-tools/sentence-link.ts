/*
 * "Copy link to this sentence": for words selected in a passage, a button under the selection's
 * lowest line that copies a link to them (#id:~:text=…). It goes when the selection does, or with
 * Escape.
 */
import { type TextDirective, textDirectiveFor, textFragmentUrl } from '../../lib/cite/text-fragment.ts';
import { passageOf, urlOf } from './passages.ts';
import { toolButton } from './tool-button.ts';
import type { Tools } from './tools.ts';

/** Offers the link for each new selection, and at once when a selection brought the tools in (`trigger`). */
export function offerSentenceLinks({ main, toolbar, copy }: Tools, trigger: Event | null): void {
  const button = toolButton('Copy link to this sentence', { className: 'pt-frag' });
  let url = '';
  // Keeps the selection when the button is pressed with a pointer.
  button.addEventListener('pointerdown', (event) => event.preventDefault());
  button.addEventListener('click', () => copy(url, 'Link to the selected words copied'));

  const offer = (): void => {
    const selection = document.getSelection();
    const range =
      selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    const passage = range ? passageOf(range.startContainer) : null;
    if (!range || !passage || toolbar.holds(range.startContainer)) {
      if (document.activeElement !== button) button.remove();
      return;
    }
    const directive = directiveFor(range, passage, main);
    if (!directive) {
      button.remove();
      return;
    }
    url = textFragmentUrl(urlOf(passage), directive);
    // Under the lowest line of the selection (not merely its last rectangle, which may be an empty
    // one at a line's start, or a line above), so that the button never covers the selected words.
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
    const whole = range.getBoundingClientRect();
    const bottom = Math.max(whole.bottom, ...rects.map((rect) => rect.bottom));
    const lowest = rects.filter((rect) => rect.bottom >= bottom - 1);
    const right = Math.max(...lowest.map((rect) => rect.right), lowest.length > 0 ? 0 : whole.right);
    const box = passage.getBoundingClientRect();
    passage.append(button);
    const width = button.offsetWidth;
    button.style.top = `${bottom - box.top + 4}px`;
    button.style.left = `${Math.max(0, Math.min(right - box.left - width, box.width - width))}px`;
  };

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') button.remove();
  });
  let timer: number | undefined;
  document.addEventListener('selectionchange', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(offer, 150);
  });
  if (trigger?.type === 'selectionchange') offer();
}

/** The text directive for the selected words, with the context that makes it unique on the page. */
function directiveFor(range: Range, passage: HTMLElement, main: HTMLElement): TextDirective | null {
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
  return textDirectiveFor({
    selected: range.toString(),
    before: span(startBlock, 0, range.startContainer, range.startOffset),
    after: span(range.endContainer, range.endOffset, endBlock, endBlock.childNodes.length),
    earlier: span(main as Node, 0, startBlock, 0),
  });
}
