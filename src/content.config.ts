import { defineCollection } from 'astro:content';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { glob, type Loader } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { noteIdOf } from './lib/annotations/parse-annotation-file.ts';
import { EDITION_FILE, ID_LOCK_FILE, LEDGER_FILE, PASSAGES_DIR } from './lib/content-paths.ts';
import { annotationSchema } from './lib/schema/annotation.ts';
import { documentSchema, editionFileSchema } from './lib/schema/edition.ts';
import { indexEntrySchema } from './lib/schema/index-entry.ts';
import { idLockSchema, ledgerSchema } from './lib/schema/ledger.ts';
import { passageSchema } from './lib/schema/passage.ts';
import { timelineEventSchema } from './lib/schema/timeline.ts';
import { timelineEventId } from './lib/timeline/event-id.ts';

// Paths relative to the project root, as error messages print them, are named in lib/content-paths.ts.

// Astro's file() loader logs a parse error and keeps the entries of the previous sync, so a
// broken edition file would build the site from stale data. This loader reads one data file
// into entries and throws instead, naming the file; schema errors come from parseData, which
// names the file too.
function dataFile(fileName: string, toEntries: (data: Record<string, unknown>) => unknown[]): Loader {
  return {
    name: 'kirov-data-file',
    load: async ({ config, store, parseData, generateDigest, logger, watcher }) => {
      const filePath = fileURLToPath(new URL(fileName, config.root));
      const sync = async (): Promise<void> => {
        const entries = toEntries(parseDataFile(fileName, await readDataFile(fileName, filePath)));
        const parsed: { id: string; data: Record<string, unknown> }[] = [];
        for (const [index, entry] of entries.entries()) {
          if (
            typeof entry !== 'object' ||
            entry === null ||
            typeof (entry as { id?: unknown }).id !== 'string'
          ) {
            throw new Error(
              `${fileName}: Unexpected entry ${index + 1} without a string \`id\`, expected each entry to have one`,
            );
          }
          const { id } = entry as { id: string };
          if (parsed.some((done) => done.id === id)) {
            throw new Error(`${fileName}: Unexpected second entry with id "${id}", expected each id once`);
          }
          parsed.push({
            id,
            data: await parseData({ id, data: entry as Record<string, unknown>, filePath }),
          });
        }
        store.clear();
        for (const { id, data } of parsed)
          store.set({ id, data, filePath: fileName, digest: generateDigest(data) });
      };
      await sync();
      watcher?.add(filePath);
      watcher?.on('change', (changed) => {
        if (changed !== filePath) return;
        sync().catch((error: unknown) =>
          logger.error(error instanceof Error ? error.message : String(error)),
        );
      });
    },
  };
}

async function readDataFile(fileName: string, filePath: string): Promise<string> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${fileName}: Unexpected unreadable file (${reason}), expected the edition's data; run \`npm run ingest\``,
    );
  }
}

function parseDataFile(fileName: string, text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = fileName.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new Error(`${fileName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(
      `${fileName}: Unexpected ${Array.isArray(data) ? 'list' : typeof data}, expected a mapping of keys`,
    );
  }
  return data as Record<string, unknown>;
}

/** The edition as a whole (title, editors, licence): one entry, id `edition`. */
const edition = defineCollection({
  loader: dataFile(EDITION_FILE, (file) => [{ ...asRecord(file.edition), id: 'edition' }]),
  // The edition block is strict (an unknown field is refused); the loader adds the entry's id.
  schema: editionFileSchema.shape.edition.extend({ id: z.literal('edition') }),
});

/** The documents in the witness; the entry id is the document id. */
const documents = defineCollection({
  loader: dataFile(EDITION_FILE, (file) => {
    if (!Array.isArray(file.documents)) {
      throw new Error(
        `${EDITION_FILE}: Unexpected \`documents\`, expected a list of the documents in the witness`,
      );
    }
    return file.documents.map((document: unknown, order) => ({ ...asRecord(document), order }));
  }),
  // A collection does not keep the order of its entries, and witness order matters to the reader.
  schema: documentSchema.extend({
    /** 0-based position in the edition file's `documents:` list, which is witness order. Set by the loader. */
    order: z.number().int().nonnegative(),
  }),
});

/** The generated passages; the entry id is the passage's stable id, not its file name. */
const passages = defineCollection({
  loader: glob({
    base: `./${PASSAGES_DIR}`,
    pattern: '**/*.md',
    generateId: ({ data, entry }) => {
      if (typeof data.id !== 'string') {
        throw new Error(`${PASSAGES_DIR}/${entry}: Unexpected missing \`id\` in frontmatter`);
      }
      return data.id;
    },
  }),
  schema: passageSchema,
});

/** content/apparatus/ledger.json: one entry, id `ledger`. */
const ledger = defineCollection({
  loader: dataFile(LEDGER_FILE, (file) => [{ ...file, id: 'ledger' }]),
  schema: ledgerSchema,
});

/** content/apparatus/ids.lock.json: one entry, id `lock`. */
const idLock = defineCollection({
  loader: dataFile(ID_LOCK_FILE, (file) => [{ ...file, id: 'lock' }]),
  schema: idLockSchema,
});

// Leaves a missing or malformed block to the schema, which reports it with the field's name.
function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** content/index/<id>.yaml: the index of names and terms, one entry per file; the id is the file name. */
const index = defineCollection({
  loader: glob({
    base: './content/index',
    pattern: '**/*.yaml',
    generateId: ({ data, entry }) => {
      const expected =
        entry
          .replace(/\.yaml$/, '')
          .split('/')
          .at(-1) ?? entry;
      if (data.id !== expected) {
        throw new Error(
          `content/index/${entry}: Unexpected id ${JSON.stringify(data.id)}, expected "${expected}" (the file name without .yaml)`,
        );
      }
      return expected;
    },
  }),
  schema: indexEntrySchema,
});

/** content/timeline/<id>.yaml: dated events, one per file; the id is the file name (its anchor on /timeline/). */
const timeline = defineCollection({
  loader: glob({
    base: './content/timeline',
    pattern: '**/*.{yaml,yml}',
    generateId: ({ entry }) => timelineEventId(entry),
  }),
  schema: timelineEventSchema,
});

/**
 * content/annotations/<id>.md, written by hand: the marginal notes; the id is the file name. The
 * rehype plugin reads the same files with the same schema when the build starts (see
 * src/lib/annotations/load-marginal-notes.ts); this collection feeds /notes.json and the page checks.
 */
const annotations = defineCollection({
  loader: glob({
    base: './content/annotations',
    pattern: '**/*.md',
    generateId: ({ entry }) => noteIdOf(entry),
  }),
  schema: annotationSchema,
});

export const collections = { edition, documents, passages, ledger, idLock, index, timeline, annotations };
