import { describe, expect, it } from 'vitest';
import { parseAnnotationFile } from '../../src/lib/annotations/parse-annotation-file.ts';
import { problemOf } from './support/problem-of.ts';

const FILE = 'content/annotations/zinoviev.md';
const TARGET_FIX =
  'write `target:` with `passage:` (the id in the passage file) and `quote:` (its exact words); add `prefix:` or `suffix:` only to pick one of several occurrences';
const SOURCES_FIX =
  'list the sources under `sources:`, each as `- title: …` with `url: https://…` when it is online';

/** A valid note file, with one line swapped for another to make it invalid. */
function noteFile(replace: [string, string] = ['', '']): string {
  const text = `---
kind: person
title: Grigory Zinoviev (1883–1936)
target:
  passage: zinoviev-and-kamenev-are-no-fools
  quote: Zinoviev
  suffix: " and Kamenev"
sources:
  - title: "Wikipedia: Grigory Zinoviev"
    url: https://en.wikipedia.org/wiki/Grigory_Zinoviev
---

He chaired the Communist International from 1919 to 1926.
`;
  return text.replace(replace[0], replace[1]);
}

const problemIn = (source: string, file = FILE) => problemOf(() => parseAnnotationFile(source, file));

describe('an annotation file', () => {
  it('gives the note its id from the file name, its fields, its text and where its target is written', () => {
    expect(parseAnnotationFile(noteFile(), FILE)).toEqual({
      id: 'zinoviev',
      file: FILE,
      data: {
        kind: 'person',
        title: 'Grigory Zinoviev (1883–1936)',
        target: { passage: 'zinoviev-and-kamenev-are-no-fools', quote: 'Zinoviev', suffix: ' and Kamenev' },
        sources: [
          { title: 'Wikipedia: Grigory Zinoviev', url: 'https://en.wikipedia.org/wiki/Grigory_Zinoviev' },
        ],
        related: [],
      },
      body: 'He chaired the Communist International from 1919 to 1926.',
      at: {
        passage: { line: 5, column: 12 },
        quote: { line: 6, column: 10 },
        related: { line: 2, column: 1 },
      },
    });
  });

  // Each refusal names the file, the line and column to fix, the rule, what was found and expected, and the fix.
  it.each([
    {
      what: 'a file without frontmatter',
      source: 'He chaired the Communist International.\n',
      problem: {
        line: 1,
        column: 1,
        rule: 'annotation-frontmatter',
        message: 'Unexpected file without frontmatter, expected `---` on the first line',
        fix: 'start the file with `---`, the fields kind, title, target and sources, and `---`; then write the note',
      },
    },
    {
      what: 'a file name that cannot be an anchor',
      file: 'content/annotations/Zinoviev Note.md',
      source: noteFile(),
      problem: {
        line: 1,
        column: 1,
        rule: 'annotation-id',
        message:
          'Unexpected file name "Zinoviev Note.md", expected lowercase words joined by hyphens (the name is the note\'s id and anchor)',
        fix: 'rename the file, e.g. to "zinoviev-note.md"',
      },
    },
    {
      what: 'a missing field, at the block it belongs in',
      source: noteFile(['title: Grigory Zinoviev (1883–1936)\n', '']),
      problem: {
        line: 2,
        column: 1,
        rule: 'annotation-schema',
        message: 'Unexpected missing `title`, expected a title for the note',
        fix: 'give the note a heading, e.g. `title: Grigory Zinoviev (1883–1936)`',
      },
    },
    {
      what: 'a missing nested field, at its parent',
      source: noteFile(['  quote: Zinoviev\n', '']),
      problem: {
        line: 5,
        column: 3,
        rule: 'annotation-schema',
        message:
          'Unexpected missing `target.quote`, expected the exact words of the passage the note explains',
        fix: TARGET_FIX,
      },
    },
    {
      what: 'a wrong value, at its line and column',
      source: noteFile(['kind: person', 'kind: people']),
      problem: {
        line: 2,
        column: 7,
        rule: 'annotation-schema',
        message:
          'Unexpected value at `kind`, expected one of person, organisation, place, event, term, publication, gap, editorial, context',
        fix: 'set `kind:` to what the note explains, e.g. `kind: person`',
      },
    },
    {
      what: 'a passage id that is not one',
      source: noteFile(['passage: zinoviev-and-kamenev-are-no-fools', 'passage: Zinoviev and Kamenev']),
      problem: {
        line: 5,
        column: 12,
        rule: 'annotation-schema',
        message:
          'Unexpected value at `target.passage`, expected a passage id such as "zinoviev-and-kamenev-are-no-fools"',
        fix: TARGET_FIX,
      },
    },
    {
      what: 'a note without sources, since every note shows the reader what it rests on',
      source: noteFile([
        'sources:\n  - title: "Wikipedia: Grigory Zinoviev"\n    url: https://en.wikipedia.org/wiki/Grigory_Zinoviev\n',
        'sources: []\n',
      ]),
      problem: {
        line: 8,
        column: 10,
        rule: 'annotation-schema',
        message:
          'Unexpected value at `sources`, expected at least one source: every note shows the reader what it rests on',
        fix: SOURCES_FIX,
      },
    },
    {
      what: 'a field the schema does not know, so that a misspelt one is not silently lost',
      source: noteFile(['kind: person', 'kind: person\nrelatd: [kirov-assassinated]']),
      problem: {
        line: 2,
        column: 1,
        rule: 'annotation-schema',
        message: 'Unexpected field `relatd`, expected only the fields of src/lib/schema/annotation.ts',
        fix: 'remove it or correct its spelling',
      },
    },
    {
      what: 'a note without text',
      source: noteFile(['He chaired the Communist International from 1919 to 1926.', '']),
      problem: {
        line: 11,
        column: 1,
        rule: 'annotation-empty',
        message: 'Unexpected note without text, expected its Markdown text after the closing `---`',
        fix: 'write the note (one to four sentences) below the frontmatter',
      },
    },
  ])('refuses $what', ({ source, file = FILE, problem }) => {
    expect(problemIn(source, file)).toEqual({ file, ...problem });
  });

  it('reports broken YAML at its line', () => {
    const problem = problemIn(noteFile(['  quote: Zinoviev', '  quote: "Zinoviev']));
    expect(problem.rule).toBe('annotation-yaml');
    expect(problem.line).toBe(6);
    expect(problem.message).toMatch(/^Unexpected YAML: /);
  });

  it('refuses a source URL that is not a web address', () => {
    expect(
      problemIn(noteFile(['url: https://en.wikipedia.org/wiki/Grigory_Zinoviev', 'url: en.wikipedia.org']))
        .message,
    ).toBe(
      'Unexpected value at `sources.0.url`, expected an absolute http(s) URL such as "https://en.wikipedia.org/wiki/Sergei_Kirov" (other schemes, such as javascript: or data:, are refused)',
    );
  });
});

describe('what a note may publish', () => {
  it('refuses raw HTML in the text, which would be dropped with its words, at its line', () => {
    const problem = problemIn(
      noteFile([
        'He chaired the Communist International from 1919 to 1926.',
        '<p>He chaired the Comintern.</p>',
      ]),
    );
    expect(problem).toMatchObject({ file: FILE, line: 13, column: 1, rule: 'annotation-html' });
    expect(problem.message).toBe(
      'Unexpected raw HTML `<p>He chaired the Comintern.</p>` in the note, expected Markdown (HTML is not rendered, so its text would be lost)',
    );
    expect(problem.fix).toContain('write it in Markdown');
  });

  it('refuses a javascript: or data: link in the text or the sources, and accepts web and site links', () => {
    const link = problemIn(noteFile(['from 1919 to 1926.', 'from 1919 to [1926](javascript:alert(1)).']));
    expect(link).toMatchObject({ line: 13, column: 53, rule: 'annotation-link' });
    expect(link.message).toBe(
      'Unexpected link target "javascript:alert(1)" in the note, expected an http(s) URL or a path of this site',
    );
    const source = problemIn(
      noteFile([
        'url: https://en.wikipedia.org/wiki/Grigory_Zinoviev',
        'url: "data:text/html,<script>alert(1)</script>"',
      ]),
    );
    expect(source).toMatchObject({ line: 10, rule: 'annotation-schema' });
    expect(source.message).toContain('expected an absolute http(s) URL');
    expect(() =>
      parseAnnotationFile(
        noteFile(['from 1919 to 1926.', 'from [1919](/timeline/#x) to [1926](https://example.org/).']),
        FILE,
      ),
    ).not.toThrow();
  });
});
