/*
 * A passage's text as the reader sees it, mapped to the page's text nodes: the words of its
 * paragraphs only, not its ¶ number, dates, notes or tools, with blocks joined by a blank line as in
 * /passages.json. Offsets in that text turn into ranges of the page and back.
 */

/** The passage's own blocks of text; everything else in it (¶ number, notes, tools) is apparatus. */
const BLOCKS = ':scope > p, :scope > blockquote, :scope > ul, :scope > ol, :scope > pre';

interface Segment {
  node: Text;
  start: number;
}

export interface PassageText {
  text: string;
  segments: Segment[];
}

export function passageTextOf(passage: HTMLElement): PassageText {
  const segments: Segment[] = [];
  let text = '';
  passage.querySelectorAll(BLOCKS).forEach((block, index) => {
    if (index > 0) text += '\n\n';
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      segments.push({ node: node as Text, start: text.length });
      text += (node as Text).data;
    }
  });
  return { text, segments };
}

/** The offsets, in the passage's text, of the part of `range` inside it; null when none is. */
export function offsetsOf(range: Range, { segments }: PassageText): { start: number; end: number } | null {
  const inside = segments.filter(({ node }) => range.intersectsNode(node));
  const first = inside[0];
  const last = inside.at(-1);
  if (!first || !last) return null;
  const start = first.start + (first.node === range.startContainer ? range.startOffset : 0);
  const end = last.start + (last.node === range.endContainer ? range.endOffset : last.node.length);
  return end > start ? { start, end } : null;
}

/**
 * Wraps the words between two offsets in <mark> elements (one per text node they cross) made by
 * `make`, and returns them. The text nodes are split, so the passage's text stays the same.
 */
export function wrapRange(
  passage: HTMLElement,
  start: number,
  end: number,
  make: () => HTMLElement,
): HTMLElement[] {
  const { segments } = passageTextOf(passage);
  const marks: HTMLElement[] = [];
  for (const { node, start: at } of segments) {
    const length = node.length;
    const from = Math.max(start, at);
    const to = Math.min(end, at + length);
    if (to <= from || node.data.slice(from - at, to - at).trim() === '') continue;
    let piece = node;
    if (from > at) piece = piece.splitText(from - at);
    if (to < at + length) piece.splitText(to - from);
    const mark = make();
    piece.replaceWith(mark);
    mark.append(piece);
    marks.push(mark);
  }
  return marks;
}

/** Removes marks, putting their text back as it was: each parent's text joined once, after all of them. */
export function unwrap(marks: Iterable<HTMLElement>): void {
  const parents = new Set<Node>();
  for (const mark of marks) {
    if (mark.parentNode) parents.add(mark.parentNode);
    mark.replaceWith(...mark.childNodes);
  }
  for (const parent of parents) parent.normalize();
}
