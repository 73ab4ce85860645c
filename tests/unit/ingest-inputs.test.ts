import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded } from '../../scripts/lib/read-bounded.ts';
import { ContentError } from '../../src/lib/content-error.ts';
import { EDITION_FILE, WITNESS_FILE } from '../../src/lib/content-paths.ts';
import { ingest, projectCopy } from './support/ingest-run.ts';
import { printedProblem } from './support/problem-of.ts';
import { scratchDir } from './support/scratch-dir.ts';

/*
 * What the ingest does with hostile input files: files that never end or never start (devices, FIFOs),
 * files over its limits, values over their limits, repeated decisions, quotes that differ from the
 * witness only in Unicode normalisation, and an output folder reached through a symlink. Each refusal
 * names the file, the position and the fix, and writes nothing.
 */

const PAGE =
  'The stations lent tractors to the farms.\n\nBy the end of the plan there were thousands of them.\n';

function scratchPage(): string {
  const dir = scratchDir('kirov-inputs-');
  writeFileSync(join(dir, 'page.txt'), PAGE);
  return dir;
}

function fifo(dir: string, name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

/** The edition file of a project copy, with `edit` applied. */
function editEdition(dir: string, edit: (text: string) => string): string {
  const path = join(dir, EDITION_FILE);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return path;
}

/** The 1-based line of the first line of `text` that contains `part`. */
const lineOf = (text: string, part: string) => text.slice(0, text.indexOf(part)).split('\n').length;

describe('the ingest’s input files', { timeout: 20_000 }, () => {
  it('refuses /dev/zero and a FIFO as the witness without reading them, and writes nothing', () => {
    const dir = scratchPage();
    const zero = ingest(['/dev/zero', '--out', 'out'], dir);
    expect([zero.code, zero.stdout]).toEqual([2, '']);
    expect(printedProblem(zero.stderr)).toMatchObject({ file: '/dev/zero', rule: 'witness-not-a-file' });
    expect(zero.stderr).toContain('device');
    fifo(dir, 'pipe.txt');
    // A FIFO with no writer: opened for reading as a file, it would wait for one forever.
    const pipe = ingest(['pipe.txt', '--out', 'out'], dir);
    expect([pipe.code, pipe.stdout]).toEqual([2, '']);
    expect(printedProblem(pipe.stderr)).toMatchObject({ file: 'pipe.txt', rule: 'witness-not-a-file' });
    expect(pipe.stderr).toContain('named pipe (FIFO)');
    expect(ingest(['.', '--out', 'out'], dir).stderr).toContain(
      'Unexpected folder as the witness, expected a regular file',
    );
    expect(readdirSync(dir).sort()).toEqual(['page.txt', 'pipe.txt']);
  });

  it('refuses /dev/zero and a FIFO as the edition file', () => {
    const dir = scratchPage();
    fifo(dir, 'pipe.yaml');
    for (const edition of ['/dev/zero', 'pipe.yaml']) {
      const run = ingest(['page.txt', '--edition', edition, '--out', 'out'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `^ingest: ${edition}:1:1: Unexpected (device|named pipe \\(FIFO\\)) as the edition file, expected a regular file; nothing was read \\[edition-not-a-file\\]\n`,
          'u',
        ),
      );
    }
    expect(readdirSync(dir).sort()).toEqual(['page.txt', 'pipe.yaml']);
  });

  it('refuses a witness over 16 MiB before reading it, with sizes that differ', () => {
    const dir = scratchPage();
    writeFileSync(join(dir, 'sparse.txt'), '');
    truncateSync(join(dir, 'sparse.txt'), 1024 ** 3);
    expect(ingest(['sparse.txt', '--out', 'out'], dir).stderr).toContain(
      'sparse.txt:1:1: Unexpected witness of 1024 MiB, expected at most 16 MiB: the ingest needs up to 80 bytes',
    );
    truncateSync(join(dir, 'sparse.txt'), 16 * 1024 ** 2 + 1);
    expect(ingest(['sparse.txt', '--out', 'out'], dir).stderr).toContain(
      'Unexpected witness of 16.000001 MiB, expected at most 16 MiB',
    );
  });

  it('stops reading a file that is longer than its size said, one byte past the limit', () => {
    // A file of /proc says it is empty and has content: as a file growing while it is read.
    const problem = (() => {
      try {
        readBounded('/proc/self/status', {
          file: 'status',
          what: 'witness',
          rule: 'witness',
          max: 100,
          why: 'test',
          fix: 'test',
        });
      } catch (error) {
        if (error instanceof ContentError) return error.problem;
      }
      throw new Error('expected a refusal');
    })();
    expect(problem.message).toBe(
      'Unexpected witness that grew past 100 bytes while it was read, expected at most 100 bytes: test',
    );
  });

  it('refuses an edition file of 30 MB at the line and column where it passes 1 MiB', () => {
    const dir = projectCopy();
    const path = editEdition(dir, (text) =>
      text.replace(
        'reason: the search phrase the page was built for',
        `reason: ${'the search phrase '.repeat((30 * 1024 * 1024) / 18)}`,
      ),
    );
    const before = readFileSync(join(dir, 'content/apparatus/ledger.json'), 'utf8');
    const text = readFileSync(path, 'utf8');
    const line = lineOf(text, 'reason: the search phrase the search');
    // Where the 1 MiB-th byte is: the line is ASCII, so its column is its distance in bytes from the line's start.
    const column = 1024 * 1024 - Buffer.from(text).lastIndexOf(10, 1024 * 1024);
    const run = ingest([], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `ingest: content/source/kirov-scrape.edition.yaml:${line}:${column}: Unexpected edition file of 30.0`,
    );
    expect(run.stderr).toContain('expected at most 1 MiB (it passes that size here)');
    expect(readFileSync(join(dir, 'content/apparatus/ledger.json'), 'utf8')).toBe(before);
  });

  it('refuses a reason over 4,000 characters at its line and column', () => {
    const dir = projectCopy();
    const path = editEdition(dir, (text) =>
      text.replace(/reason: the search phrase the page was built for.*/u, `reason: ${'word '.repeat(1000)}x`),
    );
    const line = lineOf(readFileSync(path, 'utf8'), 'reason: word word');
    const run = ingest([], dir);
    expect(run.code).toBe(2);
    expect(printedProblem(run.stderr)).toMatchObject({
      file: 'content/source/kirov-scrape.edition.yaml',
      line,
      column: 13,
      rule: 'edition-schema',
    });
    // The field, its length and the limit.
    expect(run.stderr).toContain('`removals.0.reason` of 5001 characters');
    expect(run.stderr).toContain('at most 4000 characters');
  });

  it('refuses a second decision on the same quote, naming both positions', () => {
    const dir = projectCopy();
    const heading =
      '  - quote: The Dual Role of the Bureaucracy\n    reason: title-case phrase run into the next sentence without a full stop; wording not checked against a printed text\n';
    const path = editEdition(dir, (text) => text.replace(heading, heading.repeat(3)));
    const first = lineOf(readFileSync(path, 'utf8'), heading);
    const run = ingest([], dir);
    expect(run.code).toBe(2);
    expect(printedProblem(run.stderr)).toMatchObject({
      file: 'content/source/kirov-scrape.edition.yaml',
      line: first + 2,
      column: 12,
      rule: 'duplicate-decision',
    });
    // Both positions: the second decision's, and the first's.
    expect(run.stderr).toContain(`\`headings.0\` at content/source/kirov-scrape.edition.yaml:${first}:12`);
  });

  it('names Unicode normalisation when a quote differs from the witness only in it', () => {
    const dir = projectCopy();
    const witness = join(dir, WITNESS_FILE);
    writeFileSync(
      witness,
      readFileSync(witness, 'utf8').replace('The Dual Role of', 'The Dual R\u00f4le of'),
    );
    const path = editEdition(dir, (text) =>
      text.replace('quote: The Dual Role of', 'quote: The Dual Ro\u0302le of'),
    );
    const line = lineOf(readFileSync(path, 'utf8'), 'quote: The Dual Ro');
    const run = ingest([], dir);
    expect(run.code).toBe(2);
    expect(printedProblem(run.stderr)).toMatchObject({
      file: 'content/source/kirov-scrape.edition.yaml',
      line,
      column: 12,
      rule: 'quote-normalisation',
    });
    // Which normal form each is in.
    expect(run.stderr).toContain('the quote is written in Unicode NFD, the witness in NFC');
  });
});

describe('an output folder reached through a symlink', () => {
  it('is the folder it points to: another witness is refused from content/, and no report.txt is written there', () => {
    const dir = projectCopy();
    writeFileSync(join(dir, 'page.txt'), PAGE);
    symlinkSync('content', join(dir, 'link'));
    const before = readdirSync(join(dir, 'content')).sort();
    const run = ingest(['page.txt', '--out', 'link'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "ingest: link:1:1: Unexpected witness page.txt for the edition's folder link/, which holds the passages of content/source/kirov-scrape.txt",
    );
    expect(readdirSync(join(dir, 'content')).sort()).toEqual(before);
    // The edition's own witness through the link writes content/ as content/ is written: no report.txt.
    expect(ingest(['--out', 'link'], dir).code).toBe(0);
    expect(existsSync(join(dir, 'content/report.txt'))).toBe(false);
    expect(ingest(['--check'], dir).code).toBe(0);
  });

  it('is judged by where it leads when the link is a parent folder', () => {
    const dir = projectCopy();
    writeFileSync(join(dir, 'page.txt'), PAGE);
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir), join(dir, 'elsewhere/project'));
    const run = ingest(['page.txt', '--out', 'elsewhere/project/content'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[output-is-edition]');
    expect(existsSync(join(dir, 'content/report.txt'))).toBe(false);
  });
});
