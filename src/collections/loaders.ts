import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader } from 'astro/loaders';
import type { z } from 'zod';
import { ANCHOR_FIELD, type RehypeAnchorNotesOptions } from '../lib/annotations/rehype-anchor-notes.ts';
import type { EditionModel } from '../lib/edition-model/edition-model.ts';
import type { collectionSchemas } from './schemas.ts';

/*
 * The content collections' loaders (src/content.config.ts). None reads a file: each takes its entries
 * from the edition model, which read and checked every content file once (src/lib/edition-model/), and
 * Astro's content layer checks each entry against its collection's schema. Each entry carries, beside
 * what its file holds, what the model worked out from it once (a passage's plain text, a note's number
 * and rendered text, an event's place in date order), so that the pages read it and work out nothing
 * again.
 */

/**
 * Where the passages' loader says which edition (its version, a digest of every content file) the
 * collections last loaded: the dev server, started again after a content change, has the content layer
 * load them again until they hold the edition it read (src/integrations/kirov-reader.ts).
 */
export const COLLECTIONS_VERSION = Symbol.for('kirov-reader:collections-version');

/** An entry as a loader hands it to the content layer. */
export interface ModelEntry<Data extends object = Record<string, unknown>> {
  id: string;
  data: Data;
  /** The entry's Markdown text (a passage's, a note's). */
  body?: string | undefined;
  /** The file it was read from, relative to the project root. */
  filePath?: string | undefined;
}

type Schemas = typeof collectionSchemas;

/** Each collection's entries, their data as its schema takes it. */
export type CollectionEntries = { [Name in keyof Schemas]: ModelEntry<z.input<Schemas[Name]>>[] };

/** The entries of every collection, from the model. */
export function collectionEntries(model: EditionModel): CollectionEntries {
  const { edition } = model;
  return {
    edition: [
      {
        id: 'edition',
        data: {
          id: 'edition',
          title: edition.title,
          editors: edition.editors,
          licence: edition.licence,
          version: model.version,
          retired: edition.retired,
        },
      },
    ],
    documents: edition.documents.map(({ passages, sections, retiredBySuccessor, ...document }, order) => ({
      id: document.id,
      data: {
        ...document,
        order,
        passages: passages.map((passage) => passage.id),
        sections: sections.map((section) => ({
          heading: section.heading,
          id: section.id,
          passages: section.passages.map((passage) => passage.id),
        })),
        retiredBySuccessor: Object.fromEntries([...retiredBySuccessor].map(([id, ids]) => [id, [...ids]])),
      },
    })),
    passages: edition.passages.map(({ entry, text }) => ({
      id: entry.id,
      data: { ...entry.data, text },
      body: entry.body,
      filePath: entry.filePath,
    })),
    ledger: [{ id: 'ledger', data: edition.ledger }],
    idLock: [{ id: 'lock', data: model.idLock }],
    index: model.index.map(({ file, ...entry }) => ({ id: entry.id, data: entry, filePath: file })),
    timeline: model.timeline.events.map(({ id, passages, ...event }, order) => ({
      id,
      data: { ...event, passages: passages.map((passage) => passage.id), order },
      filePath: model.timeline.files.get(id),
    })),
    annotations: model.notes.map(({ id, file, markdown, ...note }, order) => ({
      id,
      data: { ...note, order },
      body: markdown,
      filePath: file,
    })),
    witness: [{ id: 'witness', data: model.witness }],
  };
}

/** A collection of `entries` from the model, each checked by the collection's schema. */
export function modelEntries(name: string, entries: readonly ModelEntry<object>[]): Loader {
  return {
    name: `kirov-${name}`,
    load: async ({ store, parseData }) => {
      store.clear();
      for (const { id, data, body, filePath } of entries) {
        const parsed = await parseData({
          id,
          data: data as Record<string, unknown>,
          ...(filePath ? { filePath } : {}),
        });
        store.set({
          id,
          data: parsed,
          ...(body === undefined ? {} : { body }),
          ...(filePath ? { filePath } : {}),
        });
      }
    },
  };
}

/**
 * The passages, rendered through Astro's Markdown processor. Each passage is rendered with its own notes
 * (and the titles of the events they relate to) in its frontmatter, where the rehype plugin anchors them
 * from (rehype-anchor-notes.ts): a render depends on its input only, so that the dev server, whose
 * processor is made once, renders a passage with the notes of the edition as it is now. Each entry's
 * digest covers its text and what its notes are made of (`markupVersion`), so a passage is rendered
 * again when either changes and kept otherwise.
 */
export function passageEntries(
  passages: CollectionEntries['passages'],
  anchor: RehypeAnchorNotesOptions,
  markupVersion: string,
  version: string,
): Loader {
  return {
    name: 'kirov-passages',
    load: async ({ config, store, parseData, generateDigest, renderMarkdown }) => {
      const root = fileURLToPath(config.root);
      const kept = new Map<string, Parameters<typeof store.set>[0]>();
      for (const { id, filePath = `${id}.md`, data, body = '' } of passages) {
        const digest = generateDigest(`${markupVersion}\n${JSON.stringify(data)}\n${body}`);
        const stored = store.get(id);
        if (stored?.digest === digest && stored.filePath === filePath) {
          kept.set(id, stored);
          continue;
        }
        const path = join(root, filePath);
        const { text: _text, ...frontmatter } = data;
        const notes = anchor.notes.filter((note) => note.target.passage === id);
        const related = new Set(notes.flatMap((note) => note.related));
        const timeline = anchor.timeline && {
          href: anchor.timeline.href,
          titles: Object.fromEntries(
            Object.entries(anchor.timeline.titles).filter(([event]) => related.has(event)),
          ),
        };
        // The frontmatter is given as JSON, which is YAML: the data the model read, and the notes.
        const rendered = await renderMarkdown(
          `---\n${JSON.stringify({ ...frontmatter, [ANCHOR_FIELD]: { notes, timeline } })}\n---\n${body}\n`,
          { fileURL: pathToFileURL(path) },
        );
        const parsed = await parseData({ id, data, filePath: path });
        kept.set(id, { id, data: parsed, body, filePath, digest, rendered });
      }
      store.clear();
      for (const entry of kept.values()) store.set(entry);
      Reflect.set(globalThis, COLLECTIONS_VERSION, version);
    },
  };
}
