import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { describe, expect, it } from 'vitest';
import { annotationFiles, dataFile } from '../../src/collections/loaders.ts';
import { scratchDir } from './support/scratch-dir.ts';

/*
 * The collections' loaders stop the build on a broken file, naming it (and the line, where there is
 * one), instead of logging it and building from the entries of the last good sync as Astro's own do.
 */

/** Runs a loader over a project folder holding `files`; returns the entries it stored. */
async function load(loader: ReturnType<typeof dataFile>, files: Record<string, string>) {
  const root = scratchDir('kirov-loader-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const stored = new Map<string, unknown>();
  const context = {
    config: { root: pathToFileURL(`${root}/`) },
    store: {
      clear: () => stored.clear(),
      set: (entry: { id: string; data: unknown }) => stored.set(entry.id, entry.data),
    },
    parseData: async ({ data }: { data: unknown }) => data,
    generateDigest: () => 'digest',
    logger: { error: () => undefined },
  } as unknown as LoaderContext;
  await loader.load(context);
  return stored;
}

const ids = (data: Record<string, unknown>) => data.entries as unknown[];

describe('dataFile', () => {
  it('stores each entry of a data file by its id', async () => {
    const stored = await load(dataFile('data/list.yaml', ids), {
      'data/list.yaml': 'entries:\n  - id: a\n  - id: b\n',
    });
    expect([...stored.keys()]).toEqual(['a', 'b']);
  });

  it('refuses broken YAML, naming the file and the line', async () => {
    await expect(
      load(dataFile('data/list.yaml', ids), { 'data/list.yaml': 'entries:\n  - id: a\n  - id: [b\n' }),
    ).rejects.toThrow(/^data\/list\.yaml: .*line 4/su);
  });

  it('refuses a file that is not a mapping, an entry without an id and an id used twice', async () => {
    await expect(load(dataFile('data/list.yaml', ids), { 'data/list.yaml': '- id: a\n' })).rejects.toThrow(
      'data/list.yaml: Unexpected list, expected a mapping of keys',
    );
    await expect(
      load(dataFile('data/list.yaml', ids), { 'data/list.yaml': 'entries:\n  - name: a\n' }),
    ).rejects.toThrow(
      'data/list.yaml: Unexpected entry 1 without a string `id`, expected each entry to have one',
    );
    await expect(
      load(dataFile('data/list.yaml', ids), { 'data/list.yaml': 'entries:\n  - id: a\n  - id: a\n' }),
    ).rejects.toThrow('data/list.yaml: Unexpected second entry with id "a", expected each id once');
  });

  it('refuses a missing file with the command that writes it', async () => {
    await expect(load(dataFile('data/ledger.json', ids), {})).rejects.toThrow(
      /^data\/ledger\.json: Unexpected unreadable file \(.*ENOENT.*\), expected the edition's data; run `npm run ingest`$/u,
    );
  });
});

describe('annotationFiles', () => {
  const note = (yaml: string) => `---\n${yaml}\n---\nA note about the words.\n`;
  const valid = [
    'kind: person',
    'title: Sergei Kirov (1886–1934)',
    'target:',
    '  passage: some-passage',
    '  quote: Kirov',
    'sources:',
    '  - title: An encyclopedia',
  ].join('\n');

  it('stores each note by its file name, with its text', async () => {
    const stored = await load(annotationFiles(), { 'content/annotations/kirov.md': note(valid) });
    expect(stored.get('kirov')).toMatchObject({
      kind: 'person',
      target: { passage: 'some-passage', quote: 'Kirov' },
    });
  });

  it('refuses a note with broken YAML at its file, line and column', async () => {
    const broken = valid.replace('  quote: Kirov', '  quote: [Kirov');
    await expect(load(annotationFiles(), { 'content/annotations/kirov.md': note(broken) })).rejects.toThrow(
      /^content\/annotations\/kirov\.md:\d+:\d+: Unexpected YAML/u,
    );
  });
});
