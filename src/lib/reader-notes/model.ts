/*
 * The constants of the Web Annotation model that the reading page needs, apart from the schema
 * (web-annotation.ts), so that the notes' code on the reading page does not carry the validator:
 * it is needed only to read a file or a link from elsewhere.
 */

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Why the annotation was made; `replying` is a reader's answer to a teacher's question. */
export const MOTIVATIONS = ['highlighting', 'commenting', 'questioning', 'replying'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

/**
 * The paragraph id an annotation's target points at: its source URL's fragment. A fragment that
 * cannot be decoded (a bad escape) is taken as it is written, and an address that is not one gives
 * no id: the annotation is then listed as not placed, and never stops the page.
 */
export function passageIdOf(annotation: { target: { source: string } }): string {
  let hash: string;
  try {
    hash = new URL(annotation.target.source).hash.slice(1);
  } catch {
    return '';
  }
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}
