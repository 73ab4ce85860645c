import type { Element, ElementContent, Root, RootContent } from 'hast';

/*
 * Text ranges over a hast tree, the way a reader sees the text: the words of every text node in
 * document order, across inline markup (`<em>`, `<a>`, spans other plugins add), a `<br>` counting
 * as one line break, comments and raw HTML as nothing.
 */

type Parent = Root | Element;
type Child = RootContent | ElementContent;

/** The text of a node as a reader sees it (before the browser collapses white space). */
export function visibleText(node: Child | Root): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName === 'br') return '\n';
  if (node.type === 'element' || node.type === 'root') return node.children.map(visibleText).join('');
  return '';
}

function visibleLength(node: Child): number {
  return visibleText(node).length;
}

/** The elements with tag `tagName` whose text overlaps [start, end) of `parent`'s text. */
export function elementsOverlapping(parent: Parent, start: number, end: number, tagName: string): Element[] {
  const found: Element[] = [];
  let offset = 0;
  for (const child of parent.children) {
    const length = visibleLength(child);
    const overlaps = offset < end && start < offset + length;
    if (overlaps && child.type === 'element') {
      if (child.tagName === tagName) found.push(child);
      found.push(...elementsOverlapping(child, start - offset, end - offset, tagName));
    }
    offset += length;
  }
  return found;
}

/**
 * Moves the text [start, end) of `parent` into `wrapper` (after any children it already has, so
 * it keeps them last), keeping the tree well nested: text nodes are cut at the boundaries, and an
 * inline element the range only partly covers is split into two copies, one on each side, so that
 * "and *Kam*enev" can be wrapped as `<a>and <em>Kam</em></a><em>enev</em>`. The range is wrapped
 * as deep in the tree as it can be, so that a quote inside an `<em>` stays inside it.
 */
export function wrapRange(parent: Parent, start: number, end: number, wrapper: Element): void {
  let offset = 0;
  for (const child of parent.children) {
    const length = visibleLength(child);
    const inside = offset <= start && end <= offset + length;
    const exact = offset === start && end === offset + length;
    if (inside && !exact && child.type === 'element') {
      wrapRange(child, start - offset, end - offset, wrapper);
      return;
    }
    offset += length;
  }
  const before: Child[] = [];
  const within: ElementContent[] = [];
  const after: Child[] = [];
  offset = 0;
  for (const child of parent.children) {
    const length = visibleLength(child);
    const from = offset;
    offset += length;
    if (offset <= start) before.push(child);
    else if (from >= end) after.push(child);
    else {
      const [head, middle, tail] = splitNode(child, Math.max(start - from, 0), Math.min(end - from, length));
      if (head) before.push(head);
      if (middle) within.push(middle as ElementContent);
      if (tail) after.push(tail);
    }
  }
  wrapper.children = [...within, ...wrapper.children];
  parent.children = [...before, wrapper, ...after] as typeof parent.children;
}

/** Cuts a node into the parts before `start`, between `start` and `end`, and after `end` of its text. */
function splitNode(node: Child, start: number, end: number): [Child | null, Child | null, Child | null] {
  const length = visibleLength(node);
  if (start <= 0 && end >= length) return [null, node, null];
  if (node.type === 'text') {
    const part = (from: number, to: number): Child | null =>
      to > from ? { type: 'text', value: node.value.slice(from, to) } : null;
    return [part(0, start), part(start, end), part(end, length)];
  }
  if (node.type !== 'element') return [null, node, null];
  const parts: [ElementContent[], ElementContent[], ElementContent[]] = [[], [], []];
  let offset = 0;
  for (const child of node.children) {
    const childLength = visibleLength(child);
    const from = offset;
    offset += childLength;
    if (offset <= start && (childLength > 0 || from < start)) parts[0].push(child);
    else if (from >= end) parts[2].push(child);
    else {
      const pieces = splitNode(child, Math.max(start - from, 0), Math.min(end - from, childLength));
      pieces.forEach((piece, index) => {
        if (piece) parts[index as 0 | 1 | 2].push(piece as ElementContent);
      });
    }
  }
  // The copies share the element's attributes; an id stays with the first copy only, as ids must be unique.
  let idTaken = false;
  const copy = (children: ElementContent[]): Element | null => {
    if (children.length === 0) return null;
    const properties = { ...node.properties };
    if (idTaken) delete properties.id;
    idTaken = true;
    return { type: 'element', tagName: node.tagName, properties, children };
  };
  return [copy(parts[0]), copy(parts[1]), copy(parts[2])];
}
