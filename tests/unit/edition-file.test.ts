import { describe, expect, it } from 'vitest';
import { ingestText } from './support/kirov.ts';
import { problemOf } from './support/problem-of.ts';

const WITNESS = [
  'best tractor facts',
  '',
  'The Harvest of the Year The harvest, however, was poor in 1933.',
  '',
  'The cooperatives paid their members in kind. The plan for the economy of million people failed.',
  '',
  'best tractor facts',
].join('\n');

const DOCUMENT = `documents:
  - id: report
    title: A Report
    authors: [Anonymous]
    date: 1934-02
    translator: null
    description: A short report.
    path: /
    source: { archive: An Archive, url: null, printed: null, licence: none stated, credit: An Archive }
    begins: The Harvest of the Year
    ends: people failed.
`;
const HEAD = `edition: { title: Test, editors: Tester, licence: CC0 }\n`;

const problemIn = (edition: string) => problemOf(() => ingestText(WITNESS, edition));

describe('the edition file', () => {
  it('applies documents, removals, headings and gaps', () => {
    const result = ingestText(
      WITNESS,
      `${HEAD}${DOCUMENT}removals:
  - { quote: best tractor facts, occurrences: all, kind: keyword-spam, reason: the page's search phrase }
gaps:
  - after: the economy of
    status: restored
    missing: a figure
    value: '170'
    source: A Census, 1933, p. 1
    reason: the figure before "million" was cut
`,
    );
    expect(result.passages.map((p) => [p.frontmatter.section, p.text])).toEqual([
      ['The Harvest of the Year', 'The harvest, however, was poor in 1933.'],
      [
        'The Harvest of the Year',
        'The cooperatives paid their members in kind. The plan for the economy of [170] million people failed.',
      ],
    ]);
    expect(result.ledger.removals.map((r) => [r.kind, r.origin, r.confirmed])).toEqual([
      ['keyword-spam', 'heuristic', true],
      ['keyword-spam', 'heuristic', true],
    ]);
    expect(result.report).toContain('heading   [heuristic, UNCONFIRMED] “The Harvest of the Year”');
  });

  it('reports malformed YAML at its line and column', () => {
    const problem = problemIn(
      `${HEAD}documents:\n  - id: report\n    title: A: Report\n    authors: [Anonymous]\n`,
    );
    expect(problem).toMatchObject({ file: 'test.edition.yaml', line: 4, column: 12, rule: 'yaml-syntax' });
    expect(problem.message).toMatch(/^Unexpected YAML: /u);
  });

  it('reports a missing field at the line of the entry that lacks it', () => {
    const problem = problemIn(
      `${HEAD}${DOCUMENT}removals:\n  - quote: best tractor facts\n    kind: keyword-spam\n`,
    );
    expect(problem).toMatchObject({ file: 'test.edition.yaml', line: 14, column: 5, rule: 'edition-schema' });
    expect(problem.message).toContain('`removals.0.reason`');
    expect(problem.fix).toContain('each removal needs quote, kind');
  });

  it('refuses a restored gap without a source, at the gap', () => {
    const problem = problemIn(
      `${HEAD}${DOCUMENT}gaps:\n  - after: the economy of\n    status: restored\n    missing: a figure\n    value: '170'\n    reason: cut\n`,
    );
    expect(problem).toMatchObject({ line: 14, rule: 'edition-schema' });
    expect(problem.message).toContain('a restored gap needs both `value` and `source`');
  });

  it('refuses a quote that is not in the witness, naming the quote, the field and the witness', () => {
    const problem = problemIn(
      `${HEAD}${DOCUMENT.replace('begins: The Harvest of the Year', 'begins: The Harvest of 1933')}`,
    );
    expect(problem).toMatchObject({
      file: 'test.edition.yaml',
      line: 11,
      column: 13,
      rule: 'quote-not-found',
    });
    expect(problem.message).toBe(
      'Unexpected quote “The Harvest of 1933” at `documents.0.begins`: it is not in the witness test.txt, expected an exact quote of the witness',
    );
  });

  it('refuses a quote that occurs more than once unless told to take all', () => {
    const problem = problemIn(
      `${HEAD}${DOCUMENT}removals:\n  - { quote: best tractor facts, kind: keyword-spam, reason: spam }\n`,
    );
    expect(problem).toMatchObject({ line: 14, rule: 'quote-ambiguous' });
    expect(problem.message).toContain('it occurs 2 times in the witness (lines 1, 7)');
    expect(problem.fix).toContain('occurrences: all');
  });

  it('refuses a gap placed in removed text', () => {
    const problem = problemIn(
      `${HEAD}${DOCUMENT}gaps:\n  - { after: best tractor, status: unresolved, missing: a word, reason: test }\n`,
    );
    expect(problem.rule).toBe('quote-ambiguous');
    const outside = problemOf(() =>
      ingestText(
        WITNESS.replace('best tractor facts', 'one tractor line'),
        `${HEAD}${DOCUMENT}gaps:\n  - { after: one tractor, status: unresolved, missing: a word, reason: test }\n`,
      ),
    );
    expect(outside).toMatchObject({ line: 14, rule: 'gap-outside-text' });
  });
});
