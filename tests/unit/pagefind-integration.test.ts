import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { scratchDir } from './support/scratch-dir.ts';

const added: { url: string; filters?: Record<string, string[]> }[] = [];
const state = { failOn: '', written: '', closed: 0 };

vi.mock('pagefind', () => ({
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
}));

const { pagefindIndex } = await import('../../src/integrations/pagefind.ts');

function builtSite() {
  const dir = scratchDir('kirov-pagefind-');
  writeFileSync(
    join(dir, 'passages.json'),
    JSON.stringify({
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
    }),
  );
  writeFileSync(
    join(dir, 'search-spellings.json'),
    JSON.stringify([
      {
        id: 'zinoviev',
        name: 'Zinoviev, Grigory',
        text: 'Zinoviev',
        spellings: [{ spelling: 'Zinoviev', variants: ['Zinovyev'] }],
        variants: [],
      },
    ]),
  );
  return pathToFileURL(`${dir}/`);
}

function runHook(dir: URL) {
  const messages: string[] = [];
  const logger = { info: (m: string) => messages.push(m) } as unknown as AstroIntegrationLogger;
  const hook = pagefindIndex().hooks['astro:build:done'] as unknown as (options: {
    dir: URL;
    logger: AstroIntegrationLogger;
  }) => Promise<void>;
  return { done: hook({ dir, logger }), messages };
}

describe('the Pagefind integration', () => {
  beforeEach(() => {
    added.length = 0;
    Object.assign(state, { failOn: '', written: '', closed: 0 });
  });

  it('indexes the published passages into <outDir>/pagefind/ and says what it indexed', async () => {
    const dir = builtSite();
    const { done, messages } = runHook(dir);
    await done;
    expect(added.map((r) => [r.url, r.filters])).toEqual([
      ['/sub/#one', { document: ['On the Kirov Assassination'], kind: ['Text'] }],
      ['/sub/#two', { document: ['On the Kirov Assassination'], kind: ['Text'] }],
    ]);
    expect(state.written).toBe(join(new URL('pagefind/', dir).pathname));
    expect(messages).toEqual([`indexed 2 records (2 text) → ${state.written}`]);
    expect(state.closed).toBe(1);
    // Beside the index: the vocabulary for “Did you mean …” and the names' other spellings.
    expect(JSON.parse(readFileSync(join(state.written, 'kirov-search-words.json'), 'utf8'))).toEqual({
      words: ['Kamenev', 'Zinoviev'],
      spellings: { zinovyev: ['Zinoviev'] },
    });
  });

  it('stops the build with Pagefind’s error, naming the record, and still closes the index', async () => {
    state.failOn = '/sub/#two';
    await expect(runHook(builtSite()).done).rejects.toThrow(
      'kirov-pagefind: indexing /sub/#two failed:\n  Failed to parse record',
    );
    expect(state.closed).toBe(1);
  });
});
