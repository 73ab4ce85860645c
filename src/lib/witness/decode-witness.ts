import { createHash } from 'node:crypto';
import { sizesApart } from '../byte-size.ts';
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
 * The largest witness the ingest accepts: 16 MiB (the CLI refuses a larger file before reading it). The ingest holds the whole witness with its spans,
 * sentences and passages in memory, up to 80 bytes per byte of witness (a 10 MB witness peaks between
 * 550 MB, as many paragraphs, and 820 MB, as one; `npm run bench` prints it), so 16 MiB keeps the peak
 * near 1.3 GB, within a CI runner or a laptop. A scraped page is rarely over 1 MB, and the longest
 * novels are under 5 MB of text.
 */
export const MAX_WITNESS_BYTES = 16 * 1024 * 1024;

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

  if (bytes.length > MAX_WITNESS_BYTES) {
    const [size, limit] = sizesApart(bytes.length, MAX_WITNESS_BYTES);
    fail(
      'witness-too-large',
      '',
      0,
      `Unexpected witness of ${size}, expected at most ${limit}: the ingest needs up to 80 bytes of memory per byte of witness, so a larger file would exhaust the memory of a build machine`,
      'a scraped page is rarely over 1 MB: check that this is the page’s text; split a larger collection into one witness per page',
    );
  }

  const utf16 = utf16Order(body);
  if (utf16) {
    fail(
      'utf16-witness',
      '',
      0,
      `Unexpected UTF-16 text (${utf16}${bytes[0] === 0xff || bytes[0] === 0xfe ? ', with a byte-order mark' : ''}), expected UTF-8`,
      `re-save the file as UTF-8 (in your editor’s “Save with encoding”, or \`iconv -f UTF-16${utf16 === 'little-endian' ? 'LE' : 'BE'} -t UTF-8 in.txt > out.txt\`) and ingest that`,
    );
  }

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

  const markup = findHtmlMarkup(text);
  if (markup) {
    fail(
      'html-witness',
      text,
      markup.index,
      `Unexpected HTML markup \`${markup.tag.slice(0, 40)}\`, expected the page's text`,
      'save the page as plain text (your browser’s “Save as… Text”, or `pandoc -t plain page.html`) and ingest that file',
    );
  }

  const loneCr = /\r(?!\n)/u.exec(text);
  if (loneCr) {
    fail(
      'cr-line-ends',
      text,
      loneCr.index,
      'Unexpected carriage return (CR) without a line feed, expected LF or CRLF line ends',
      "the file uses classic Mac line ends (CR only): convert them, e.g. `tr '\\r' '\\n' < in.txt > out.txt`, and ingest that file",
    );
  }

  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = text.match(/\n/g)?.length ?? 0;
  const lineEnds = lf === 0 ? 'none' : crlf === lf ? 'CRLF' : crlf === 0 ? 'LF' : 'mixed';
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { file, text, byteOrderMark, lineEnds, sha256 };
}

/**
 * UTF-16 text, with or without a byte-order mark: FF FE / FE FF, or NUL bytes at every other position
 * of mostly ASCII text (where a binary file has them scattered). Returns the byte order, or null.
 */
function utf16Order(bytes: Uint8Array): 'little-endian' | 'big-endian' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian';
  const sample = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (sample < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = sample / 2;
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'little-endian';
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'big-endian';
  return null;
}

/** Element names that mark a saved web page (prose about HTML mentions a few; a page is made of them). */
const HTML_ELEMENTS =
  'a|article|aside|b|body|br|div|em|footer|form|h[1-6]|head|header|html|i|img|input|li|link|main|meta|nav|ol|p|script|section|span|strong|style|table|td|title|tr|ul';
const TAG = new RegExp(`<(/?)(${HTML_ELEMENTS})(?=[\\s/>])[^<>]*>`, 'giu');

/**
 * Where a saved web page's markup begins, or null for text. A page starts with a doctype or `<html>`, or
 * is made of tags glued to what they mark up (`<p>Text`, `text</p>`, `</li><li>`): at least 10 of them,
 * 3 closing, on at least a quarter of the lines that carry text. Prose that mentions a tag sets it off
 * with spaces or quotation marks (“wrap it in <p> and </p>”), so it is none of these. The whole text is
 * read, not its start.
 */
function findHtmlMarkup(text: string): { index: number; tag: string } | null {
  const start = /^\s*<(?:!doctype\s+html|html)\b[^>]*>/iu.exec(text);
  if (start) return { index: start[0].length - start[0].trimStart().length, tag: start[0].trim() };
  let first: { index: number; tag: string } | null = null;
  let tags = 0;
  let closing = 0;
  const taggedLines = new Set<number>();
  let line = 0;
  let lineScanned = 0;
  for (const match of text.matchAll(TAG)) {
    const isClosing = match[1] === '/';
    const neighbour = isClosing ? text[match.index - 1] : text[match.index + match[0].length];
    if (neighbour === undefined || !GLUED.test(neighbour)) continue;
    first ??= { index: match.index, tag: match[0] };
    tags++;
    if (isClosing) closing++;
    for (
      let i = text.indexOf('\n', lineScanned);
      i !== -1 && i < match.index;
      i = text.indexOf('\n', i + 1)
    ) {
      line++;
      lineScanned = i + 1;
    }
    taggedLines.add(line);
  }
  if (!first || tags < 10 || closing < 3) return null;
  const textLines = text.split('\n').filter((l) => l.trim() !== '').length;
  return taggedLines.size >= textLines / 4 ? first : null;
}

/** What markup touches: a word or another tag, not a space or the quotation marks prose puts round a tag. */
const GLUED = /[^\s"'`‘’“”.,;:!?()]/u;

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
