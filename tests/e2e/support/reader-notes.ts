import type { Page } from 'playwright-core';
import { ANNOTATION_CONTEXT, type WebAnnotation } from '../../../src/lib/reader-notes/web-annotation.ts';
import { selectWords } from './paragraph-tools.ts';

/* The reader's own notes as the browser tests make and read them: words selected, then Highlight. */

/** The marked words of a passage, of one kind of note (the reader's own by default). */
export const marksOf = (page: Page, passage: string, kind = 'rn-own') =>
  page.locator(`#${passage} mark.${kind}`).allTextContents();

/** Selects `words` in a passage and highlights them, as a reader does; resolves once they are marked. */
export async function highlight(page: Page, passage: string, words: string): Promise<void> {
  await selectWords(page, passage, words);
  await page.locator('.rn-bar button', { hasText: 'Highlight' }).click();
  await page
    .locator(`#${passage} mark.rn-own`, { hasText: words.split(' ')[0] ?? words })
    .first()
    .waitFor();
}

/**
 * A reader's note as a Web Annotation file holds it: `id`, commenting on the words `exact` of the
 * passage `passage` on the page at `address` (e.g. the site's root, with its final slash); `extra`
 * replaces or adds any property.
 */
export function annotationOn(
  address: string,
  id: string,
  passage: string,
  exact: string,
  extra: Partial<WebAnnotation> = {},
): WebAnnotation {
  return {
    '@context': ANNOTATION_CONTEXT,
    id,
    type: 'Annotation',
    motivation: 'commenting',
    body: { type: 'TextualBody', value: `On ${exact}.` },
    target: { source: `${address}#${passage}`, selector: [{ type: 'TextQuoteSelector', exact }] },
    ...extra,
  };
}
