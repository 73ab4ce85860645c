/*
 * The constants of the Web Annotation model that the reading page needs, apart from the schema
 * (web-annotation.ts), so that the notes' code on the reading page does not carry the validator:
 * it is needed only to read a file or a link from elsewhere.
 */

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Why the annotation was made; `replying` is a reader's answer to a teacher's question. */
export const MOTIVATIONS = ['highlighting', 'commenting', 'questioning', 'replying'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

/** The paragraph id an annotation's target points at: its source URL's fragment. */
export function passageIdOf(annotation: { target: { source: string } }): string {
  return decodeURIComponent(new URL(annotation.target.source).hash.slice(1));
}
