import { describe, expect, it } from 'vitest';
import type { PublishedPassages } from '../../src/lib/search/search-records.ts';
import { readDocuments, readPassageFiles } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';

/*
 * /passages.json, the edition as data for other tools: every passage in edition order with the text the
 * page shows, the edition and its documents, what was removed and where retired ids lead.
 */

const env = useSiteInBrowser();

/** The export as the search index reads it (its published contract), and the parts only tools read. */
interface Export {
  edition: {
    title: string;
    witness: { sha256: string };
    documents: (PublishedPassages['edition']['documents'][number] & { url: string })[];
  };
  passages: (PublishedPassages['passages'][number] & { gaps: unknown[] })[];
  removed: { text: string; reason: string }[];
  retired: { id: string; successor: string; url: string }[];
}

async function fetchExport(): Promise<Export> {
  const response = await fetch(env.site.url('/passages.json'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as Export;
}

describe('/passages.json', () => {
  it('lists every passage file once, in edition order, with the fields other tools rely on', async () => {
    const exported = await fetchExport();
    const documentOrder = readDocuments().map((document) => document.id);
    const expected = readPassageFiles()
      .sort((a, b) => documentOrder.indexOf(a.document) - documentOrder.indexOf(b.document) || a.n - b.n)
      .map((passage) => ({
        id: passage.id,
        n: passage.n,
        document: passage.document,
        section: passage.section,
      }));
    expect(exported.passages.map(({ id, n, document, section }) => ({ id, n, document, section }))).toEqual(
      expected,
    );
    for (const passage of exported.passages) {
      expect(Object.keys(passage).sort()).toEqual(['document', 'gaps', 'id', 'n', 'section', 'text', 'url']);
      expect(passage.text.trim()).not.toBe('');
      expect(passage.text).not.toContain('\\[');
      expect(Array.isArray(passage.gaps)).toBe(true);
    }
  });

  it('describes the edition, its witness and its documents', async () => {
    const { edition, removed } = await fetchExport();
    const documents = readDocuments();
    expect(edition.title).not.toBe('');
    expect(edition.witness.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(edition.documents.map((document) => document.id)).toEqual(
      documents.map((document) => document.id),
    );
    expect(edition.documents.map((document) => new URL(document.url, env.site.origin).href)).toEqual(
      documents.map((document) => env.site.url(document.path)),
    );
    for (const removal of removed) {
      expect(removal.text).not.toBe('');
      expect(removal.reason).not.toBe('');
    }
  });

  it('gives each passage a url that lands on an element with its id, showing exactly its text', async () => {
    const { passages, retired } = await fetchExport();
    const page = await env.browser.newPage();
    const byPage = Map.groupBy(passages, (passage) => new URL(passage.url, env.site.origin).pathname);
    for (const [pathname, onPage] of byPage) {
      await page.goto(`${env.site.origin}${pathname}`);
      const shown = await page.$$eval('.passage', (elements) =>
        Object.fromEntries(
          elements.map((element) => [
            element.id,
            // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, with whitespace as the reader sees it, is what the export promises
            (element.querySelector(':scope > p') as HTMLElement | null)?.innerText,
          ]),
        ),
      );
      for (const passage of onPage) {
        expect(new URL(passage.url, env.site.origin).hash).toBe(`#${passage.id}`);
        expect(shown[passage.id], passage.id).toBe(passage.text);
      }
    }
    const passageIds = new Set(passages.map((passage) => passage.id));
    for (const entry of retired) {
      expect(passageIds.has(entry.successor)).toBe(true);
      const successorUrl = new URL(entry.url, env.site.origin);
      expect(successorUrl.hash).toBe(`#${entry.successor}`);
      // An old link, to the retired id itself, lands on the successor without JavaScript.
      successorUrl.hash = entry.id;
      await page.goto(successorUrl.href);
      expect(
        await page.$eval(`[id="${entry.successor}"]`, (element) =>
          element.matches('.passage:has(> :target)'),
        ),
        entry.id,
      ).toBe(true);
    }
    await page.close();
  });
});
