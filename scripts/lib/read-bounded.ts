/**
 * Reads an input file of the ingest without trusting it: a FIFO would block the read forever, a device
 * such as /dev/zero never ends, and a file can grow while it is read. So the file is stat-ed first and
 * refused unless it is a regular file within the limit, opened without blocking (what it is is checked
 * again on the open file, in case it was replaced meanwhile), and read only up to one byte past the
 * limit: a file that grew past it is refused too. Nothing past the limit is ever held in memory.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { sizesApart } from '../../src/lib/byte-size.ts';
import { ContentError } from '../../src/lib/content-error.ts';

export interface BoundedRead {
  /** The file as messages name it. */
  file: string;
  /** What the file is to the ingest: "witness", "edition file". */
  what: string;
  /** The rules of the refusals: `<rule>-not-a-file`, `<rule>-too-large`. */
  rule: string;
  max: number;
  /** Why the limit is what it is, appended to the too-large message. */
  why: string;
  /** What to do about a file over the limit. */
  fix: string;
  /**
   * When true, a file over the limit is refused at the line and column where it passes the limit (its
   * first `max` bytes are read to find it): for a text file such as the edition file, that is where the
   * oversized part is.
   */
  locateExcess?: boolean;
}

/** What a file that is not a regular file is, and what to do instead; null for a regular file. */
function kindOf(stats: Stats): [kind: string, fix: string] | null {
  if (stats.isFile()) return null;
  if (stats.isFIFO())
    return [
      'named pipe (FIFO)',
      'a pipe is read until its writer stops, which may be never: save what it carries to a file and name that file',
    ];
  if (stats.isCharacterDevice() || stats.isBlockDevice())
    return ['device', 'a device may never end (/dev/zero, /dev/urandom): name a regular text file'];
  if (stats.isDirectory()) return ['folder', 'name the file in the folder, not the folder'];
  if (stats.isSocket()) return ['socket', 'name a regular text file'];
  return ['file that is not a regular file', 'name a regular text file'];
}

/** The file's bytes, or a ContentError for a file that is not a regular file or is over the limit. */
export function readBounded(path: string, options: BoundedRead): Uint8Array {
  const { file, what, rule, max } = options;
  const refuseKind = (stats: Stats): void => {
    const found = kindOf(stats);
    if (found === null) return;
    throw new ContentError({
      file,
      line: 1,
      column: 1,
      rule: `${rule}-not-a-file`,
      message: `Unexpected ${found[0]} as the ${what}, expected a regular file; nothing was read`,
      fix: found[1],
    });
  };
  const refuseSize = (size: number, fd: number | null, grew: boolean): never => {
    const [found, limit] = sizesApart(grew ? max : size, max);
    const position = options.locateExcess && fd !== null ? positionOfByte(fd, max) : { line: 1, column: 1 };
    throw new ContentError({
      file,
      ...position,
      rule: `${rule}-too-large`,
      message: `Unexpected ${what} ${grew ? `that grew past ${found} while it was read` : `of ${found}`}, expected at most ${limit}${options.locateExcess ? ' (it passes that size here)' : ''}: ${options.why}`,
      fix: options.fix,
    });
  };

  refuseKind(statSync(path));
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    refuseKind(stats);
    if (stats.size > max) refuseSize(stats.size, fd, false);
    const buffer = Buffer.allocUnsafe(max + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > max) refuseSize(length, fd, true);
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The 1-based line and column (in characters) of byte `offset` of the open file. */
function positionOfByte(fd: number, offset: number): { line: number; column: number } {
  const head = Buffer.alloc(offset);
  let length = 0;
  while (length < offset) {
    const read = readSync(fd, head, length, offset - length, length);
    if (read === 0) break;
    length += read;
  }
  const bytes = head.subarray(0, length);
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = new TextDecoder().decode(bytes.subarray(lineStart)).length + 1;
  return { line, column };
}
