import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import type { ViteDevServer } from 'vite';
import type { z } from 'zod';
import { apparatusExportSchema, searchSpellingsExportSchema } from '../lib/exports/published.ts';
import {
  INDEX_LANGUAGE,
  indexedEventsSchema,
  indexedNotesSchema,
  indexedPassagesSchema,
  searchRecords,
} from '../lib/search/search-records.ts';
import { SEARCH_WORDS_FILE, searchWords } from '../lib/search/search-words.ts';
import { guardBuildStep } from './build-step.ts';
import { siteIntegration } from './site-config.ts';

/**
 * Builds the Pagefind index in-process when Astro has written the site, from the data the site publishes
 * (/passages.json, /notes.json, /timeline.json, /apparatus.json): one record per paragraph, note and event.
 * Respects Astro's outDir (the hook's `dir`) and base (the exports' URLs carry it). Every Pagefind response
 * is checked for errors, and the index is always closed.
 *
 * The dev server has no dist/: there the index is built in memory from the same exports, fetched from the
 * dev server itself, on the first request under /pagefind/, and again after any change under content/.
 */
export function pagefindIndex(): AstroIntegration {
  return siteIntegration('kirov-pagefind', (site) => ({
    'astro:build:done': guardBuildStep('search index (kirov-pagefind)', async ({ dir, logger }) => {
      const records = await recordsFrom(async (name) => {
        const path = fileURLToPath(new URL(name, dir));
        return existsSync(path) ? readFile(path, 'utf8') : null;
      }, 'dist/');
      await writeIndex(records, fileURLToPath(new URL('pagefind/', dir)), logger);
    }),
    'astro:server:setup': ({ server, logger }) => {
      const { base } = site;
      serveDevIndex(server, `${base}pagefind/`, join(site.root, 'content'), async (origin) => {
        const records = await recordsFrom(async (name) => {
          const response = await fetch(`${origin}${base}${name}`);
          return response.ok ? response.text() : null;
        }, `the dev server's ${base}`);
        return indexFiles(records, logger);
      });
    },
  }));
}

interface IndexInput {
  records: ReturnType<typeof searchRecords>;
  /** The file of the vocabulary and the names' other spellings, beside Pagefind's (search-words.ts). */
  words: Uint8Array;
}

/**
 * The search records, from the published exports as `read` finds them (null: the file is not there),
 * and the search words made from the same records and /search-spellings.json.
 */
async function recordsFrom(
  read: (name: string) => Promise<string | null>,
  where: string,
): Promise<IndexInput> {
  // Each export is checked against its schema, so that a field the index needs and the page no longer
  // writes stops the build here, naming the file and the field, instead of indexing nothing.
  const parsed = async <T>(name: string, schema: z.ZodType<T>): Promise<T | null> => {
    const text = await read(name);
    if (text === null) return null;
    const result = schema.safeParse(JSON.parse(text));
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new Error(
      `kirov-pagefind: ${where}${name}: Unexpected ${issue?.message ?? 'shape'} at ${issue?.path.join('.') || '(top)'}, expected what src/lib/exports/published.ts describes`,
    );
  };
  const passages = await parsed('passages.json', indexedPassagesSchema);
  if (!passages)
    throw new Error(`kirov-pagefind: ${where}passages.json is missing; the search index is built from it`);
  const notes = (await parsed('notes.json', indexedNotesSchema)) ?? [];
  const events = (await parsed('timeline.json', indexedEventsSchema)) ?? [];
  const apparatus = await parsed('apparatus.json', apparatusExportSchema);
  const spellings = (await parsed('search-spellings.json', searchSpellingsExportSchema)) ?? [];
  const records = searchRecords({ passages, notes, events, apparatus });
  const words = searchWords(
    records.map((record) => record.content),
    spellings,
  );
  return { records, words: new TextEncoder().encode(JSON.stringify(words)) };
}

const DEV_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};

/** Answers requests under `prefix` from an index built in memory, rebuilt after a change under `content`. */
function serveDevIndex(
  server: ViteDevServer,
  prefix: string,
  content: string,
  build: (origin: string) => Promise<Map<string, Uint8Array>>,
): void {
  let files: Promise<Map<string, Uint8Array>> | null = null;
  server.watcher.on('all', (_event, file) => {
    if (file.startsWith(`${content}${sep}`)) files = null;
  });
  server.middlewares.use((request, response, next) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(prefix)) return next();
    files ??= build(`http://${request.headers.host ?? 'localhost'}`);
    const current = files;
    current.then(
      (index) => {
        const body = index.get(path.slice(prefix.length));
        response.statusCode = body ? 200 : 404;
        response.setHeader('Content-Type', DEV_TYPES[extname(path)] ?? 'application/octet-stream');
        response.end(body ?? `Not in the search index: ${path}`);
      },
      (error: unknown) => {
        if (files === current) files = null;
        response.statusCode = 500;
        response.end(error instanceof Error ? error.message : String(error));
      },
    );
  });
}

function check(what: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`kirov-pagefind: ${what} failed:\n  ${errors.join('\n  ')}`);
}

/** A Pagefind index holding `records`; the caller closes Pagefind. */
async function indexOf(records: ReturnType<typeof searchRecords>): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE });
  check('creating the index', errors);
  if (!index) throw new Error('kirov-pagefind: Pagefind returned no index');
  for (const record of records) {
    const added = await index.addCustomRecord(record);
    check(`indexing ${record.url}`, added.errors);
  }
  return index;
}

/** The index's files by their path under pagefind/, for the dev server. */
async function indexFiles(
  { records, words }: IndexInput,
  logger: AstroIntegrationLogger,
): Promise<Map<string, Uint8Array>> {
  try {
    const { files, errors } = await (await indexOf(records)).getFiles();
    check('building the index', errors);
    logger.info(`indexed ${records.length} records in memory for the dev server`);
    return new Map([
      ...files.map((file) => [file.path.replace(/^\/+/u, ''), file.content] as const),
      [SEARCH_WORDS_FILE, words],
    ]);
  } finally {
    await pagefind.close();
  }
}

/** Pagefind's prebuilt interfaces and highlighter, which no page of the site loads. */
const PAGEFIND_UI = /^pagefind-((component-|modular-)?ui\.(js|css)|highlight\.js)$/u;

async function writeIndex(
  { records, words }: IndexInput,
  outputPath: string,
  logger: AstroIntegrationLogger,
): Promise<void> {
  try {
    const written = await (await indexOf(records)).writeFiles({ outputPath });
    check('writing the index', written.errors);
    await mkdir(outputPath, { recursive: true });
    // Pagefind writes its own search interfaces beside the index; the site has its own (search-ui.ts),
    // so they would only be ~420 KB that every mirror carries and no page loads.
    for (const name of await readdir(outputPath)) {
      if (PAGEFIND_UI.test(name)) await rm(join(outputPath, name));
    }
    await writeFile(join(outputPath, SEARCH_WORDS_FILE), words);
    const kinds = new Map<string, number>();
    for (const record of records) {
      const kind = record.meta?.kind ?? 'other';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    logger.info(
      `indexed ${records.length} records (${[...kinds].map(([kind, n]) => `${n} ${kind.toLowerCase()}`).join(', ')}) → ${outputPath}`,
    );
  } finally {
    await pagefind.close();
  }
}
