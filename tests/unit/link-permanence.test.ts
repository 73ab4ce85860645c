import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEditionFile } from '../../src/lib/edition/parse-edition-file.ts';
import { ingestWitness } from '../../src/lib/ingest-witness.ts';
import {
  checkReleaseLinks,
  formatLinkProblem,
  formatReleaseLinks,
  freezeReleaseLinks,
  RELEASE_LINKS_FILE,
  type ReleaseLinks,
  releaseLinksSchema,
  resolveInDist,
} from '../../src/lib/passages/release-links.ts';
import type { IdLock } from '../../src/lib/schema/ledger.ts';
import {
  committedLock,
  EDITION_FILE,
  editionText,
  ingestKirov,
  WITNESS_FILE,
  witnessText,
} from './support/kirov.ts';

const fixture = releaseLinksSchema.parse(JSON.parse(readFileSync(RELEASE_LINKS_FILE, 'utf8')));
const documents = parseEditionFile(editionText(), EDITION_FILE).data.documents;

/** The ingest of a witness from which the obituary's second paragraph has been deleted. */
const DROPPED = 'a-man-who-has-given-all';
function ingestWithoutDropped() {
  const paragraph =
    'A man who has given all his brilliant life to the cause of the working class, to the cause of Communism, to the cause of the liberation of humanity, is dead, victim of the enemy.\n\n';
  const text = witnessText();
  expect(text.split(paragraph)).toHaveLength(2);
  return ingestWitness({
    witness: new TextEncoder().encode(text.replace(paragraph, '')),
    witnessFile: WITNESS_FILE,
    edition: editionText(),
    editionFile: EDITION_FILE,
    lock: committedLock(),
  });
}

describe('the links of release 0.1.0 (tests/fixtures/release-links.json)', () => {
  it('holds both URLs of every passage the release published, on its document’s page', () => {
    expect(fixture.release).toBe('0.1.0');
    expect(fixture.links).toHaveLength(63);
    expect(fixture.links[0]).toEqual({
      id: 'a-great-sorrow-has-befallen-our',
      document: 'obituary',
      since: '0.1.0',
      urls: ['/obituary/#a-great-sorrow-has-befallen-our', '/p/a-great-sorrow-has-befallen-our/'],
    });
    expect(fixture.links.find((link) => link.id === 'zinoviev-and-kamenev-are-no-fools')?.urls).toEqual([
      '/#zinoviev-and-kamenev-are-no-fools',
      '/p/zinoviev-and-kamenev-are-no-fools/',
    ]);
    expect(fixture.links.filter((link) => link.document === 'obituary')).toHaveLength(3);
    expect(fixture.links.filter((link) => link.document === 'essay')).toHaveLength(60);
  });

  it('still resolves, every one of them, after a re-ingest of the committed witness', () => {
    const { lock } = ingestKirov();
    const { resolved, problems } = checkReleaseLinks(fixture, lock, documents);
    expect(problems.map(formatLinkProblem)).toEqual([]);
    expect(resolved).toHaveLength(126);
    expect(resolved.every((link) => link.via === 'live' && link.lands === link.id)).toBe(true);
  });

  it('is kept whole, in order, when scripts/freeze-release-links.ts runs again on the committed lock', () => {
    const again = freezeReleaseLinks(fixture, fixture.release, committedLock(), documents);
    const prefix = again.links
      .slice(0, fixture.links.length)
      .map((link, i) => ({ ...link, urls: link.urls.slice(0, fixture.links[i]?.urls.length) }));
    expect(prefix).toEqual(fixture.links);
  });

  it('is written as two-space JSON ending in a newline, so the script reproduces it byte for byte', () => {
    expect(formatReleaseLinks(fixture)).toBe(readFileSync(RELEASE_LINKS_FILE, 'utf8'));
  });
});

describe('checkReleaseLinks', () => {
  it('follows a paragraph deleted from the witness through the retired ids to its successor', () => {
    const { lock } = ingestWithoutDropped();
    expect(lock.retired).toEqual([
      { id: DROPPED, successor: 'comrade-kirov-was-an-example-of', reason: 'removed' },
    ]);
    const { resolved, problems } = checkReleaseLinks(fixture, lock, documents);
    expect(problems).toEqual([]);
    expect(resolved.filter((link) => link.id === DROPPED)).toEqual([
      { id: DROPPED, url: `/obituary/#${DROPPED}`, via: 'retired', lands: 'comrade-kirov-was-an-example-of' },
      { id: DROPPED, url: `/p/${DROPPED}/`, via: 'retired', lands: 'comrade-kirov-was-an-example-of' },
    ]);
  });

  it('names the id, each URL and the fix when a published id is neither live nor retired', () => {
    const { lock } = ingestWithoutDropped();
    const forgotten: IdLock = { ...lock, retired: [] };
    const { problems } = checkReleaseLinks(fixture, forgotten, documents);
    expect(problems.map((problem) => problem.url)).toEqual([`/obituary/#${DROPPED}`, `/p/${DROPPED}/`]);
    expect(formatLinkProblem(problems[0] ?? { id: '', url: '', message: '', fix: '' })).toBe(
      `tests/fixtures/release-links.json: /obituary/#${DROPPED} (id "${DROPPED}"): Unexpected id "${DROPPED}" that is neither a passage nor a retired id in content/apparatus/ids.lock.json, expected every id release 0.1.0 published to keep resolving\n` +
        '  fix: restore its entry in content/apparatus/ids.lock.json from release 0.1.0 and run npm run ingest: an id whose paragraph is gone is retired with a successor, never forgotten',
    );
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
  const lockOf = (passages: [string, string][], retired: [string, string][]): IdLock => ({
    version: 1,
    passages: passages.map(([id, document]) => ({ id, document, text: `The text of ${id}.` })),
    retired: retired.map(([id, successor]) => ({ id, successor, reason: 'removed' })),
  });

  it('follows a chain of retired ids to the live passage at its end, on another page', () => {
    const lock = lockOf(
      [
        ['first', 'obituary'],
        ['third', 'obituary'],
      ],
      [
        ['old', 'second'],
        ['second', 'third'],
      ],
    );
    expect(checkReleaseLinks(small, lock, paths)).toEqual({
      resolved: [
        { id: 'first', url: '/obituary/#first', via: 'live', lands: 'first' },
        { id: 'first', url: '/p/first/', via: 'live', lands: 'first' },
        { id: 'old', url: '/#old', via: 'retired', lands: 'third' },
      ],
      problems: [],
    });
  });

  it('fails a chain of retired ids that loops without reaching a live passage', () => {
    const lock = lockOf(
      [['first', 'obituary']],
      [
        ['old', 'second'],
        ['second', 'old'],
      ],
    );
    expect(checkReleaseLinks(small, lock, paths).problems.map((problem) => problem.message)).toEqual([
      'Unexpected successor chain "old" → "second" → "old" for retired id "old", expected it to end at a live passage',
    ]);
  });

  it('counts a retired id’s present page as resolved only when its successor chain ends at a live passage', () => {
    const shared: ReleaseLinks = {
      release: '0.1.0',
      links: [{ id: 'old', document: 'essay', since: '0.1.0', urls: ['/#old', '/p/old/'] }],
    };
    const chained = lockOf(
      [['third', 'essay']],
      [
        ['old', 'second'],
        ['second', 'third'],
      ],
    );
    expect(checkReleaseLinks(shared, chained, paths)).toEqual({
      resolved: [
        { id: 'old', url: '/#old', via: 'retired', lands: 'third' },
        { id: 'old', url: '/p/old/', via: 'retired', lands: 'third' },
      ],
      problems: [],
    });
    const dangling = lockOf([['third', 'essay']], [['old', 'second']]);
    const { resolved, problems } = checkReleaseLinks(shared, dangling, paths);
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
    const moved = lockOf(
      [
        ['first', 'essay'],
        ['old', 'essay'],
      ],
      [],
    );
    expect(
      checkReleaseLinks(small, moved, paths).problems.map((problem) => [problem.url, problem.fix]),
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
    const live = lockOf(
      [
        ['first', 'obituary'],
        ['old', 'essay'],
      ],
      [],
    );
    expect(checkReleaseLinks(small, live, renamed).problems).toEqual([
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
    const earlier = freezeReleaseLinks(
      null,
      '0.1.0',
      {
        version: 1,
        passages: [
          { id: 'kept', document: 'essay', text: 'Kept.' },
          { id: 'gone', document: 'essay', text: 'Gone.' },
        ],
        retired: [],
      },
      [{ id: 'essay', path: '/' }],
    );
    const later = freezeReleaseLinks(
      earlier,
      '0.2.0',
      {
        version: 1,
        passages: [
          { id: 'kept', document: 'essay', text: 'Kept.' },
          { id: 'new', document: 'essay', text: 'New.' },
        ],
        retired: [{ id: 'gone', successor: 'new', reason: 'removed' }],
      },
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
  const dist = mkdtempSync(join(tmpdir(), 'kirov-links-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
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

  it('finds a present page, a passage anchor, a retired anchor, and a retired id forwarded by the script', () => {
    expect(resolveInDist(dist, '/p/first/')).toEqual({
      ok: true,
      file: join(dist, 'p/first/index.html'),
      via: 'page',
    });
    expect(resolveInDist(dist, '/#first')).toEqual({
      ok: true,
      file: join(dist, 'index.html'),
      via: 'anchor',
    });
    expect(resolveInDist(dist, '/obituary/#merged-away')).toEqual({
      ok: true,
      file: join(dist, 'obituary/index.html'),
      via: 'anchor',
    });
    expect(resolveInDist(dist, '/#merged-away', { base: '/kirov/' })).toEqual({
      ok: true,
      file: join(dist, 'obituary/index.html'),
      via: 'script',
    });
  });

  it('follows a retired id’s present page to the present page its refresh leads to', () => {
    expect(resolveInDist(dist, '/p/folded-in/', { base: '/kirov/' })).toEqual({
      ok: true,
      file: join(dist, 'p/first/index.html'),
      via: 'page',
    });
    expect(resolveInDist(dist, '/p/folded-twice/', { base: '/kirov' })).toEqual({
      ok: true,
      file: join(dist, 'p/first/index.html'),
      via: 'page',
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
