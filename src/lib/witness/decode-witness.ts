import { createHash } from 'node:crypto';
import { ContentError } from '../content-error.ts';
import { LineIndex } from './line-index.ts';

/** The witness as the pipeline reads it: decoded text, with what was set aside to decode it. */
export interface Witness {
  /** Path of the witness file, as given to the ingest. */
  file: string;
  /** The decoded text, byte-order mark set aside, line ends untouched (positions map to the file). */
  text: string;
  byteOrderMark: boolean;
  lineEnds: 'LF' | 'CRLF' | 'mixed' | 'none';
  /** SHA-256 of the file's bytes, so the apparatus can say exactly which witness it describes. */
  sha256: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Decodes and validates a witness file. Refuses what would give a meaningless edition (an empty file,
 * binary data, broken UTF-8, an HTML page) with a message that says where and what to do instead.
 */
export function decodeWitness(bytes: Uint8Array, file: string): Witness {
  const byteOrderMark = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = byteOrderMark ? bytes.subarray(3) : bytes;
  const fail = (rule: string, text: string, offset: number, message: string, fix: string): never => {
    const { line, column } = new LineIndex(text).point(offset);
    throw new ContentError({ file, line, column, rule, message, fix });
  };

  const nul = body.indexOf(0);
  if (nul !== -1) {
    const before = utf8.decode(body.subarray(0, nul));
    fail(
      'binary-witness',
      before,
      before.length,
      `Unexpected NUL byte at byte ${nul + (byteOrderMark ? 3 : 0)}, expected a plain-text witness`,
      'this looks like a binary file (a PDF, a word-processor file, an image); export the page as plain UTF-8 text and ingest that',
    );
  }

  const text = utf8.decode(body);
  const invalid = firstInvalidUtf8(body, text);
  if (invalid !== -1) {
    fail(
      'invalid-utf8',
      text,
      invalid,
      'Unexpected byte sequence that is not UTF-8, expected UTF-8 text',
      'convert the file to UTF-8, for example `iconv -f windows-1252 -t utf-8 in.txt > out.txt`, and check the characters around this position',
    );
  }

  if (text.trim() === '') {
    fail(
      'empty-witness',
      text,
      0,
      'Unexpected empty witness, expected the text of the scraped page',
      'check that the scrape succeeded and that the path names the right file',
    );
  }

  const tag = /<(?:!doctype\s+html|html|head|body|div|p|script|span|a\s+href)\b[^>]*>/i.exec(
    text.slice(0, 65536),
  );
  const tagCount = text.slice(0, 65536).match(/<\/?[a-z][a-z0-9]*\b[^>]*>/gi)?.length ?? 0;
  if (tag && (tagCount >= 3 || /^\s*<(?:!doctype|html)/i.test(text))) {
    fail(
      'html-witness',
      text,
      tag.index,
      `Unexpected HTML markup \`${tag[0].slice(0, 40)}\`, expected the page's text`,
      'save the page as plain text (your browser’s “Save as… Text”, or `pandoc -t plain page.html`) and ingest that file',
    );
  }

  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = text.match(/\n/g)?.length ?? 0;
  const lineEnds = lf === 0 ? 'none' : crlf === lf ? 'CRLF' : crlf === 0 ? 'LF' : 'mixed';
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { file, text, byteOrderMark, lineEnds, sha256 };
}

/**
 * Offset in `text` of the first replacement character that the decoder produced for bad bytes, or -1.
 * A U+FFFD that the file really contains (EF BF BD) is not an error.
 */
function firstInvalidUtf8(bytes: Uint8Array, text: string): number {
  const encoder = new TextEncoder();
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    const byteOffset = encoder.encode(text.slice(0, i)).length;
    if (!(bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd))
      return i;
  }
  return -1;
}
