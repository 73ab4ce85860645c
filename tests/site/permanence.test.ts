import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RELEASE_LINKS_FILE } from '../../scripts/lib/release-links-file.ts';
import { HANDOUT_NUMBERS_FILE } from '../../src/lib/content-paths.ts';
import { handoutNumbersSchema, releaseLinksSchema } from '../../src/lib/passages/release-links.ts';
import { readDocuments } from '../support/edition-files.ts';
import { resolveInDist } from '../support/resolve-in-dist.ts';
import { base, distDir } from './support/built.ts';

/*
 * Every passage URL of every release (tests/fixtures/release-links.json) still lands in this build:
 * a live passage's page and anchor, or a retired id's forward to its successor. The unit test
 * (tests/unit/link-permanence.test.ts) proves the same of a fresh ingest, without a build.
 */
const fixture = releaseLinksSchema.parse(JSON.parse(readFileSync(RELEASE_LINKS_FILE, 'utf8')));
const urls = fixture.links.flatMap((link) => link.urls);
const numbers = handoutNumbersSchema.parse(JSON.parse(readFileSync(HANDOUT_NUMBERS_FILE, 'utf8')));
const documents = readDocuments();
/** The paragraph ?handout=<n> opens on a document's page: the frozen numbers' ¶ n of that document. */
const handout = (path: string, n: number) => {
  const document = documents.find((d) => d.path === path);
  return document && numbers.documents[document.id]?.[n - 1];
};

describe('links of earlier releases', () => {
  test('the fixture holds each passage of every release as an anchor and as a present page, and those of 0.1.0 as a handout by number', () => {
    const pathOf = new Map(documents.map((document) => [document.id, document.path]));
    expect(fixture.links.map((link) => link.urls)).toEqual(
      fixture.links.map((link) => {
        const n = (numbers.documents[link.document] ?? []).indexOf(link.id) + 1;
        return [
          `${pathOf.get(link.document)}#${link.id}`,
          `/p/${link.id}/`,
          ...(link.since === '0.1.0' ? [`${pathOf.get(link.document)}?handout=${n}`] : []),
        ];
      }),
    );
    // Release 0.1.0 published 63 passages: 3 of the obituary, 60 of the essay.
    expect(fixture.links.filter((link) => link.since === '0.1.0')).toHaveLength(63);
  });

  test('every one of them resolves in this build', () => {
    const broken = urls
      .map((url) => resolveInDist(distDir, url, { base, handout }))
      .filter((resolution) => !resolution.ok)
      .map((resolution) => resolution.message);
    expect(broken).toEqual([]);
  });
});
