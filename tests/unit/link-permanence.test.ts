import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RELEASE_LINKS_FILE } from '../../scripts/lib/release-links-file.ts';
import { HANDOUT_NUMBERS_FILE } from '../../src/lib/content-paths.ts';
import { parseEditionFile } from '../../src/lib/edition/parse-edition-file.ts';
import { ingestWitness } from '../../src/lib/ingest-witness.ts';
import {
  checkReleaseLinks,
  formatLinkProblem,
  formatReleaseLinks,
  freezeReleaseLinks,
  handoutNumbersSchema,
  type ReleaseLinks,
  releaseLinksSchema,
} from '../../src/lib/passages/release-links.ts';
import type { IdLock } from '../../src/lib/schema/ledger.ts';
import { resolveInDist } from '../support/resolve-in-dist.ts';
import {
  committedLock,
  EDITION_FILE,
  editionText,
  ingestKirov,
  WITNESS_FILE,
  witnessText,
} from './support/kirov.ts';
import { scratchDir } from './support/scratch-dir.ts';

/*
 * Links are permanent: every URL a release published still lands on its paragraph after an edit, a
 * merge, a split or a removal. One file on purpose: the cases share the release fixture (read once)
 * and the committed edition, which each case ingests as it needs.
 */

const fixture = releaseLinksSchema.parse(JSON.parse(readFileSync(RELEASE_LINKS_FILE, 'utf8')));
const documents = parseEditionFile(editionText(), EDITION_FILE).data.documents;
const numbers = handoutNumbersSchema.parse(JSON.parse(readFileSync(HANDOUT_NUMBERS_FILE, 'utf8')));

/** The ingest of a witness from which the obituary's second paragraph has been deleted. */
const DROPPED = 'a-man-who-has-given-all';
function ingestWithoutDropped() {
  const paragraph =
    'A man who has given all his brilliant life to the cause of the working class, to the cause of Communism, to the cause of the liberation of humanity, is dead, victim of the enemy.\n\n';
  const text = witnessText();
  expect(text.split(paragraph)).toHaveLength(2);
  return ingestWith(editionText(), committedLock(), text.replace(paragraph, ''));
}

/**
 * The invariant every edition keeps: each URL the fixture holds resolves, to its live passage or through
 * a retired id whose chain ends at a live passage. It holds whatever the edit, so it is asserted after
 * any edit, not against the committed lock.
 */
function expectEveryLinkResolves(lock: IdLock) {
  const check = checkReleaseLinks(fixture, lock, documents, RELEASE_LINKS_FILE, numbers);
  expect(check.problems.map((problem) => formatLinkProblem(problem, RELEASE_LINKS_FILE))).toEqual([]);
  const live = new Set(lock.passages.map((passage) => passage.id));
  expect(check.resolved).toHaveLength(fixture.links.flatMap((link) => link.urls).length);
  for (const link of check.resolved) {
    expect(live.has(link.lands)).toBe(true);
    expect(link.via === 'retired' || link.lands === link.id).toBe(true);
  }
  return check;
}

/** The witness's paragraphs that are whole passages of the edition (no heading, gap or removal in them). */
function wholeParagraphs(): string[] {
  const texts = new Set(ingestKirov().passages.map((passage) => passage.text));
  return witnessText()
    .split(/\n\n+/u)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => texts.has(paragraph));
}

/** The edition after the editor removes one paragraph through the edition file. */
function editionWithout(paragraph: string): string {
  return `${editionText().replace(
    /^removals:\n/mu,
    `removals:\n  - quote: ${JSON.stringify(paragraph)}\n    kind: snippet-stitch\n    reason: an editorial test removal\n`,
  )}`;
}

function ingestWith(edition: string, lock: IdLock, witness = witnessText()) {
  return ingestWitness({
    witness: new TextEncoder().encode(witness),
    witnessFile: WITNESS_FILE,
    edition,
    editionFile: EDITION_FILE,
    lock,
  });
}

describe('every published link, after any legitimate edit', () => {
  const paragraphs = wholeParagraphs();
  const sample = paragraphs.filter((_, i) => i % 8 === 0);

  it('resolves after the editor removes a paragraph through the edition file, and again after it is restored', {
    timeout: 60_000,
  }, () => {
    expect(sample.length).toBeGreaterThanOrEqual(5);
    const start = ingestKirov();
    for (const paragraph of sample) {
      const id = start.passages.find((passage) => passage.text === paragraph)?.frontmatter.id ?? '';
      const removed = ingestWith(editionWithout(paragraph), start.lock);
      expect(removed.passages.map((passage) => passage.frontmatter.id)).not.toContain(id);
      expect(removed.lock.retired.map((entry) => entry.id)).toContain(id);
      expectEveryLinkResolves(removed.lock);

      const restored = ingestWith(editionText(), removed.lock);
      expect(restored.passages.find((passage) => passage.text === paragraph)?.frontmatter.id).toBe(id);
      expect(restored.lock.passages).toEqual(start.lock.passages);
      expectEveryLinkResolves(restored.lock);
    }
  });

  it('resolves after two paragraphs are merged in the witness, and after the merge is undone', () => {
    const text = witnessText();
    const at = paragraphs.findIndex((p, i) => i >= 10 && text.includes(`${p}\n\n${paragraphs[i + 1]}`));
    const [first, second] = [paragraphs[at] ?? '', paragraphs[at + 1] ?? ''];
    expect(at).toBeGreaterThan(0);
    const start = ingestKirov();
    const merged = ingestWith(
      editionText(),
      start.lock,
      text.replace(`${first}\n\n${second}`, `${first} ${second}`),
    );
    expect(merged.passages).toHaveLength(start.passages.length - 1);
    const retiredNow = merged.lock.retired.filter(
      (entry) => !start.lock.retired.some((s) => s.id === entry.id),
    );
    expect(retiredNow.map((entry) => entry.reason)).toEqual(['merged']);
    expectEveryLinkResolves(merged.lock);
    const split = ingestWith(editionText(), merged.lock);
    expect(split.lock.passages).toEqual(start.lock.passages);
    expectEveryLinkResolves(split.lock);
  });
});

describe('the links of release 0.1.0 (tests/fixtures/release-links.json)', () => {
  it('holds the three URLs of every passage the release published, on its document’s page', () => {
    expect(fixture.release).toBe('0.1.0');
    expect(fixture.links).toHaveLength(63);
    expect(fixture.links[0]).toEqual({
      id: 'a-great-sorrow-has-befallen-our',
      document: 'obituary',
      since: '0.1.0',
      urls: [
        '/obituary/#a-great-sorrow-has-befallen-our',
        '/p/a-great-sorrow-has-befallen-our/',
        '/obituary/?handout=1',
      ],
    });
    // ¶ 1 of the essay: its handout by number, as release 0.1.0's “Open handout” wrote it.
    expect(fixture.links.find((link) => link.id === 'zinoviev-and-kamenev-are-no-fools')?.urls).toEqual([
      '/#zinoviev-and-kamenev-are-no-fools',
      '/p/zinoviev-and-kamenev-are-no-fools/',
      '/?handout=1',
    ]);
    expect(fixture.links.filter((link) => link.document === 'obituary')).toHaveLength(3);
    expect(fixture.links.filter((link) => link.document === 'essay')).toHaveLength(60);
  });

  it('still resolves, every one of them, after a re-ingest of the committed witness', () => {
    expectEveryLinkResolves(ingestKirov().lock);
  });

  it('is kept whole, in order, when scripts/freeze-release-links.ts runs again on the committed lock', () => {
    const again = freezeReleaseLinks(fixture, fixture.release, committedLock(), documents, numbers);
    const prefix = again.links
      .slice(0, fixture.links.length)
      .map((link, i) => ({ ...link, urls: link.urls.slice(0, fixture.links[i]?.urls.length) }));
    expect(prefix).toEqual(fixture.links);
  });

  it('is written as two-space JSON ending in a newline, so the script reproduces it byte for byte', () => {
    expect(formatReleaseLinks(fixture)).toBe(readFileSync(RELEASE_LINKS_FILE, 'utf8'));
  });
});

/** A lock of live passages (id: document) and retired ids (id: successor). */
const lockOf = (passages: Record<string, string>, retired: Record<string, string> = {}): IdLock => ({
  version: 1,
  passages: Object.entries(passages).map(([id, document]) => ({
    id,
    document,
    text: `The text of ${id}.`,
  })),
  retired: Object.entries(retired).map(([id, successor]) => ({ id, successor, reason: 'removed' })),
});

describe('checkReleaseLinks', () => {
  it('follows a paragraph deleted from the witness through the retired ids to its successor', () => {
    const baseline = ingestKirov().lock;
    const { lock } = ingestWithoutDropped();
    const retiredNow = lock.retired.filter((entry) => !baseline.retired.some((b) => b.id === entry.id));
    expect(retiredNow.map(({ id, reason }) => ({ id, reason }))).toEqual([
      { id: DROPPED, reason: 'removed' },
    ]);
    const { resolved } = expectEveryLinkResolves(lock);
    const lands = resolved.filter((link) => link.id === DROPPED);
    expect(lands.map((link) => [link.url, link.via])).toEqual([
      [`/obituary/#${DROPPED}`, 'retired'],
      [`/p/${DROPPED}/`, 'retired'],
      ['/obituary/?handout=2', 'retired'],
    ]);
    expect(lock.passages.some((passage) => passage.id === lands[0]?.lands)).toBe(true);
  });

  it('names the id, each URL and the fix when a published id is neither live nor retired', () => {
    const { lock } = ingestWithoutDropped();
    const forgotten: IdLock = { ...lock, retired: lock.retired.filter((entry) => entry.id !== DROPPED) };
    const { problems } = checkReleaseLinks(fixture, forgotten, documents, RELEASE_LINKS_FILE, numbers);
    expect(problems.map((problem) => problem.url)).toEqual([
      `/obituary/#${DROPPED}`,
      `/p/${DROPPED}/`,
      '/obituary/?handout=2',
    ]);
    expect(
      formatLinkProblem(problems[0] ?? { id: '', url: '', message: '', fix: '' }, RELEASE_LINKS_FILE),
    ).toBe(
      `tests/fixtures/release-links.json: /obituary/#${DROPPED} (id "${DROPPED}"): Unexpected id "${DROPPED}" that is neither a passage nor a retired id in content/apparatus/ids.lock.json, expected every id release 0.1.0 published to keep resolving\n` +
        '  fix: restore its entry in content/apparatus/ids.lock.json from release 0.1.0 and run npm run ingest: an id whose paragraph is gone is retired with a successor, never forgotten',
    );
  });

  it('fails a handout link by number when the frozen numbers no longer name its paragraph', () => {
    const renumbered = structuredClone(numbers);
    const obituary = renumbered.documents.obituary ?? [];
    renumbered.documents.obituary = [obituary[1] ?? '', obituary[0] ?? '', ...obituary.slice(2)];
    const { problems } = checkReleaseLinks(
      fixture,
      committedLock(),
      documents,
      RELEASE_LINKS_FILE,
      renumbered,
    );
    expect(problems.map((problem) => formatLinkProblem(problem, RELEASE_LINKS_FILE))).toEqual([
      `tests/fixtures/release-links.json: /obituary/?handout=1 (id "a-great-sorrow-has-befallen-our"): Unexpected "a-man-who-has-given-all" as ¶ 1 of document "obituary" in content/apparatus/handout-numbers.json, expected "a-great-sorrow-has-befallen-our" (the paragraph this link opened in release 0.1.0)\n` +
        '  fix: restore content/apparatus/handout-numbers.json from release 0.1.0: its numbers are frozen, never regenerated',
      `tests/fixtures/release-links.json: /obituary/?handout=2 (id "a-man-who-has-given-all"): Unexpected "a-great-sorrow-has-befallen-our" as ¶ 2 of document "obituary" in content/apparatus/handout-numbers.json, expected "a-man-who-has-given-all" (the paragraph this link opened in release 0.1.0)\n` +
        '  fix: restore content/apparatus/handout-numbers.json from release 0.1.0: its numbers are frozen, never regenerated',
    ]);
  });

  const small: ReleaseLinks = {
    release: '0.1.0',
    links: [
      { id: 'first', document: 'obituary', since: '0.1.0', urls: ['/obituary/#first', '/p/first/'] },
      { id: 'old', document: 'essay', since: '0.1.0', urls: ['/#old'] },
    ],
  };
  const paths = [
    { id: 'obituary', path: '/obituary/' },
    { id: 'essay', path: '/' },
  ];

  it('follows a chain of retired ids to the live passage at its end, on another page', () => {
    const lock = lockOf({ first: 'obituary', third: 'obituary' }, { old: 'second', second: 'third' });
    expect(checkReleaseLinks(small, lock, paths, RELEASE_LINKS_FILE)).toEqual({
      resolved: [
        { id: 'first', url: '/obituary/#first', via: 'live', lands: 'first' },
        { id: 'first', url: '/p/first/', via: 'live', lands: 'first' },
        { id: 'old', url: '/#old', via: 'retired', lands: 'third' },
      ],
      problems: [],
    });
  });

  it('fails a chain of retired ids that loops without reaching a live passage', () => {
    const lock = lockOf({ first: 'obituary' }, { old: 'second', second: 'old' });
    expect(
      checkReleaseLinks(small, lock, paths, RELEASE_LINKS_FILE).problems.map((problem) => problem.message),
    ).toEqual([
      'Unexpected successor chain "old" → "second" → "old" for retired id "old", expected it to end at a live passage',
    ]);
  });

  it('counts a retired id’s present page as resolved only when its successor chain ends at a live passage', () => {
    const shared: ReleaseLinks = {
      release: '0.1.0',
      links: [{ id: 'old', document: 'essay', since: '0.1.0', urls: ['/#old', '/p/old/'] }],
    };
    const chained = lockOf({ third: 'essay' }, { old: 'second', second: 'third' });
    expect(checkReleaseLinks(shared, chained, paths, RELEASE_LINKS_FILE)).toEqual({
      resolved: [
        { id: 'old', url: '/#old', via: 'retired', lands: 'third' },
        { id: 'old', url: '/p/old/', via: 'retired', lands: 'third' },
      ],
      problems: [],
    });
    const dangling = lockOf({ third: 'essay' }, { old: 'second' });
    const { resolved, problems } = checkReleaseLinks(shared, dangling, paths, RELEASE_LINKS_FILE);
    expect(resolved).toEqual([]);
    expect(problems.map((problem) => [problem.url, problem.message])).toEqual([
      [
        '/#old',
        'Unexpected successor chain "old" → "second" for retired id "old", expected it to end at a live passage',
      ],
      [
        '/p/old/',
        'Unexpected successor chain "old" → "second" for retired id "old", expected it to end at a live passage',
      ],
    ]);
  });

  it('fails a passage moved to another document, and a document moved to another path', () => {
    const moved = lockOf({ first: 'essay', old: 'essay' });
    expect(
      checkReleaseLinks(small, moved, paths, RELEASE_LINKS_FILE).problems.map((problem) => [
        problem.url,
        problem.fix,
      ]),
    ).toEqual([
      [
        '/obituary/#first',
        'keep the passage in document "obituary" in content/source/kirov-scrape.edition.yaml: the site has no way to forward an anchor of one page to another for a live passage',
      ],
      [
        '/p/first/',
        'keep the passage in document "obituary" in content/source/kirov-scrape.edition.yaml: the site has no way to forward an anchor of one page to another for a live passage',
      ],
    ]);
    const renamed = [
      { id: 'obituary', path: '/obit/' },
      { id: 'essay', path: '/' },
    ];
    const live = lockOf({ first: 'obituary', old: 'essay' });
    expect(checkReleaseLinks(small, live, renamed, RELEASE_LINKS_FILE).problems).toEqual([
      {
        id: 'first',
        url: '/obituary/#first',
        message:
          'Unexpected path "/obit/" for document "obituary", expected "/obituary/" (where release 0.1.0 published it)',
        fix: 'restore `path: /obituary/` of document "obituary" in content/source/kirov-scrape.edition.yaml',
      },
    ]);
  });
});

describe('freezeReleaseLinks', () => {
  it('keeps the links of an earlier release, retired ones too, and adds the new passages', () => {
    const earlier = freezeReleaseLinks(null, '0.1.0', lockOf({ kept: 'essay', gone: 'essay' }), [
      { id: 'essay', path: '/' },
    ]);
    const later = freezeReleaseLinks(
      earlier,
      '0.2.0',
      lockOf({ kept: 'essay', new: 'essay' }, { gone: 'new' }),
      [{ id: 'essay', path: '/' }],
    );
    expect(later).toEqual({
      release: '0.2.0',
      links: [
        { id: 'kept', document: 'essay', since: '0.1.0', urls: ['/#kept', '/p/kept/'] },
        { id: 'gone', document: 'essay', since: '0.1.0', urls: ['/#gone', '/p/gone/'] },
        { id: 'new', document: 'essay', since: '0.2.0', urls: ['/#new', '/p/new/'] },
      ],
    });
  });
});

describe('resolveInDist', () => {
  const dist = scratchDir('kirov-links-');
  const page = (path: string, html: string) => {
    const file = join(dist, path, 'index.html');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
  };
  const data = JSON.stringify({
    retired: { 'merged-away': { to: 'second', href: '/kirov/obituary/#second', reason: 'merged' } },
  });
  page(
    '/',
    `<main><div class="passage" id="first"><p>First.</p></div></main><script type="application/json" id="passage-tools-data">${data}</script>`,
  );
  page(
    '/obituary/',
    '<main><div class="passage" id="second"><span class="retired" id="merged-away"></span><p>Second.</p></div><p data-id="lost">x</p></main>',
  );
  page('/p/first/', '<h1>¶ 1</h1>');
  // Retired ids' present pages, as src/pages/p/[retired].astro writes them (under the base /kirov/).
  const forward = (to: string) =>
    `<head><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=${to}"></head><a href="${to}">¶ 1</a>`;
  page('/p/folded-in/', forward('/kirov/p/first/'));
  page('/p/folded-twice/', forward('/kirov/p/folded-in/'));
  page('/p/forwards-nowhere/', forward('/kirov/p/never-built/'));
  page('/p/loop-a/', forward('/kirov/p/loop-b/'));
  page('/p/loop-b/', forward('/kirov/p/loop-a/'));

  it.each([
    { what: 'a present page', url: '/p/first/', base: '/', file: 'p/first/index.html', via: 'page' },
    { what: 'a passage anchor', url: '/#first', base: '/', file: 'index.html', via: 'anchor' },
    {
      what: 'a retired anchor',
      url: '/obituary/#merged-away',
      base: '/',
      file: 'obituary/index.html',
      via: 'anchor',
    },
    {
      what: 'a retired id forwarded by the script',
      url: '/#merged-away',
      base: '/kirov/',
      file: 'obituary/index.html',
      via: 'script',
    },
    {
      what: 'a retired id’s present page, through its refresh',
      url: '/p/folded-in/',
      base: '/kirov/',
      file: 'p/first/index.html',
      via: 'page',
    },
    {
      what: 'a retired id’s present page, through two refreshes (base without its slash)',
      url: '/p/folded-twice/',
      base: '/kirov',
      file: 'p/first/index.html',
      via: 'page',
    },
  ])('finds $what: $url under $base', ({ url, base, file, via }) => {
    expect(resolveInDist(dist, url, base === '/' ? {} : { base })).toEqual({
      ok: true,
      file: join(dist, file),
      via,
    });
  });

  it('reports a retired id’s refresh to a page not built, outside the base, or round in a loop', () => {
    expect(resolveInDist(dist, '/p/forwards-nowhere/', { base: '/kirov/' })).toEqual({
      ok: false,
      message: `/p/forwards-nowhere/: Unexpected refresh to "/kirov/p/never-built/" in ${join(dist, 'p/forwards-nowhere/index.html')}, expected the built present page of the retired id's successor; check the base (/kirov/) and rebuild`,
    });
    expect(resolveInDist(dist, '/p/folded-in/')).toEqual({
      ok: false,
      message: `/p/folded-in/: Unexpected refresh to "/kirov/p/first/" in ${join(dist, 'p/folded-in/index.html')}, expected the built present page of the retired id's successor; check the base (/) and rebuild`,
    });
    const [a, b] = [join(dist, 'p/loop-a/index.html'), join(dist, 'p/loop-b/index.html')];
    expect(resolveInDist(dist, '/p/loop-a/', { base: '/kirov/' })).toEqual({
      ok: false,
      message: `/p/loop-a/: Unexpected refresh loop ${a} → ${b} → ${a}, expected the refreshes to end at a live passage's present page; rebuild after npm run ingest`,
    });
  });

  it('reports a missing page, a missing anchor and a URL that leaves the site', () => {
    const missing = resolveInDist(dist, '/p/merged-away/');
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toMatch(
      /^\/p\/merged-away\/: Unexpected missing .*p\/merged-away\/index\.html, expected the page a release published to be built/u,
    );
    expect(resolveInDist(dist, '/obituary/#lost')).toEqual({
      ok: false,
      message: `/obituary/#lost: Unexpected page ${join(dist, 'obituary/index.html')} without id="lost" and without "lost" in its retired ids, expected the passage or a retired anchor; restore its entry in content/apparatus/ids.lock.json and run npm run ingest`,
    });
    expect(resolveInDist(dist, '/#merged-away')).toEqual({
      ok: false,
      message:
        '/#merged-away: Unexpected retired id "merged-away" whose successor\'s page (/kirov/obituary/#second) has no id="merged-away", expected the retired anchor there so the script\'s forward lands; check the base (/) and rebuild',
    });
    expect(resolveInDist(dist, '/../outside/#first')).toEqual({
      ok: false,
      message:
        '/../outside/#first: Unexpected path "/../outside/", expected a page path such as "/obituary/"',
    });
  });
});
