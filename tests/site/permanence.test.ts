import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RELEASE_LINKS_FILE } from '../../scripts/lib/release-links-file.ts';
import { releaseLinksSchema } from '../../src/lib/passages/release-links.ts';
import { resolveInDist } from '../support/resolve-in-dist.ts';
import { base, distDir } from './support/built.ts';

/*
 * Every passage URL of every release (tests/fixtures/release-links.json) still lands in this build:
 * a live passage's page and anchor, or a retired id's forward to its successor. The unit test
 * (tests/unit/link-permanence.test.ts) proves the same of a fresh ingest, without a build.
 */
const fixture = releaseLinksSchema.parse(JSON.parse(readFileSync(RELEASE_LINKS_FILE, 'utf8')));
const urls = fixture.links.flatMap((link) => link.urls);

describe('links of earlier releases', () => {
  test('the fixture holds every passage URL of release 0.1.0', () => {
    // 63 passages (3 of the obituary, 60 of the essay), each as an anchor and as a present page.
    expect(urls).toHaveLength(126);
  });

  test('every one of them resolves in this build', () => {
    const broken = urls
      .map((url) => resolveInDist(distDir, url, { base }))
      .filter((resolution) => !resolution.ok)
      .map((resolution) => resolution.message);
    expect(broken).toEqual([]);
  });
});
