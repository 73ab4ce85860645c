import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import {
  type ApparatusSummary,
  type PublishedEvent,
  type PublishedNote,
  type PublishedPassages,
  searchRecords,
} from '../lib/search/search-records.ts';
import { guardBuildStep } from './build-step.ts';

/**
 * Builds the Pagefind index in-process when Astro has written the site, from the data the site publishes
 * (/passages.json, /notes.json, /timeline.json, /apparatus.json): one record per paragraph, note and event.
 * Respects Astro's outDir (the hook's `dir`) and base (the exports' URLs carry it). Every Pagefind response
 * is checked for errors, and the index is always closed.
 */
export function pagefindIndex(): AstroIntegration {
  return {
    name: 'kirov-pagefind',
    hooks: {
      'astro:build:done': guardBuildStep('search index (kirov-pagefind)', async ({ dir, logger }) => {
        const read = async <T>(name: string): Promise<T | null> => {
          const path = fileURLToPath(new URL(name, dir));
          return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as T) : null;
        };
        const passages = await read<PublishedPassages>('passages.json');
        if (!passages)
          throw new Error('kirov-pagefind: dist/passages.json is missing; the search index is built from it');
        const notes = (await read<PublishedNote[]>('notes.json')) ?? [];
        const events = (await read<PublishedEvent[]>('timeline.json')) ?? [];
        const apparatus = await read<ApparatusSummary>('apparatus.json');
        const records = searchRecords({ passages, notes, events, apparatus });
        await writeIndex(records, fileURLToPath(new URL('pagefind/', dir)), logger);
      }),
    },
  };
}

async function writeIndex(
  records: ReturnType<typeof searchRecords>,
  outputPath: string,
  logger: AstroIntegrationLogger,
): Promise<void> {
  const check = (what: string, errors: readonly string[]) => {
    if (errors.length > 0) throw new Error(`kirov-pagefind: ${what} failed:\n  ${errors.join('\n  ')}`);
  };
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    check('creating the index', errors);
    if (!index) throw new Error('kirov-pagefind: Pagefind returned no index');
    for (const record of records) {
      const added = await index.addCustomRecord(record);
      check(`indexing ${record.url}`, added.errors);
    }
    const written = await index.writeFiles({ outputPath });
    check('writing the index', written.errors);
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
