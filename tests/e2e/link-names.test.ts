import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readAnnotationFiles, readDocuments, readPassageFiles } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { clashingNames, namedLinks } from './support/link-names.ts';

/*
 * Links as a screen reader lists them, out of their sentences: each named by where it leads, so that
 * no two with one name lead to different places, and a gap marker ("[…]", which says nothing read
 * alone) named as the gap its note explains.
 */

const env = useSiteInBrowser();

const documents = readDocuments();
const essay = documents.find((document) => document.path === '/');
const documentOf = new Map(readPassageFiles().map((passage) => [passage.id, passage.document]));
/** The essay's notes on gaps that print "[…]", in reading order. */
const gapNotes = readAnnotationFiles().filter(
  (note) =>
    note.data.kind === 'gap' &&
    note.data.target.quote === '[…]' &&
    documentOf.get(note.data.target.passage) === essay?.id,
);

/** What each gap marker's note says after its "[…]: ", numbered as on the page. */
async function gapNames(page: Page) {
  const numbers = await page.$$eval('a.note-ref', (refs) =>
    Object.fromEntries(refs.map((ref) => [ref.id.replace(/^ref-/, ''), ref.getAttribute('data-n')])),
  );
  return gapNotes.map((note) => {
    const n = numbers[note.id];
    return {
      id: note.id,
      marker: `Gap ${n}: ${note.data.title.replace(/^\[…\]:\s*/, '')}`,
      back: new RegExp(`^Back to gap ${n} in ¶ \\d+$`),
    };
  });
}

describe('link names', () => {
  for (const path of ['/', '/obituary/', '/about/']) {
    for (const javaScript of [false, true]) {
      it(`on ${path} ${javaScript ? 'with' : 'without'} JavaScript, no two links with one name lead to different places`, async () => {
        const page = await env.shared(path, { width: 1280, height: 900, javaScriptEnabled: javaScript });
        // Without JavaScript every disclosure is opened; with it, the notes' contents are the same,
        // and what the scripts add (the notes' words as buttons, the paragraph tools) is what counts.
        const links = await namedLinks(page, javaScript ? '.rail' : 'details');
        expect(links.length).toBeGreaterThan(20);
        expect(links.filter((link) => link.name.trim() === '')).toEqual([]);
        expect(clashingNames(links)).toEqual({});
      });
    }
  }

  it('names each gap marker on / and its back link by the gap its note explains', async () => {
    expect(gapNotes.length).toBeGreaterThan(10);
    const page = await env.shared('/', { width: 1280, height: 900, javaScriptEnabled: false });
    const links = await namedLinks(page);
    const nameOf = (id: string) => links.find((link) => link.href.endsWith(id))?.name;
    const expected = await gapNames(page);
    expect(expected.map((gap) => nameOf(`#note-${gap.id}`))).toEqual(expected.map((gap) => gap.marker));
    expect(expected.map((gap) => nameOf(`#ref-${gap.id}`))).toEqual(
      expected.map((gap) => expect.stringMatching(gap.back)),
    );
  });

  it('with JavaScript, names each gap marker on /, a button that opens its note, by its gap', async () => {
    const page = await env.shared('/', { width: 1280, height: 900 });
    const buttons = await namedLinks(page, null);
    const expected = await gapNames(page);
    expect(expected.map((gap) => buttons.find((link) => link.href.endsWith(`#note-${gap.id}`)))).toEqual(
      expected.map((gap) => expect.objectContaining({ role: 'button', name: gap.marker })),
    );
  });
});
