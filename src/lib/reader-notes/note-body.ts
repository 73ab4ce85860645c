/*
 * What a note's text may not hold: an image from elsewhere. A note is plain text, but it travels
 * as Markdown (the export) and may be read by tools that draw `![…](https://…)` as an image, which
 * would fetch it from another site whenever the note is read; the edition loads nothing from
 * elsewhere, so the note is refused, naming the image and how to keep its address.
 */

/** A Markdown image (`![alt](address)`) or an HTML <img>, whose address names a site (scheme: or //). */
const REMOTE_IMAGE =
  /!\[[^\]]*\]\(\s*<?\s*(?:[a-z][a-z\d+.-]*:|\/\/)[^)]*\)|<img\b[^>]*\bsrc\s*=\s*["']?\s*(?:[a-z][a-z\d+.-]*:|\/\/)[^>]*>/i;

/** Why a note's text cannot be kept, or null when it can. */
export function noteBodyProblem(value: string): string | null {
  const found = REMOTE_IMAGE.exec(value);
  if (!found) return null;
  const image = found[0].length > 60 ? `${found[0].slice(0, 57)}…` : found[0];
  return `the note shows an image from another site (“${image}”, at character ${found.index + 1}); the edition loads nothing from elsewhere: write the image’s address as a plain link, without the “!” (or the <img>)`;
}
