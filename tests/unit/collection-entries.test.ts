import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectionEntries } from '../../src/collections/loaders.ts';
import { collectionSchemas } from '../../src/collections/schemas.ts';
import { contentReads, editionModel } from '../support/edition-files.ts';

/*
 * The content collections take their entries from the edition model, which read every content file
 * once: each kind of content is a collection, each entry fits its collection's schema, and making the
 * entries reads nothing again.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The files of a content folder, as paths relative to the project root. */
const filesIn = (dir: string, pattern: RegExp) =>
  readdirSync(`${root}${dir}`, { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .map((name) => `${dir}/${name}`)
    .toSorted();

const entries = collectionEntries(editionModel());

describe('the content collections', () => {
  it('hold every content file as an entry, from the model, and making them reads no file again', () => {
    expect(Object.keys(entries)).toEqual([
      'edition',
      'documents',
      'passages',
      'ledger',
      'idLock',
      'index',
      'timeline',
      'annotations',
      'witness',
    ]);
    expect(entries.passages.map((entry) => entry.filePath).toSorted()).toEqual(
      filesIn('content/passages', /\.md$/u),
    );
    expect(entries.annotations.map((entry) => entry.filePath).toSorted()).toEqual(
      filesIn('content/annotations', /\.md$/u),
    );
    expect(entries.timeline.map((entry) => entry.filePath).toSorted()).toEqual(
      filesIn('content/timeline', /\.yaml$/u),
    );
    expect(entries.index.map((entry) => entry.filePath).toSorted()).toEqual(
      filesIn('content/index', /\.yaml$/u),
    );
    expect(entries.documents.map((entry) => [entry.id, entry.data.order])).toEqual([
      ['obituary', 0],
      ['essay', 1],
    ]);
    expect(entries.witness.map((entry) => [entry.id, entry.data.file])).toEqual([
      ['witness', 'content/source/kirov-scrape.txt'],
    ]);
    const reads = contentReads();
    expect(reads.size).toBeGreaterThan(100);
    expect([...reads].filter(([, count]) => count !== 1)).toEqual([]);
  });

  it('fit their collections’ schemas', () => {
    for (const [name, list] of Object.entries(entries)) {
      const schema = collectionSchemas[name as keyof typeof collectionSchemas];
      for (const entry of list) {
        const result = schema.safeParse(entry.data);
        expect(result.error?.issues ?? [], `${name}/${entry.id}`).toEqual([]);
      }
    }
  });

  it('carry the order the model worked out once: the notes numbered from 1 in each document, the events by date', () => {
    const notes = entries.annotations.toSorted((a, b) => a.data.order - b.data.order);
    for (const document of ['obituary', 'essay']) {
      const numbers = notes.filter((note) => note.data.document === document).map((note) => note.data.number);
      expect(numbers.length).toBeGreaterThan(0);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
    const dates = entries.timeline
      .toSorted((a, b) => a.data.order - b.data.order)
      .map((event) => event.data.date);
    expect(dates.length).toBe(42);
    expect(dates).toEqual(dates.toSorted());
    // Each document lists its passages, and the passages are all of them, each once.
    const listed = entries.documents.flatMap((document) => document.data.passages);
    expect(listed.toSorted()).toEqual(entries.passages.map((entry) => entry.id).toSorted());
  });
});
