import type { Page } from 'playwright-core';
import { describeQuote } from '../../../src/lib/reader-notes/describe-quote.ts';
import type { WebAnnotation } from '../../../src/lib/reader-notes/web-annotation.ts';

/*
 * A heavy reader's device, as the browser test of many notes and the benchmark (npm run bench)
 * make it: ten thousand annotations over the essay, put straight into the browser's storage.
 */

/** How many annotations a heavy reader's device holds (KIROV_BENCH_NOTES changes it for the benchmark). */
export const MANY_NOTES = Number(process.env.KIROV_BENCH_NOTES ?? 10_000);
/** Of them, the share made on words already annotated (a highlight, then a note on the same words). */
const SAME_WORDS = 0.15;
/** Of them, the share with a note's text; the rest are highlights. */
const WITH_TEXT = 0.3;

/** A small seeded generator (mulberry32), so that every run annotates the same words. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` annotations on the essay's page (its address `page`), spread over the essay's paragraphs as a reader's would be: each paragraph in
 * proportion to its length, one to twelve words from a word's start, a share of them on words
 * already annotated (identical ranges), a share with a sentence of note.
 */
export function manyAnnotations(
  passages: readonly { id: string; text: string }[],
  page: string,
  count = MANY_NOTES,
): WebAnnotation[] {
  const next = random(1934);
  const total = passages.reduce((sum, p) => sum + p.text.length, 0);
  const pick = () => {
    let at = next() * total;
    for (const passage of passages) {
      at -= passage.text.length;
      if (at < 0) return passage;
    }
    return passages.at(-1) as { id: string; text: string };
  };
  const made: WebAnnotation[] = [];
  for (let i = 0; i < count; i++) {
    const earlier = made[Math.floor(next() * made.length)];
    let target: WebAnnotation['target'];
    if (earlier && next() < SAME_WORDS) target = earlier.target;
    else {
      const passage = pick();
      const starts = [...passage.text.matchAll(/\S+/g)];
      const first = Math.floor(next() * starts.length);
      const last = Math.min(starts.length - 1, first + Math.floor(next() * 12));
      const start = starts[first]?.index ?? 0;
      const end = (starts[last]?.index ?? 0) + (starts[last]?.[0].length ?? 1);
      target = { source: `${page}#${passage.id}`, selector: describeQuote(passage.text, start, end) };
    }
    const withText = next() < WITH_TEXT;
    const n = String(i).padStart(12, '0');
    made.push({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:00000000-0000-4000-8000-${n}`,
      type: 'Annotation',
      motivation: withText ? 'commenting' : 'highlighting',
      created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      ...(withText && {
        body: { type: 'TextualBody', value: `Note ${i + 1}: compare with the trial of August 1936.` },
      }),
      target,
    });
  }
  return made;
}

/**
 * Puts annotations into the page's browser storage as the reader's own notes, one record each, as
 * src/scripts/reader-notes/store.ts keeps them (database, version, stores, index and keys as named
 * there; `version` 2 as the version before kept them, without the paragraph's index), and sets the
 * flag that makes a page load its notes at once.
 */
export async function seedNotes(
  page: Page,
  annotations: readonly WebAnnotation[],
  version: 2 | 3 = 3,
): Promise<void> {
  await page.evaluate(
    async ({ items, version }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('kirov-reader-notes', version);
        request.onupgradeneeded = () => {
          const created = request.result;
          if (!created.objectStoreNames.contains('layers'))
            created.createObjectStore('layers', { keyPath: 'id' });
          if (!created.objectStoreNames.contains('notes')) {
            const notes = created.createObjectStore('notes', { keyPath: ['layer', 'id'] });
            notes.createIndex('layer', 'layer');
            if (version >= 3) notes.createIndex('passage', 'passage');
          }
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(['layers', 'notes'], 'readwrite');
      tx.objectStore('layers').put({
        id: 'mine',
        title: 'My notes',
        author: '',
        shown: true,
        editable: true,
      });
      const notes = tx.objectStore('notes');
      for (const annotation of items) {
        const passage = decodeURIComponent(new URL(annotation.target.source).hash.slice(1));
        notes.put(
          version >= 3
            ? { layer: 'mine', id: annotation.id, passage, annotation }
            : { layer: 'mine', id: annotation.id, annotation },
        );
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
      db.close();
      localStorage.setItem('kirov-reader-notes', '1');
    },
    { items: annotations, version },
  );
}
