import type { Page } from 'playwright-core';

/** A link as assistive technology presents it: its role, its accessible name and where it leads. */
export interface NamedLink {
  role: string;
  name: string;
  /** The absolute address the link leads to. */
  href: string;
}

/** The part of Chromium's accessibility node (DevTools protocol, Accessibility domain) read here. */
interface AXNode {
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  properties?: { name: string; value: { value?: unknown } }[];
}

/**
 * Every link of the page with the accessible name Chromium computes for it, read from the browser's
 * accessibility tree over the DevTools protocol: the name a screen reader announces, generated
 * content and ARIA included, not a name worked out again here. A link leads to its URL; a button
 * that controls an element of the page (a note's words, which a script makes a button that opens
 * the note) leads to that element. The disclosures `open` selects are opened first, so that the
 * links inside closed notes and a closed timeline are counted too (every one by default; with
 * scripting on, each note opened lays the margin out again, which a test may not need; null opens none).
 */
export async function namedLinks(page: Page, open: string | null = 'details'): Promise<NamedLink[]> {
  if (open !== null) {
    await page.$$eval(open, (all) => {
      for (const details of all) if (details instanceof HTMLDetailsElement) details.open = true;
    });
  }
  const base = page.url().replace(/#.*$/, '');
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    return nodes.flatMap((node) => {
      const role = node.role?.value ?? '';
      const property = (name: string) => node.properties?.find((p) => p.name === name)?.value.value;
      const url = property('url');
      const controls = property('controls');
      const href =
        role === 'link' && typeof url === 'string'
          ? url
          : role === 'button' && typeof controls === 'string'
            ? `${base}#${controls}`
            : undefined;
      return !node.ignored && href !== undefined ? [{ role, name: node.name?.value ?? '', href }] : [];
    });
  } finally {
    await cdp.detach();
  }
}

/** The names that lead to more than one place, each with its places. */
export function clashingNames(links: readonly NamedLink[]): Record<string, string[]> {
  const places = new Map<string, Set<string>>();
  for (const link of links) places.set(link.name, (places.get(link.name) ?? new Set()).add(link.href));
  return Object.fromEntries(
    [...places].filter(([, hrefs]) => hrefs.size > 1).map(([name, hrefs]) => [name, [...hrefs].toSorted()]),
  );
}
