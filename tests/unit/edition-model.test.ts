import { describe, expect, it } from 'vitest';
import { EditionContentError } from '../../src/lib/content-error.ts';
import {
  assembleEdition,
  type EditionSources,
  navigationOrder,
  type PassageLike,
} from '../../src/lib/edition-model/assemble-edition.ts';
import type { EditionDocument } from '../../src/lib/schema/edition.ts';
import type { IdLock, Ledger } from '../../src/lib/schema/ledger.ts';
import { editionContent } from '../support/edition-files.ts';
import { thrownBy } from './support/problem-of.ts';

/*
 * The edition as the pages read it, assembled from small collections: reading order, section anchors,
 * where retired ids land, and each check that spans files, with the file its message names.
 */

const point = { line: 1, column: 1, offset: 0 };

function passage(id: string, document: string, n: number, section: string | null = null): PassageLike {
  return {
    id,
    filePath: `content/passages/${document}/${id}.md`,
    body: `Text of ${id}.`,
    data: { id, n, document, section, witness: { start: point, end: point }, gaps: [] },
  };
}

// The edition file's own documents (obituary first in the witness, the essay at "/"), each at a path.
const editionFile = editionContent();

function document(
  id: string,
  path: string,
  order: number,
): { id: string; data: EditionDocument & { order: number } } {
  const data = editionFile.documents.find((entry) => entry.id === id);
  if (!data) throw new Error(`no document ${id} in the edition file`);
  return { id, data: { ...data, path, order } };
}

const ledger = {
  witness: {
    file: 'content/source/w.txt',
    sha256: 'abc',
    lines: 1,
    characters: 1,
    byteOrderMark: false,
    lineEnds: 'LF',
  },
  documents: [],
  removals: [],
  headings: [],
  gaps: [],
  retired: [],
} satisfies Ledger;

function sources(overrides: Partial<EditionSources<PassageLike>> = {}): EditionSources<PassageLike> {
  return {
    edition: { title: 'Kirov Reader', editors: 'The editors', licence: 'CC BY-SA 4.0' },
    // The obituary comes first in the witness; the essay is published at "/".
    documents: [document('essay', '/', 1), document('obituary', '/obituary/', 0)],
    passages: [
      passage('second-words', 'essay', 2, 'Why Terror'),
      passage('first-words', 'essay', 1),
      passage('obituary-words', 'obituary', 1),
    ],
    ledger,
    idLock: {
      version: 1,
      passages: [],
      retired: [{ id: 'old-words', successor: 'second-words', reason: 'merged' }],
    } satisfies IdLock,
    sitePath: (path) => `/base/${path.replace(/^\//u, '')}`,
    ...overrides,
  };
}

function problem(overrides: Partial<EditionSources<PassageLike>>): string {
  return thrownBy(() => assembleEdition(sources(overrides)), EditionContentError).message;
}

describe('assembleEdition', () => {
  it('orders documents as the witness does, passages by ¶, and links each to its page under the base', () => {
    const edition = assembleEdition(sources());
    expect(edition.documents.map((d) => [d.id, d.href])).toEqual([
      ['obituary', '/base/obituary/'],
      ['essay', '/base/'],
    ]);
    expect(edition.documents[1]?.passages.map((p) => p.id)).toEqual(['first-words', 'second-words']);
    expect(navigationOrder(edition.documents).map((d) => d.id)).toEqual(['essay', 'obituary']);
  });

  it('lists every passage in reading order with its link and its text as displayed', () => {
    const edition = assembleEdition(
      sources({
        passages: [
          { ...passage('first-words', 'essay', 1), body: 'An *emphasised* \\[…] word.' },
          passage('obituary-words', 'obituary', 1),
        ],
        idLock: { version: 1, passages: [], retired: [] },
      }),
    );
    expect(edition.passages.map(({ entry, href, text }) => [entry.id, href, text])).toEqual([
      ['obituary-words', '/base/obituary/#obituary-words', 'Text of obituary-words.'],
      ['first-words', '/base/#first-words', 'An emphasised […] word.'],
    ]);
    expect(
      problem({
        passages: [
          { ...passage('first-words', 'essay', 1), body: undefined },
          passage('obituary-words', 'obituary', 1),
        ],
        idLock: { version: 1, passages: [], retired: [] },
      }),
    ).toBe('content/passages/essay/first-words.md: Unexpected passage without a body');
  });

  it('groups passages under their section with an anchor, and sends a retired id to its successor', () => {
    const edition = assembleEdition(sources());
    const essay = edition.documents[1];
    expect(essay?.sections.map((s) => [s.heading, s.id, s.passages.length])).toEqual([
      [null, null, 1],
      ['Why Terror', 'why-terror', 1],
    ]);
    expect(edition.retired).toEqual([
      { id: 'old-words', successor: 'second-words', reason: 'merged', href: '/base/#second-words' },
    ]);
    expect(essay?.retiredBySuccessor.get('second-words')).toEqual(['old-words']);
  });

  it('never gives a heading the anchor of a passage, live or retired', () => {
    const edition = assembleEdition(
      sources({
        passages: [passage('why-terror', 'essay', 1, 'Why Terror'), passage('obituary-words', 'obituary', 1)],
        idLock: { version: 1, passages: [], retired: [] },
      }),
    );
    expect(edition.documents[1]?.sections[0]?.id).toBe('why-terror-1');
  });

  it('refuses a passage naming a document the edition file does not list', () => {
    expect(problem({ passages: [...sources().passages, passage('stray', 'preface', 1)] })).toBe(
      'content/passages/preface/stray.md: Unexpected document "preface", expected one of "obituary", "essay" (the ids in content/source/kirov-scrape.edition.yaml)',
    );
  });

  it('refuses two passages of one document with the same ¶ number, naming both files', () => {
    expect(problem({ passages: [...sources().passages, passage('twin-words', 'essay', 2)] })).toBe(
      'content/passages/essay/twin-words.md: Unexpected ¶ number 2, already used by content/passages/essay/second-words.md; expected each passage of "essay" to have its own',
    );
  });

  it('refuses a retired id that a live passage uses again, and a successor that does not exist', () => {
    const lock = (id: string, successor: string): IdLock => ({
      version: 1,
      passages: [],
      retired: [{ id, successor, reason: 'removed' }],
    });
    expect(problem({ idLock: lock('first-words', 'second-words') })).toBe(
      'content/apparatus/ids.lock.json: Unexpected retired id "first-words" that is also the id of content/passages/essay/first-words.md, expected retired ids never to be reused',
    );
    expect(problem({ idLock: lock('old-words', 'gone-words') })).toBe(
      'content/apparatus/ids.lock.json: Unexpected successor "gone-words" for retired id "old-words", expected the id of a live passage',
    );
  });

  it('refuses two documents at one path, a document without passages, and missing generated files', () => {
    expect(problem({ documents: [document('essay', '/', 1), document('obituary', '/', 0)] })).toBe(
      'content/source/kirov-scrape.edition.yaml: Unexpected second document with path "/" (document "essay"), expected one page per document',
    );
    expect(
      problem({
        passages: [passage('first-words', 'essay', 1)],
        idLock: { version: 1, passages: [], retired: [] },
      }),
    ).toBe(
      'content/passages/obituary/: Unexpected document "obituary" without passages, expected at least one (npm run ingest)',
    );
    expect(problem({ ledger: undefined })).toMatch(
      /^content\/apparatus\/ledger\.json: Unexpected missing ledger/u,
    );
    expect(problem({ idLock: undefined })).toMatch(
      /^content\/apparatus\/ids\.lock\.json: Unexpected missing id lock/u,
    );
    expect(problem({ passages: [] })).toBe(
      'content/passages/: Unexpected empty folder, expected passage files (npm run ingest)',
    );
  });
});
