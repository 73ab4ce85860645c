import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { describe, expect, it } from 'vitest';
import { kirovReader } from '../../src/integrations/kirov-reader.ts';
import {
  type ContentReader,
  contentReader,
  readEditionContent,
} from '../../src/lib/edition-model/read-content.ts';
import { listFiles } from '../../src/lib/list-files.ts';
import { contentReads, editionContent } from '../support/edition-files.ts';
import { problemOf } from './support/problem-of.ts';
import { scratchDir } from './support/scratch-dir.ts';

/*
 * Every content file the site is made from is read once per build, by one reader, and each problem in
 * one is reported at its file (and line) with a rule id.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Files under content/ that the site is not made from: the ingest's and the source tests' own. */
const NOT_THE_SITE = ['content/apparatus/handout-numbers.json', 'content/source-policy.yaml'];

/** The files read before the notes, the events and the index: the edition file, the ledger and the id lock. */
const FIRST = [
  'content/source/kirov-scrape.edition.yaml',
  'content/apparatus/ledger.json',
  'content/apparatus/ids.lock.json',
];

/** A project in a scratch folder with the project's own `copied` files and `written` ones. */
function project(written: Record<string, string>, copied: readonly string[] = FIRST): string {
  const dir = scratchDir('kirov-content-');
  for (const file of copied) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file));
  }
  for (const [file, text] of Object.entries(written)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** Runs the integration's astro:config:setup as Astro does for a build, with `reader` reading the content. */
function setUp(reader: (root: string) => ContentReader) {
  const watched: string[] = [];
  const updates: Record<string, unknown>[] = [];
  const messages: string[] = [];
  const logger = {
    warn: () => undefined,
    info: (message: string) => messages.push(message),
  } as unknown as AstroIntegrationLogger;
  const hook = kirovReader({ reader }).hooks['astro:config:setup'] as unknown as (options: unknown) => void;
  hook({
    config: { root: pathToFileURL(root), base: '/' },
    command: 'build',
    logger,
    addWatchFile: (path: string) => watched.push(path),
    updateConfig: (update: Record<string, unknown>) => updates.push(update),
  });
  return { watched, updates, messages };
}

describe('the content reader', () => {
  it('reads each file the site is made from once, and every such file under content/', () => {
    const content = editionContent();
    const reads = contentReads();
    const expected = listFiles(join(root, 'content'))
      .map((file) => `content/${file}`)
      .filter((file) => !NOT_THE_SITE.includes(file));
    expect([...reads.keys()].toSorted()).toEqual(expected);
    expect([...reads.values()].every((count) => count === 1)).toBe(true);
    expect(content.files.toSorted()).toEqual(expected);
    expect(content.passages.length).toBe(listFiles(join(root, 'content/passages')).length);
  });

  it('is how a build reads the content: once, when Astro sets up the config, watching every file read', () => {
    let reader: ContentReader | undefined;
    const { watched, updates, messages } = setUp((dir) => {
      reader = contentReader(dir);
      return reader;
    });
    const reads = [...(reader?.reads ?? new Map()).values()];
    expect(reads.length).toBeGreaterThan(100);
    expect(reads.every((count) => count === 1)).toBe(true);
    expect(messages).toEqual([`read ${reads.length} content files, each once`]);
    expect(watched).toEqual([
      ...[...(reader?.reads.keys() ?? [])].map((file) => join(root, file)),
      join(root, 'content'),
    ]);
    // One update: Astro's unified Markdown processor with the notes, and the model's virtual module.
    expect(updates).toHaveLength(1);
    const [update] = updates as [
      { markdown: { processor: { name: string } }; vite: { plugins: { name: string }[] } },
    ];
    expect(update.markdown.processor.name).toBe('unified');
    expect(update.vite.plugins.map((plugin) => plugin.name)).toEqual(['kirov-reader-edition']);
  });

  it('stops the build when a content file was read more than once', () => {
    const twice = (dir: string): ContentReader => {
      const reader = contentReader(dir);
      return { ...reader, read: (file) => reader.read(file) && reader.read(file) };
    };
    expect(() => setUp(twice)).toThrow(
      /^kirov-reader: Unexpected content read more than once: content\/source\/kirov-scrape\.edition\.yaml, /u,
    );
  });

  it('names a note with broken YAML at its file, line and column', () => {
    const dir = project({
      'content/annotations/kirov.md': '---\nkind: person\ntitle: [Kirov\n---\nA note.\n',
    });
    expect(problemOf(() => readEditionContent(contentReader(dir)))).toMatchObject({
      file: 'content/annotations/kirov.md',
      line: 3,
      rule: 'annotation-yaml',
    });
  });

  it('names a missing generated file, and the command that writes it', () => {
    const problem = problemOf(() =>
      readEditionContent(contentReader(project({}, ['content/source/kirov-scrape.edition.yaml']))),
    );
    expect(problem).toMatchObject({ file: 'content/apparatus/ledger.json', rule: 'content-unreadable' });
    expect(problem.fix).toContain('npm run ingest');
  });

  it('names an index entry whose id is not its file name, and an index entry that fails its schema', () => {
    const entry = readFileSync(join(root, 'content/index/kirov.yaml'), 'utf8');
    const wrongId = problemOf(() =>
      readEditionContent(
        contentReader(
          project({ 'content/index/kirov.yaml': entry.replace('id: kirov', 'id: sergei-kirov') }),
        ),
      ),
    );
    expect(wrongId).toMatchObject({ file: 'content/index/kirov.yaml', rule: 'index-id-mismatch' });
    const invalid = problemOf(() =>
      readEditionContent(contentReader(project({ 'content/index/kirov.yaml': 'id: kirov\nkind: hero\n' }))),
    );
    expect(invalid).toMatchObject({ file: 'content/index/kirov.yaml', rule: 'content-schema' });
  });

  it('names a passage without frontmatter, and two passages with one id', () => {
    const passage = listFiles(join(root, 'content/passages'))[0] ?? '';
    const source = readFileSync(join(root, 'content/passages', passage), 'utf8');
    const missing = problemOf(() =>
      readEditionContent(contentReader(project({ [`content/passages/${passage}`]: 'Just text.\n' }))),
    );
    expect(missing).toMatchObject({ file: `content/passages/${passage}`, rule: 'passage-frontmatter' });
    const twice = problemOf(() =>
      readEditionContent(
        contentReader(
          project({
            [`content/passages/${passage}`]: source,
            [`content/passages/${passage}.copy.md`]: source,
          }),
        ),
      ),
    );
    expect(twice).toMatchObject({
      file: `content/passages/${passage}.copy.md`,
      rule: 'passage-id-duplicate',
    });
  });
});
