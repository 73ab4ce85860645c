import type { Element, Root } from 'hast';

/** The elements of a parsed page (hast-util-from-html) in document order, <template> contents included. */
export function elementsOf(node: Root | Element, into: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type === 'element') {
      into.push(child);
      elementsOf(child, into);
    }
  }
  if (node.type === 'element' && node.content) elementsOf(node.content, into);
  return into;
}

/**
 * An attribute's value as written, or undefined when the element does not carry it. hast keeps
 * list-valued attributes as arrays: classes and rel words come back space-separated, srcset
 * candidates comma-separated.
 */
export function attribute(element: Element, name: string): string | undefined {
  const value = element.properties[name];
  if (value === undefined || value === null || value === false) return undefined;
  return Array.isArray(value) ? value.join(name === 'srcSet' ? ',' : ' ') : String(value);
}
