import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_DIR, PASSAGES_DIR } from '../../src/lib/content-paths.ts';
import { listFiles } from '../../src/lib/list-files.ts';
import { readFrontmatter } from '../../src/lib/markdown/frontmatter.ts';
import { markdownOptions, markdownToHast, remarkRehypeOptions } from '../../src/lib/markdown/pipeline.ts';

/*
 * The page renders passages with Astro's processor; the notes, the exports and the search index use
 * src/lib/markdown/pipeline.ts. These tests hold the two to one result, so that a change to the
 * edition's Markdown options reaches all of them or fails here.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const stringify = unified().use(rehypeStringify);

/** Every passage and note body of the edition, and Markdown that GFM or smart punctuation would change. */
const bodies = [
  ...[PASSAGES_DIR, ANNOTATIONS_DIR].flatMap((dir) =>
    listFiles(join(root, dir)).map((name) => {
      const split = readFrontmatter(readFileSync(join(root, dir, name), 'utf8'));
      if (!split) throw new Error(`${dir}/${name}: Unexpected file without frontmatter`);
      return split.body;
    }),
  ),
  'Stalin\'s "Zinoviev" -- the ~~struck~~ www.marxists.org | a | b |\n\n* a list\n\n1. two',
];

describe('the edition’s Markdown', () => {
  it('renders every passage and note to the same HTML as Astro’s processor with the site’s options', async () => {
    const astro = await createMarkdownProcessor({
      ...markdownOptions,
      remarkRehype: remarkRehypeOptions,
      syntaxHighlight: false,
    });
    expect(bodies.length).toBeGreaterThan(60);
    for (const body of bodies) {
      const ours = stringify.stringify(markdownToHast(body));
      expect(ours, body).toBe((await astro.render(body)).code);
    }
  });
});

describe('readFrontmatter', () => {
  it('splits LF and CRLF files alike, counting the lines before the body', () => {
    for (const eol of ['\n', '\r\n']) {
      const source = ['---', 'id: a', 'n: 1', '---', 'The text.', ''].join(eol);
      expect(readFrontmatter(source)).toEqual({
        yaml: `id: a${eol}n: 1`,
        body: `The text.${eol}`,
        linesBefore: 4,
      });
    }
  });

  it('reads an empty block and a fence with trailing spaces', () => {
    expect(readFrontmatter('---\n---\nText')).toEqual({ yaml: '', body: 'Text', linesBefore: 2 });
    expect(readFrontmatter('---  \nid: a\n---  \nText')).toEqual({
      yaml: 'id: a',
      body: 'Text',
      linesBefore: 3,
    });
  });

  it('finds nothing in a file that does not open with a fence', () => {
    expect(readFrontmatter('id: a\n---\nText')).toBeNull();
    expect(readFrontmatter('\n---\nid: a\n---\nText')).toBeNull();
    expect(readFrontmatter('---\nid: a\nno closing fence')).toBeNull();
  });
});
