import type { Page } from 'playwright-core';

/** Text as read: runs of white space as one space, trimmed. */
export const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * The text of each passage on a page, by id: its paragraphs without the ¶ number, the notes beside
 * it, or the markers other features put into it and flag as not part of the text (data-pagefind-ignore,
 * such as a note's number).
 */
export function passageTexts(page: Page): Promise<Record<string, string>> {
  return page.$$eval('.passage', (elements) =>
    Object.fromEntries(
      elements.map((element) => [
        element.id,
        [...element.querySelectorAll(':scope > p')]
          .map((p) => {
            const copy = p.cloneNode(true) as HTMLElement;
            for (const marker of copy.querySelectorAll('[data-pagefind-ignore]')) marker.remove();
            return copy.textContent ?? '';
          })
          .join('\n'),
      ]),
    ),
  );
}

/**
 * The rows of a table as a reader reads them: for each row matching `rows`, the squashed text of the
 * first element matching each of `cells` (null when the row has none), the row's whole text, its
 * first link other than a witness position, and the line its witness position links to.
 */
export function tableRows<Cell extends string>(
  page: Page,
  rows: string,
  cells: Record<Cell, string>,
): Promise<(Record<Cell, string | null> & { text: string; href: string | null; witness: string | null })[]> {
  return page.$$eval(
    rows,
    (trs, cells) =>
      trs.map((tr) => ({
        ...(Object.fromEntries(
          Object.entries(cells).map(([name, selector]) => [
            name,
            tr.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
          ]),
        ) as Record<Cell, string | null>),
        text: tr.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        href: tr.querySelector('a:not(.witness-at)')?.getAttribute('href') ?? null,
        witness: tr.querySelector('a.witness-at')?.getAttribute('href') ?? null,
      })),
    cells as Record<string, string>,
  );
}
