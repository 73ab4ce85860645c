import { describe, expect, it } from 'vitest';
import { decodeWitness } from '../../src/lib/witness/decode-witness.ts';
import { ingestText } from './support/kirov.ts';
import { problemOf } from './support/problem-of.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );

describe('decodeWitness', () => {
  it('refuses an empty file, naming it', () => {
    const problem = problemOf(() => decodeWitness(bytes('  \n\n '), 'page.txt'));
    expect(problem).toMatchObject({ file: 'page.txt', line: 1, column: 1, rule: 'empty-witness' });
    expect(problem.message).toBe('Unexpected empty witness, expected the text of the scraped page');
  });

  it('refuses a binary file at the line of its first NUL byte', () => {
    const problem = problemOf(() => decodeWitness(bytes('line one\nab', [0, 1, 2]), 'scan.pdf'));
    expect(problem).toMatchObject({ file: 'scan.pdf', line: 2, column: 3, rule: 'binary-witness' });
    expect(problem.fix).toContain('plain UTF-8 text');
  });

  it('refuses invalid UTF-8 at the exact line and column', () => {
    // “café” in Windows-1252: é is the lone byte 0xE9.
    const problem = problemOf(() =>
      decodeWitness(bytes('first line\nthe caf', [0xe9], ' opened'), 'latin1.txt'),
    );
    expect(problem).toMatchObject({ file: 'latin1.txt', line: 2, column: 8, rule: 'invalid-utf8' });
    expect(problem.fix).toContain('iconv');
  });

  it('accepts a real U+FFFD in the text', () => {
    expect(decodeWitness(bytes('a \uFFFD b'), 'x.txt').text).toBe('a \uFFFD b');
  });

  it('refuses an HTML page and says how to save it as text', () => {
    const problem = problemOf(() =>
      decodeWitness(
        bytes('<!DOCTYPE html>\n<html><body><p>Zinoviev and Kamenev</p></body></html>'),
        'page.html',
      ),
    );
    expect(problem).toMatchObject({ file: 'page.html', line: 1, column: 1, rule: 'html-witness' });
    expect(problem.fix).toContain('plain text');
  });

  it('accepts UTF-8 with a byte-order mark and CRLF line ends, and reports them', () => {
    const witness = decodeWitness(bytes([0xef, 0xbb, 0xbf], 'One.\r\n\r\nTwo.\r\n'), 'bom.txt');
    expect(witness).toMatchObject({ text: 'One.\r\n\r\nTwo.\r\n', byteOrderMark: true, lineEnds: 'CRLF' });
  });
});

describe('positions with a byte-order mark and CRLF', () => {
  it('still name the witness line and column of each passage', () => {
    const text = '\uFEFFFirst paragraph here.\r\n\r\nSecond paragraph, on line three.\r\n';
    const result = ingestText(text);
    expect(
      result.passages.map((p) => [
        p.text,
        p.frontmatter.witness.start.line,
        p.frontmatter.witness.start.column,
      ]),
    ).toEqual([
      ['First paragraph here.', 1, 1],
      ['Second paragraph, on line three.', 3, 1],
    ]);
    expect(result.ledger.witness).toMatchObject({ byteOrderMark: true, lineEnds: 'CRLF' });
  });
});

describe('decodeWitness on files that are text, but not as the ingest reads it', () => {
  const utf16le = (text: string, bom: boolean) =>
    Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);

  it('names UTF-16, with or without a byte-order mark, and says how to re-save it', () => {
    for (const bom of [true, false]) {
      const problem = problemOf(() =>
        decodeWitness(utf16le('Zinoviev and Kamenev are no fools.\n', bom), 'w.txt'),
      );
      expect(problem).toMatchObject({ file: 'w.txt', line: 1, column: 1, rule: 'utf16-witness' });
      expect(problem.message).toBe(
        `Unexpected UTF-16 text (little-endian${bom ? ', with a byte-order mark' : ''}), expected UTF-8`,
      );
      expect(problem.fix).toContain('re-save the file as UTF-8');
      expect(problem.fix).toContain('iconv -f UTF-16LE -t UTF-8');
    }
  });

  it('refuses CR-only line ends at the first one, with the conversion', () => {
    const problem = problemOf(() => decodeWitness(bytes('One line.\rTwo lines.\r'), 'mac.txt'));
    expect(problem).toMatchObject({ line: 1, column: 10, rule: 'cr-line-ends' });
    expect(problem.fix).toContain("tr '\\r' '\\n'");
  });

  it('reads prose that mentions <p> and </p> as text, and finds an HTML page past the first 64 KB', () => {
    const prose =
      'Wrap each paragraph in <p> and </p>. A <p> without its </p> still closes. The <div> groups them, </div> ends it.\n';
    expect(decodeWitness(bytes(prose.repeat(3)), 'how-to.txt').text).toBe(prose.repeat(3));
    const filler = 'A plain line of the scraped text, long enough to count.\n\n'.repeat(1300);
    expect(filler.length).toBeGreaterThan(65536);
    const page =
      '<div class="x"><p>One</p>\n<p>Two</p>\n<ul><li>a</li><li>b</li></ul>\n<span>c</span></div>\n'.repeat(
        400,
      );
    const problem = problemOf(() => decodeWitness(bytes(filler, page), 'tail.txt'));
    expect(problem).toMatchObject({ line: 2601, column: 1, rule: 'html-witness' });
  });

  it('refuses a witness over 16 MiB, saying why', () => {
    const problem = problemOf(() => decodeWitness(new Uint8Array(17 * 1024 * 1024).fill(0x61), 'huge.txt'));
    expect(problem).toMatchObject({ file: 'huge.txt', line: 1, column: 1, rule: 'witness-too-large' });
    expect(problem.message).toBe(
      'Unexpected witness of 17 MiB, expected at most 16 MiB: the ingest needs up to 80 bytes of memory per byte of witness, so a larger file would exhaust the memory of a build machine',
    );
  });
});
