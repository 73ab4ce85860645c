import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import type { ViteDevServer } from 'vite';
import type { EditionModel } from '../lib/edition-model/edition-model.ts';
import {
  apparatusSummary,
  notesExport,
  passagesExport,
  searchSpellingsExport,
  timelineExport,
} from '../lib/exports/edition-exports.ts';
import { INDEX_LANGUAGE, searchRecords } from '../lib/search/search-records.ts';
import { SEARCH_WORDS_FILE, searchWords } from '../lib/search/search-words.ts';

/*
 * The search index, built in-process through Pagefind's Node API from the edition model in memory: one
 * record per paragraph, note and event, and one for the apparatus, made from the same views as the JSON
 * exports (src/lib/exports/edition-exports.ts), never from the published files. Every Pagefind response
 * is checked for errors, and the index is always closed. The build writes it beside the site
 * (writeSearchIndex); the dev server, which has no dist/, answers from an index built in memory on the
 * first request under /pagefind/ (serveDevSearchIndex).
 */

/** What the step uses of Pagefind's Node API (a test gives its own). */
export type PagefindApi = Pick<typeof pagefind, 'createIndex' | 'close'>;

export interface SearchIndexInput {
  records: ReturnType<typeof searchRecords>;
  /** The file of the vocabulary and the names' other spellings, beside Pagefind's (search-words.ts). */
  words: Uint8Array;
}

/** The search records of the edition, and the search words made from the same records and the index's spellings. */
export function searchIndexInput(model: EditionModel, aboutHref: string): SearchIndexInput {
  const records = searchRecords({
    passages: passagesExport(model),
    notes: notesExport(model),
    events: timelineExport(model),
    apparatus: apparatusSummary(model, aboutHref),
  });
  const words = searchWords(
    records.map((record) => record.content),
    searchSpellingsExport(model),
  );
  return { records, words: new TextEncoder().encode(JSON.stringify(words)) };
}

const DEV_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};

/**
 * Answers the dev server's requests under `prefix` from an index built in memory on the first of them.
 * The dev server starts again when a content file changes (src/integrations/kirov-reader.ts), and with
 * it this index.
 */
export function serveDevSearchIndex(
  server: ViteDevServer,
  prefix: string,
  input: () => SearchIndexInput,
  logger: AstroIntegrationLogger,
): void {
  let files: Promise<Map<string, Uint8Array>> | null = null;
  server.middlewares.use((request, response, next) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(prefix)) return next();
    files ??= indexFiles(input(), logger);
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
async function indexOf(
  records: ReturnType<typeof searchRecords>,
  engine: PagefindApi,
): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await engine.createIndex({ forceLanguage: INDEX_LANGUAGE });
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
  { records, words }: SearchIndexInput,
  logger: AstroIntegrationLogger,
): Promise<Map<string, Uint8Array>> {
  try {
    const { files, errors } = await (await indexOf(records, pagefind)).getFiles();
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

/** Writes the index and the search words into `outputPath` (the build's pagefind/), and says what it indexed. */
export async function writeSearchIndex(
  { records, words }: SearchIndexInput,
  outputPath: string,
  logger: AstroIntegrationLogger,
  engine: PagefindApi = pagefind,
): Promise<void> {
  try {
    const written = await (await indexOf(records, engine)).writeFiles({ outputPath });
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
    await engine.close();
  }
}
