import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { beforeEach, describe, expect, it } from 'vitest';
import { type PagefindApi, searchIndexInput, writeSearchIndex } from '../../src/integrations/pagefind.ts';
import { searchRecords } from '../../src/lib/search/search-records.ts';
import { editionContent, editionModel } from '../support/edition-files.ts';
import { scratchDir } from './support/scratch-dir.ts';

const added: { url: string; filters?: Record<string, string[]> }[] = [];
const state = { failOn: '', written: '', closed: 0 };

/** Pagefind's Node API as the step uses it, recording what it is given. */
const engine = {
  createIndex: async () => ({
    errors: [],
    index: {
      addCustomRecord: async (record: { url: string; filters?: Record<string, string[]> }) => {
        added.push(record);
        return { errors: record.url === state.failOn ? ['Failed to parse record'] : [], file: {} };
      },
      writeFiles: async ({ outputPath }: { outputPath: string }) => {
        state.written = outputPath;
        return { errors: [], outputPath };
      },
    },
  }),
  close: async () => {
    state.closed++;
    return null;
  },
} as unknown as PagefindApi;

/** Two paragraphs as the search index gets them, and the words file beside it. */
function input() {
  const records = searchRecords({
    passages: {
      edition: { documents: [{ id: 'essay', title: 'On the Kirov Assassination' }] },
      passages: [
        {
          id: 'one',
          n: 1,
          document: 'essay',
          section: null,
          text: 'Zinoviev and Kamenev.',
          url: '/sub/#one',
        },
        { id: 'two', n: 2, document: 'essay', section: 'S', text: 'The goal.', url: '/sub/#two' },
      ],
    },
    notes: [],
    events: [],
    apparatus: null,
  });
  return { records, words: new TextEncoder().encode('{"words":[]}') };
}

function write() {
  const messages: string[] = [];
  const logger = { info: (m: string) => messages.push(m) } as unknown as AstroIntegrationLogger;
  const outputPath = join(scratchDir('kirov-pagefind-'), 'pagefind/');
  return { done: writeSearchIndex(input(), outputPath, logger, engine), messages, outputPath };
}

describe('the search index step', () => {
  beforeEach(() => {
    added.length = 0;
    Object.assign(state, { failOn: '', written: '', closed: 0 });
  });

  it('indexes the records into the build’s pagefind/ and says what it indexed', async () => {
    const { done, messages, outputPath } = write();
    await done;
    expect(added.map((r) => [r.url, r.filters])).toEqual([
      ['/sub/#one', { document: ['On the Kirov Assassination'], kind: ['Text'] }],
      ['/sub/#two', { document: ['On the Kirov Assassination'], kind: ['Text'] }],
    ]);
    expect(state.written).toBe(outputPath);
    expect(messages).toEqual([`indexed 2 records (2 text) → ${outputPath}`]);
    expect(state.closed).toBe(1);
    expect(readFileSync(join(outputPath, 'kirov-search-words.json'), 'utf8')).toBe('{"words":[]}');
  });

  it('stops the build with Pagefind’s error, naming the record, and still closes the index', async () => {
    state.failOn = '/sub/#two';
    await expect(write().done).rejects.toThrow(
      'kirov-pagefind: indexing /sub/#two failed:\n  Failed to parse record',
    );
    expect(state.closed).toBe(1);
  });

  it('makes one record per paragraph, note and event of the edition and one for the apparatus, from the model', () => {
    const content = editionContent();
    const { records, words } = searchIndexInput(editionModel(), '/about/');
    const kinds = Object.groupBy(records, (record) => record.meta?.kind ?? '');
    expect(kinds.Text?.length).toBe(content.passages.length);
    expect(kinds.Note?.length).toBe(content.annotations.length);
    expect(kinds.Event?.length).toBe(content.events.length);
    expect(kinds.Apparatus?.map((record) => record.url)).toEqual(['/about/']);
    // The names' other spellings, for the search box: Zinoviev's transliterations lead to the edition's spelling.
    const { spellings } = JSON.parse(new TextDecoder().decode(words)) as {
      spellings: Record<string, string[]>;
    };
    expect(spellings.zinovyev).toEqual(['Zinoviev']);
  }, 20_000);
});
