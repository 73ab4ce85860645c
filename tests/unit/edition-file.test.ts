import { describe, expect, it } from 'vitest';
import { ingestText } from './support/kirov.ts';
import { problemOf } from './support/problem-of.ts';

/*
 * The edition file: every kind of decision (removal, retained, heading, gap, document) as the ingest
 * applies it, and every refusal with its line. One file on purpose: the cases share one made-up witness.
 */

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

describe('the edition file refuses what would silently lose or destroy text', () => {
  it.each([
    {
      when: 'a quote that is not in the witness, naming the quote, the field and the witness',
      edition: `${HEAD}${DOCUMENT.replace('begins: The Harvest of the Year', 'begins: The Harvest of 1933')}`,
      problem: {
        line: 11,
        column: 13,
        rule: 'quote-not-found',
        message:
          'Unexpected quote “The Harvest of 1933” at `documents.0.begins`: it is not in the witness test.txt, expected an exact quote of the witness',
        fix: 'copy the words from the witness exactly (quotation marks, dashes and apostrophes must match); line breaks may be written as spaces',
      },
    },
    {
      when: 'a blank quote, which would match between every two characters',
      edition: `${HEAD}${DOCUMENT}removals:\n  - { quote: '     ', occurrences: all, kind: keyword-spam, reason: typo }\n`,
      problem: {
        line: 14,
        column: 14,
        rule: 'edition-schema',
        message:
          'Unexpected value at `removals.0.quote`: expected a quote of at least 3 characters besides spaces (a blank quote matches everywhere)',
        fix: 'copy at least three characters of the witness’s words into the quote (a whole phrase is safest)',
      },
    },
  ])('refuses $when, at its line and column, with the fix', ({ edition, problem }) => {
    expect(problemIn(edition)).toEqual({ file: 'test.edition.yaml', ...problem });
  });

  it('refuses a quote of punctuation alone and a removal that cuts a word', () => {
    expect(
      problemIn(
        `${HEAD}${DOCUMENT}removals:\n  - { quote: '. . .', occurrences: all, kind: keyword-spam, reason: x }\n`,
      ).message,
    ).toBe(
      'Unexpected value at `removals.0.quote`: expected words of the witness (a quote of punctuation alone matches everywhere)',
    );
    const cut = problemIn(
      `${HEAD}${DOCUMENT}removals:\n  - { quote: ractor fac, occurrences: all, kind: keyword-spam, reason: x }\n`,
    );
    expect(cut).toMatchObject({ line: 14, rule: 'quote-cuts-word' });
    expect(cut.fix).toBe('quote whole words (a removal takes words out of the text, never parts of a word)');
  });

  it('refuses an unknown field, with the field it was probably meant to be', () => {
    const satus = problemIn(
      `${HEAD}${DOCUMENT}headings:\n  - quote: The Harvest of the Year\n    satus: rejected\n    reason: not a heading\n`,
    );
    expect(satus).toMatchObject({ line: 15, column: 5, rule: 'edition-unknown-field' });
    expect(satus.message).toBe(
      'Unexpected field `headings.0.satus` (did you mean `status`?), expected only `quote`, `status`, `reason`',
    );
    expect(satus.fix).toBe(
      'rename it to `status`; a field the ingest does not know would be ignored, so it is refused',
    );
    const otherTitle = problemIn(
      `${HEAD}${DOCUMENT.replace('    title: A Report\n', '    title: A Report\n    otherTitle: [The Report]\n')}`,
    );
    expect(otherTitle.message).toMatch(
      /^Unexpected field `documents\.0\.otherTitle` \(did you mean `otherTitles`\?\)/u,
    );
    const notes = problemIn(`${HEAD}${DOCUMENT}notes:\n  - a note\n`);
    expect(notes).toMatchObject({ line: 13, column: 1, rule: 'edition-unknown-field' });
    expect(notes.message).toBe(
      'Unexpected field `notes`, expected only `edition`, `documents`, `headings`, `removals`, `retained`, `gaps`',
    );
  });

  it('refuses a restored gap whose source is blank', () => {
    const problem = problemIn(
      `${HEAD}${DOCUMENT}gaps:\n  - after: the economy of\n    status: restored\n    missing: a figure\n    value: '170'\n    source: ' '\n    reason: cut\n`,
    );
    expect(problem).toMatchObject({ line: 18, rule: 'edition-schema' });
    expect(problem.message).toBe(
      'Unexpected value at `gaps.0.source`: expected text, not an empty or blank string',
    );
  });

  it('refuses a heading inside removed text, and one outside every document', () => {
    const overlap = problemIn(
      `${HEAD}${DOCUMENT}headings:\n  - { quote: The Harvest of the Year, reason: a title }\nremovals:\n  - { quote: The Harvest of the Year The harvest, kind: web-title, reason: a title }\n`,
    );
    expect(overlap).toMatchObject({ line: 14, column: 14, rule: 'heading-in-removal' });
    expect(overlap.message).toBe(
      'Unexpected heading “The Harvest of the Year” inside removed text, the web-title removal “The Harvest of the Year The harvest” (witness line 3), expected a heading in the kept text',
    );
    expect(overlap.fix).toBe(
      'remove the heading, or narrow the removal’s quote so that it no longer covers the heading',
    );
    const outside = problemOf(() =>
      ingestText(
        `${WITNESS}\n\nAn Appendix The closing words come after the document ends.`,
        `${HEAD}${DOCUMENT}headings:\n  - { quote: An Appendix, reason: a title }\n`,
      ),
    );
    expect(outside).toMatchObject({ line: 14, rule: 'heading-in-removal' });
    expect(outside.fix).toContain('the heading lies outside every document');
  });

  it('refuses a document source URL that is not http(s)', () => {
    const problem = problemIn(`${HEAD}${DOCUMENT.replace('url: null', 'url: "javascript:alert(1)"')}`);
    expect(problem).toMatchObject({ line: 10, rule: 'edition-schema' });
    expect(problem.fix).toBe(
      'write the archive page’s web address (https://…), or `url: null` when it is not known',
    );
    expect(problem.message).toContain('`documents.0.source.url`: expected an absolute http(s) URL');
  });

  it('refuses a YAML alias bomb without expanding it', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    const problem = problemIn(`${HEAD}${bomb}\n`);
    expect(problem).toMatchObject({ line: 3, column: 8, rule: 'yaml-aliases' });
    expect(problem.fix).toBe(
      'write each value out instead of repeating it through anchors (&name) and aliases (*name)',
    );
  });
});

describe('each kind of decision in the edition file', () => {
  const edition = (decisions: string) => `${HEAD}${DOCUMENT}${decisions}`;
  /** The ingest of the witness with the test document and these decisions. */
  const decide = (decisions: string, witness = WITNESS) => ingestText(witness, edition(decisions));

  it('`retained` keeps the text of the heuristic removal it quotes, and only that one', () => {
    const witness = WITNESS.replace(
      'The cooperatives paid their members in kind. ',
      'Kirov is dead.\n\nThe cooperatives paid their members in kind.\n\nKirov is dead.\n\n',
    );
    const heuristic = decide('', witness);
    expect(heuristic.passages.map((p) => p.text)).not.toContain('Kirov is dead.');

    const result = decide(
      `retained:\n  - { quote: Kirov is dead. The cooperatives, reason: the essay's own sentence }\n`,
      witness,
    );
    expect(result.passages.map((p) => p.text)).toEqual([
      'The harvest, however, was poor in 1933.',
      'Kirov is dead.',
      'The cooperatives paid their members in kind.',
      'The plan for the economy of […] million people failed.',
    ]);
    expect(
      result.ledger.removals.map((r) => [r.text, r.kind, r.origin, r.confirmed, r.witness.start.line]),
    ).toEqual([
      ['best tractor facts', 'keyword-spam', 'heuristic', false, 1],
      ['Kirov is dead.', 'keyword-spam', 'heuristic', false, 9],
      ['best tractor facts', 'keyword-spam', 'heuristic', false, 13],
    ]);
    expect(result.report).toContain(
      "L5:1      overruled removal “Kirov is dead.” kept by the edition file — the essay's own sentence",
    );
  });

  it('a removal no heuristic found is the edition’s own, and overlapping removals become one', () => {
    const result = decide(
      'removals:\n' +
        '  - { quote: paid their members in kind., kind: web-title, reason: a caption }\n' +
        '  - { quote: The cooperatives paid, kind: navigation, reason: a menu run into the text }\n',
    );
    expect(result.passages.map((p) => p.text)).toEqual([
      'The harvest, however, was poor in 1933.',
      'The plan for the economy of […] million people failed.',
    ]);
    const removal = result.ledger.removals.find((r) => r.origin === 'edition');
    // The merged removal keeps the kind and reason of the longer of the two.
    expect(removal).toMatchObject({
      text: 'The cooperatives paid their members in kind.',
      kind: 'web-title',
      reason: 'a caption',
      confirmed: true,
      witness: { start: { line: 5, column: 1 }, end: { line: 5, column: 45 } },
    });
    expect(result.report).toContain(
      'L5:1      remove    web-title [edition] “The cooperatives paid their members in kind.” — a caption',
    );
  });

  it('a rejected heading stays in the text, and is reported as overruled', () => {
    const result = decide(
      'headings:\n  - { quote: The Harvest of the Year, status: rejected, reason: the first words }\n',
    );
    expect(result.ledger.headings).toEqual([]);
    expect(result.passages.map((p) => [p.frontmatter.section, p.text])[0]).toEqual([
      null,
      'The Harvest of the Year The harvest, however, was poor in 1933.',
    ]);
    expect(result.report).toContain(
      'L3:1      overruled heading “The Harvest of the Year” kept by the edition file — the first words',
    );
  });

  it('a heading no heuristic found is the edition’s own', () => {
    const result = decide('headings:\n  - { quote: The cooperatives paid, reason: a section title }\n');
    expect(result.ledger.headings.map((h) => [h.text, h.origin, h.confirmed])).toEqual([
      ['The Harvest of the Year', 'heuristic', false],
      ['The cooperatives paid', 'edition', true],
    ]);
    expect(result.passages.map((p) => [p.frontmatter.section, p.text])[1]).toEqual([
      'The cooperatives paid',
      'their members in kind. The plan for the economy of […] million people failed.',
    ]);
  });

  it('a rejected gap is marked nowhere, and a gap no heuristic found is the edition’s own', () => {
    const result = decide(
      'gaps:\n' +
        '  - { after: the economy of, status: rejected, reason: the count is given elsewhere }\n' +
        '  - { after: paid their members, status: unresolved, missing: a word, reason: a word is lost }\n',
    );
    expect(result.passages[1]?.text).toBe(
      'The cooperatives paid their members […] in kind. The plan for the economy of million people failed.',
    );
    expect(result.ledger.gaps).toEqual([
      {
        id: 'the-cooperatives-paid-their-members-in-gap-1',
        passage: 'the-cooperatives-paid-their-members-in',
        document: 'report',
        kind: 'editorial',
        missing: 'a word',
        marker: '[…]',
        status: 'unresolved',
        value: null,
        source: null,
        reason: 'a word is lost',
        origin: 'edition',
        confirmed: true,
        evidence: 'paid their members',
        witness: { line: 5, column: 37, offset: expect.any(Number) },
      },
      {
        id: 'rejected-gap-2',
        passage: null,
        document: null,
        kind: 'orphan-magnitude',
        missing: 'a figure',
        marker: null,
        status: 'rejected',
        value: null,
        source: null,
        reason: 'the count is given elsewhere',
        origin: 'heuristic',
        confirmed: true,
        evidence: 'of million',
        witness: { line: 5, column: 74, offset: expect.any(Number) },
      },
    ]);
  });

  it('refuses a document that ends before it begins, two that overlap, and two with one id', () => {
    const swapped = problemIn(
      `${HEAD}${DOCUMENT.replace('begins: The Harvest of the Year', 'begins: The cooperatives paid').replace('ends: people failed.', 'ends: was poor in 1933.')}`,
    );
    expect(swapped).toMatchObject({ line: 12, column: 11, rule: 'document-order' });
    expect(swapped.message).toBe(
      'Unexpected `ends` quote of document “report” before its `begins` quote, expected it after',
    );
    const second = DOCUMENT.replace('documents:\n', '')
      .replace('id: report', 'id: annex')
      .replace('begins: The Harvest of the Year', 'begins: The cooperatives paid');
    const overlap = problemIn(`${HEAD}${DOCUMENT}${second}`);
    expect(overlap).toMatchObject({ line: 21, rule: 'document-overlap' });
    expect(overlap.message).toBe(
      'Unexpected overlap: document “annex” begins inside document “report”, expected documents one after another',
    );
    const twice = problemIn(`${HEAD}${DOCUMENT}${second.replace('id: annex', 'id: report')}`);
    expect(twice).toMatchObject({ line: 13, rule: 'duplicate-document' });
    expect(twice.message).toBe('Unexpected second document with id “report”, expected unique ids');
  });
});

describe('without an edition file', () => {
  it('each stretch between licence notices that holds text is a document of its own', () => {
    const result = ingestText(
      `${WITNESS}\n\nSome Archive. You may freely copy, distribute and display this work. Please credit "Some Archive" as your source.\n\nA second text follows here. It speaks of the farms.`,
    );
    expect(result.ledger.documents.map((d) => [d.id, d.title, d.passages])).toEqual([
      ['document-1', 'Document 1', 2],
      ['document-2', 'Document 2', 1],
    ]);
    expect(result.passages.map((p) => [p.frontmatter.document, p.text])[2]).toEqual([
      'document-2',
      'A second text follows here. It speaks of the farms.',
    ]);
  });
});
