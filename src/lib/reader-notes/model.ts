/*
 * The constants of the Web Annotation model that the reading page needs, apart from the schema
 * (web-annotation.ts), so that the notes' code on the reading page does not carry the validator:
 * it is needed only to read a file or a link from elsewhere.
 */

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Why the annotation was made; `replying` is a reader's answer to a teacher's question. */
export const MOTIVATIONS = ['highlighting', 'commenting', 'questioning', 'replying'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

/** Ids already found, by source: thousands of annotations name a few dozen paragraphs. */
const idBySource = new Map<string, string>();

/**
 * The paragraph id an annotation's target points at: its source URL's fragment. A fragment that
 * cannot be decoded (a bad escape) is taken as it is written, and an address that is not one gives
 * no id: the annotation is then listed as not placed, and never stops the page.
 */
export function passageIdOf(annotation: { target: { source: string } }): string {
  const { source } = annotation.target;
  let id = idBySource.get(source);
  if (id === undefined) {
    id = fragmentOf(source);
    if (idBySource.size > 4096) idBySource.clear();
    idBySource.set(source, id);
  }
  return id;
}

function fragmentOf(source: string): string {
  let hash: string;
  try {
    hash = new URL(source).hash.slice(1);
  } catch {
    return '';
  }
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}
