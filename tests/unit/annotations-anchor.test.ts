import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { backLinkText, renderNoteBody } from '../../src/lib/annotations/note-markup.ts';
import {
  type AnchoredNote,
  type RehypeAnchorNotesOptions,
  rehypeAnchorNotes,
} from '../../src/lib/annotations/rehype-anchor-notes.ts';
import { findTextQuote } from '../../src/lib/annotations/text-quote.ts';
import { markdownToHast } from '../../src/lib/markdown/pipeline.ts';
import type { NoteTarget } from '../../src/lib/schema/annotation.ts';
import { problemOf } from './support/problem-of.ts';

/*
 * The marginal notes anchored in a passage's tree: the quote found once, the link and the note's
 * markup, and each refusal. One file: the cases share the note() fixture and the site's pipeline.
 */

/** The target of each note made by note(), for the back link the note's markup ends with. */
const targets = new Map<string, Omit<NoteTarget, 'passage'>>();

/** A note on passage "p" (¶ 3), as the build hands it to the plugin. */
function note(id: string, number: number, target: Omit<NoteTarget, 'passage'>): AnchoredNote {
  targets.set(id, target);
  return {
    id,
    number,
    file: `content/annotations/${id}.md`,
    at: { passage: { line: 4, column: 12 }, quote: { line: 5, column: 10 } },
    kind: 'person',
    title: `Title ${id}`,
    target: { passage: 'p', ...target },
    body: renderNoteBody('Text of the *note*.'),
    sources: [{ title: 'A Source', url: 'https://example.org/a' }],
    passageN: 3,
    related: [],
  };
}

/** Renders a passage's Markdown as the site does (src/lib/markdown/pipeline.ts), with the plugin in it. */
function renderWith(
  options: RehypeAnchorNotesOptions,
  markdown: string,
  frontmatter: Record<string, unknown> = { id: 'p' },
): string {
  const processor = unified().use(rehypeAnchorNotes, options).use(rehypeStringify);
  const file = { path: '/site/content/passages/essay/p.md', cwd: '/site', data: { astro: { frontmatter } } };
  return processor.stringify(processor.runSync(markdownToHast(markdown), file));
}

function render(markdown: string, notes: AnchoredNote[], frontmatter?: Record<string, unknown>): string {
  return renderWith({ notes }, markdown, frontmatter);
}

const ref = (id: string, n: number, words: string) =>
  `<a class="note-ref" href="#note-${id}" id="ref-${id}" data-n="${n}">${words}</a>`;

/** The note after its paragraph: its short text is all in the summary, under the title, and in the note opened. */
const aside = (id: string, n: number) =>
  `<aside class="note" id="note-${id}" role="note"><details>` +
  `<summary><span class="note-n">${n}</span> <b>Title ${id}</b><span class="ng"><br>Text of the <em>note</em>.</span></summary>` +
  '<p>Text of the <em>note</em>.</p>' +
  '<p class="note-src">Source: <a href="https://example.org/a">A Source</a></p>' +
  `<p><a href="#ref-${id}">${backLinkText({ passageN: 3, target: targets.get(id) ?? { quote: '' } })}</a></p>` +
  '</details></aside>';

describe('rehypeAnchorNotes', () => {
  it('turns the quoted words into a link to the note and puts the note, with its back link, after the paragraph', () => {
    expect(render('Zinoviev and Kamenev are no fools.', [note('kamenev', 2, { quote: 'Kamenev' })])).toBe(
      `<p>Zinoviev and ${ref('kamenev', 2, 'Kamenev')} are no fools.</p>${aside('kamenev', 2)}`,
    );
  });

  it('puts several notes of a paragraph after it in reading order, whatever order they come in', () => {
    const html = render('Zinoviev and Kamenev are no fools.', [
      note('kamenev', 2, { quote: 'Kamenev' }),
      note('zinoviev', 1, { quote: 'Zinoviev' }),
    ]);
    expect(html).toBe(
      `<p>${ref('zinoviev', 1, 'Zinoviev')} and ${ref('kamenev', 2, 'Kamenev')} are no fools.</p>` +
        `${aside('zinoviev', 1)}${aside('kamenev', 2)}`,
    );
  });

  it('anchors the notes a passage brings in its frontmatter, before any the processor was given', () => {
    const own = { notes: [note('kamenev', 2, { quote: 'Kamenev' })] };
    const given = { notes: [note('zinoviev', 1, { quote: 'Zinoviev' })] };
    const processor = unified().use(rehypeAnchorNotes).use(rehypeStringify);
    const file = (frontmatter: Record<string, unknown>) => ({ data: { astro: { frontmatter } } });
    const tree = markdownToHast('Zinoviev and Kamenev are no fools.');
    // No options at all: the passage's own notes are all there is.
    expect(processor.stringify(processor.runSync(tree, file({ id: 'p', anchor: own })))).toBe(
      `<p>Zinoviev and ${ref('kamenev', 2, 'Kamenev')} are no fools.</p>${aside('kamenev', 2)}`,
    );
    expect(renderWith(given, 'Zinoviev and Kamenev are no fools.', { id: 'p', anchor: own })).toBe(
      `<p>Zinoviev and ${ref('kamenev', 2, 'Kamenev')} are no fools.</p>${aside('kamenev', 2)}`,
    );
  });

  it('leaves Markdown alone that is not a passage, or a passage without notes', () => {
    const notes = [note('kamenev', 1, { quote: 'Kamenev' })];
    expect(render('Kamenev.', notes, { kind: 'person' })).toBe('<p>Kamenev.</p>');
    expect(render('Kamenev.', notes, { id: 'other' })).toBe('<p>Kamenev.</p>');
  });

  it('stops with the annotation file, the quote and the passage when the quote is not found', () => {
    expect(
      problemOf(() => render('Zinoviev and Kamenev.', [note('stalin', 1, { quote: 'Stalin' })])),
    ).toEqual({
      file: 'content/annotations/stalin.md',
      line: 5,
      column: 10,
      rule: 'note-quote-not-found',
      message:
        'Unexpected quote “Stalin” not found in passage "p" (content/passages/essay/p.md), expected words of the passage as displayed',
      fix: 'copy the words from the passage; editorial brackets such as […] are part of the text, Markdown markup is not',
    });
  });

  it('stops when the quote is found more than once, offering a prefix or suffix for each occurrence', () => {
    const markdown =
      'Lenin as early as \\[…] warned Zinoviev by letter: \\[…] Lenin liked to call a spade a spade.';
    expect(problemOf(() => render(markdown, [note('gap', 1, { quote: '[…]' })]))).toEqual({
      file: 'content/annotations/gap.md',
      line: 5,
      column: 10,
      rule: 'note-quote-ambiguous',
      message: 'Unexpected quote “[…]” found twice in passage "p", expected exactly one match',
      fix: 'add `prefix:` (the words just before) or `suffix:` (the words just after) to pick one: 1. prefix “Lenin as early as ” or suffix “ warned Zinoviev by ”; 2. prefix “Zinoviev by letter: ” or suffix “ Lenin liked to call”',
    });
  });

  it('picks one of several occurrences by its prefix or its suffix', () => {
    const markdown = 'Lenin as early as \\[…] warned by letter: \\[…] Lenin liked it.';
    expect(render(markdown, [note('year', 1, { quote: '[…]', prefix: 'as early as ' })])).toBe(
      `<p>Lenin as early as ${ref('year', 1, '[…]')} warned by letter: […] Lenin liked it.</p>${aside('year', 1)}`,
    );
    expect(render(markdown, [note('letter', 1, { quote: '[…]', suffix: ' Lenin liked' })])).toBe(
      `<p>Lenin as early as […] warned by letter: ${ref('letter', 1, '[…]')} Lenin liked it.</p>${aside('letter', 1)}`,
    );
    expect(render(markdown, [note('lenin', 1, { quote: 'Lenin', prefix: '[…] ', suffix: ' liked' })])).toBe(
      `<p>Lenin as early as […] warned by letter: […] ${ref('lenin', 1, 'Lenin')} liked it.</p>${aside('lenin', 1)}`,
    );
  });

  it('stops when the prefix or suffix fits none of the occurrences', () => {
    const problem = problemOf(() =>
      render('Lenin warned. Lenin liked it.', [note('lenin', 1, { quote: 'Lenin', suffix: ' wrote' })]),
    );
    expect(problem.rule).toBe('note-quote-not-found');
    expect(problem.message).toBe(
      'Unexpected suffix “ wrote” around quote “Lenin” in passage "p" (content/passages/essay/p.md): the quote occurs twice, but never with that context',
    );
  });

  it('matches a quote across inline markup and keeps the markup well nested around the link', () => {
    const markdown = 'Zinoviev and *Kamenev* are no fools.';
    expect(render(markdown, [note('both', 1, { quote: 'and Kamenev are' })])).toBe(
      `<p>Zinoviev ${ref('both', 1, 'and <em>Kamenev</em> are')} no fools.</p>${aside('both', 1)}`,
    );
    expect(render(markdown, [note('part', 1, { quote: 'and Kame' })])).toBe(
      `<p>Zinoviev ${ref('part', 1, 'and <em>Kame</em>')}<em>nev</em> are no fools.</p>${aside('part', 1)}`,
    );
    expect(render(markdown, [note('inside', 1, { quote: 'amen' })])).toBe(
      `<p>Zinoviev and <em>K${ref('inside', 1, 'amen')}ev</em> are no fools.</p>${aside('inside', 1)}`,
    );
    expect(render(markdown, [note('whole', 1, { quote: 'Kamenev' })])).toBe(
      `<p>Zinoviev and ${ref('whole', 1, '<em>Kamenev</em>')} are no fools.</p>${aside('whole', 1)}`,
    );
  });

  it('matches the text as displayed: escapes resolved, a line break read as a space', () => {
    expect(render('the economy of \\[…]\nmillion people', [note('gap', 1, { quote: '[…] million' })])).toBe(
      `<p>the economy of ${ref('gap', 1, '[…]\nmillion')} people</p>${aside('gap', 1)}`,
    );
  });

  it('puts the note after the paragraph of the passage that holds the quote', () => {
    expect(render('First paragraph.\n\nSecond paragraph.', [note('second', 1, { quote: 'Second' })])).toBe(
      `<p>First paragraph.</p>\n<p>${ref('second', 1, 'Second')} paragraph.</p>${aside('second', 1)}`,
    );
  });

  it('stops when two notes quote overlapping words, or a quote runs into a link', () => {
    const overlap = problemOf(() =>
      render('Zinoviev and Kamenev.', [
        note('a', 1, { quote: 'Zinoviev and' }),
        note('b', 2, { quote: 'and Kamenev' }),
      ]),
    );
    expect(overlap.file).toBe('content/annotations/b.md');
    expect(overlap.message).toBe(
      'Unexpected quote “and Kamenev” overlapping the quote of content/annotations/a.md in passage "p", expected each note to anchor to words of its own',
    );
    const link = problemOf(() =>
      render('See [the archive](https://example.org) now.', [note('a', 1, { quote: 'archive now' })]),
    );
    expect(link.rule).toBe('note-quote-in-link');
  });
});

describe('a note’s markup', () => {
  const long = (body: string, extra: Partial<AnchoredNote> = {}): AnchoredNote => ({
    ...note('nikolaev', 4, { quote: 'Nikolaiev' }),
    title: 'Leonid Nikolaev (1904–1934)',
    body: renderNoteBody(body),
    ...extra,
  });
  const summaryAndRest = (html: string) => ({
    summary: /<summary>(.*?)<\/summary>/s.exec(html)?.[1],
    opened: /<\/summary>(.*?)<p class="note-src">/s.exec(html)?.[1],
  });

  it('shows the title and the first words, cut between two words, in the summary, and the whole text when opened', () => {
    const html = render('the terrorist act of Nikolaiev, Stalin replies', [
      long(
        'Kirov\'s killer ("Nikolaiev" here) was a young Leningrad Communist, expelled from the party and out of work.\n\nHe was shot.',
      ),
    ]);
    expect(summaryAndRest(html)).toEqual({
      summary:
        '<span class="note-n">4</span> <b>Leonid Nikolaev (1904–1934)</b><span class="ng"><br>Kirov\'s killer ("Nikolaiev" here) was a young Leningrad</span>',
      opened:
        '<p>Kirov\'s killer ("Nikolaiev" here) was a young Leningrad Communist, expelled from the party and out of work.</p><p>He was shot.</p>',
    });
  });

  it('never stops the first words inside a date, a name’s initials or a link', () => {
    const date = render('Nikolaiev', [
      long('Late in the afternoon of the first day of winter, on 1 December 1934 Leonid Nikolaev came up.'),
    ]);
    expect(summaryAndRest(date).summary).toContain('<br>Late in the afternoon of the first day of winter,');
    const initials = render('Nikolaiev', [
      long('The Communist League of America, the group led by James P. Cannon and Max Shachtman, merged.'),
    ]);
    expect(summaryAndRest(initials).summary).toContain('<br>The Communist League of America,');
    const link = render('Nikolaiev', [
      long('See [the page](https://example.org) for the long story of it all.'),
    ]);
    expect(summaryAndRest(link).summary).toBe(
      '<span class="note-n">4</span> <b>Leonid Nikolaev (1904–1934)</b><span class="ng"><br>See</span>',
    );
  });

  it('links the timeline events it relates to, and names the paragraph and words in its back link', () => {
    const html = renderWith(
      {
        notes: [{ ...note('nikolaev', 4, { quote: 'Nikolaiev' }), related: ['kirov-assassinated'] }],
        timeline: {
          href: '/timeline/',
          titles: { 'kirov-assassinated': 'Kirov assassinated in the Smolny' },
        },
      },
      'the act of Nikolaiev',
    );
    expect(html).toContain(
      '<p>Timeline: <a href="/timeline/#kirov-assassinated">Kirov assassinated in the Smolny</a></p>' +
        '<p><a href="#ref-nikolaev">Back to ¶ 3, “Nikolaiev”</a></p></details>',
    );
    expect(
      backLinkText({
        passageN: 12,
        target: { quote: 'the bureaucratic\ncentrism of the Stalinist faction in the party' },
      }),
    ).toBe('Back to ¶ 12, “the bureaucratic centrism of the…”');
    // Two gaps in one paragraph: each back link names the words that pick its gap.
    expect(backLinkText({ passageN: 51, target: { quote: '[…]', prefix: 'Lenin as early as ' } })).toBe(
      'Back to ¶ 51, “early as […]”',
    );
    expect(backLinkText({ passageN: 51, target: { quote: '[…]', prefix: 'by letter: ' } })).toBe(
      'Back to ¶ 51, “by letter: […]”',
    );
    expect(backLinkText({ passageN: 1, target: { quote: 'Zinoviev', suffix: ' and Kamenev are' } })).toBe(
      'Back to ¶ 1, “Zinoviev and Kamenev”',
    );
  });
});

describe('a gap marker', () => {
  it('is named by its gap, and so is the link back to it', () => {
    const gap = {
      ...note('lost', 7, { quote: '[…]' }),
      kind: 'gap' as const,
      title: '[…]: words dropped without a trace',
    };
    const html = render('[…] Such a conclusion would be one-sided.', [gap]);
    expect(html).toContain(
      '<a class="note-ref" href="#note-lost" id="ref-lost" data-n="7" aria-label="Gap 7: words dropped without a trace">[…]</a>',
    );
    expect(html).toContain('<a href="#ref-lost">Back to gap 7 in ¶ 3</a>');
    // A year the edition supplies is read as the words it is: "[1911]", with its note's number.
    const year = {
      ...note('year', 26, { quote: '[1911]' }),
      kind: 'gap' as const,
      title: '[1911]: a year supplied',
    };
    const supplied = render('written in [1911] in Vienna', [year]);
    expect(supplied).toContain('<a class="note-ref" href="#note-year" id="ref-year" data-n="26">[1911]</a>');
    expect(supplied).toContain('Back to ¶ 3, “[1911]”');
  });
});

describe('findTextQuote', () => {
  it('reads a run of white space in the text or the quote as one space', () => {
    expect(findTextQuote('no\n  fools', { exact: 'no fools' }).matches).toEqual([{ start: 0, end: 10 }]);
    expect(findTextQuote('no fools', { exact: 'no\nfools' }).matches).toEqual([{ start: 0, end: 8 }]);
  });
});
