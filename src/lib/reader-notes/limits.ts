/*
 * The most a reader's notes may hold wherever they come in from elsewhere (a class link, a file):
 * enough for years of reading, small enough that no link or file can freeze the page or fill the
 * device. Each refusal names its limit (see the messages where they are checked).
 */

/** A class link's layer, unpacked: 256 KB of JSON, read as a stream and stopped there. */
export const LINK_MAX_BYTES = 256 * 1024;
/** The characters of a link's fragment: a longer one is refused before it is unpacked. */
export const LINK_MAX_CHARS = 64 * 1024;
/** The notes in one class link (twenty fit in under 2,000 characters). */
export const LINK_MAX_NOTES = 500;
/** A file of notes or a class layer. */
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
/** The annotations in one file. */
export const FILE_MAX_NOTES = 20_000;
/** The words one annotation marks. */
export const MAX_EXACT_CHARS = 10_000;
/** The context kept either side of them (32 characters for the reader's own). */
export const MAX_CONTEXT_CHARS = 256;
/** A note's text. */
export const MAX_BODY_CHARS = 20_000;
/** An id, a layer's title, its author. */
export const MAX_NAME_CHARS = 300;
/** A paragraph's address. */
export const MAX_URL_CHARS = 2_000;

/** A number as the messages write it: 262,144. */
export const count = (n: number): string => n.toLocaleString('en-GB');

/** A size in KB or MB, as the messages write it. */
export const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${count(bytes / (1024 * 1024))} MB` : `${count(bytes / 1024)} KB`;
