import { z } from 'zod';
import {
  count,
  FILE_MAX_BYTES,
  FILE_MAX_NOTES,
  MAX_BODY_CHARS,
  MAX_CONTEXT_CHARS,
  MAX_EXACT_CHARS,
  MAX_NAME_CHARS,
  MAX_URL_CHARS,
  size,
} from './limits.ts';
import { ANNOTATION_CONTEXT, MOTIVATIONS } from './model.ts';
import { noteBodyProblem } from './note-body.ts';

// Zod compiles its parsers with `new Function` when it can, and finds out by trying: in the browser,
// under the site's Content-Security-Policy (no 'unsafe-eval'), that try is a refused eval. Interpreted
// parsing is fast enough for a reader's notes file.
z.config({ jitless: true });

export { ANNOTATION_CONTEXT, MOTIVATIONS, type Motivation, passageIdOf } from './model.ts';

/*
 * A reader's note as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/), the form in
 * which notes are stored, exported and imported: any tool that reads Web Annotations can read them,
 * and what a reader exports today still imports after the edition changes.
 */

const textQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  /** The words annotated, as the page shows them. */
  exact: z
    .string()
    .min(1, 'the annotated words (`exact`) are empty')
    .max(
      MAX_EXACT_CHARS,
      `the annotated words are longer than ${count(MAX_EXACT_CHARS)} characters, the most one note may mark`,
    ),
  /** Up to 32 characters just before the words, to tell apart several occurrences. */
  prefix: z
    .string()
    .max(MAX_CONTEXT_CHARS, `the words' context is longer than ${MAX_CONTEXT_CHARS} characters`)
    .optional(),
  /** Up to 32 characters just after them. */
  suffix: z
    .string()
    .max(MAX_CONTEXT_CHARS, `the words' context is longer than ${MAX_CONTEXT_CHARS} characters`)
    .optional(),
});

/** Where the words were in the paragraph's text: a hint only, since the text may change. */
const textPositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.int().nonnegative(),
  end: z.int().nonnegative(),
});

const textualBody = z.object({
  type: z.literal('TextualBody'),
  /** The note, as plain text. */
  value: z
    .string()
    .max(
      MAX_BODY_CHARS,
      `the note is longer than ${count(MAX_BODY_CHARS)} characters, the most a note may hold`,
    )
    .superRefine((value, context) => {
      const problem = noteBodyProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
  format: z.literal('text/plain').optional(),
});

export const webAnnotationSchema = z.object({
  '@context': z.literal(ANNOTATION_CONTEXT, `"@context" must be "${ANNOTATION_CONTEXT}"`),
  /** A URN (urn:uuid:…) or the layer's id with a fragment, unique across layers. */
  id: z.string().min(1).max(MAX_NAME_CHARS, `the id is longer than ${MAX_NAME_CHARS} characters`),
  type: z.literal('Annotation', '"type" must be "Annotation"'),
  motivation: z.enum(MOTIVATIONS),
  created: z.iso.datetime().optional(),
  modified: z.iso.datetime().optional(),
  /** The note; a plain highlight has none. */
  body: textualBody.optional(),
  /** For a `replying` annotation: the id of the question it answers. */
  inReplyTo: z.string().max(MAX_NAME_CHARS, `the id is longer than ${MAX_NAME_CHARS} characters`).optional(),
  target: z.object({
    /** The paragraph's permanent URL (…/#paragraph-id). */
    source: z
      .string()
      .max(MAX_URL_CHARS, `the paragraph's address is longer than ${count(MAX_URL_CHARS)} characters`)
      .superRefine((value, context) => {
        const problem = sourceProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    selector: z.tuple([textQuoteSelector], textPositionSelector.optional()),
  }),
});

/**
 * What is wrong with a paragraph's address, or null: it must be a web address (http or https, never
 * `javascript:` or `data:`) whose fragment, the paragraph's id, can be read.
 */
export function sourceProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"target.source" must be the paragraph's web address, not "${value.slice(0, 60)}"`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `"target.source" must be an http or https address, not a ${url.protocol} one`;
  try {
    decodeURIComponent(url.hash);
  } catch {
    return `"target.source" has a paragraph id that cannot be read (${url.hash.slice(0, 40)})`;
  }
  return null;
}

export type WebAnnotation = z.infer<typeof webAnnotationSchema>;
export type TextQuote = z.infer<typeof textQuoteSelector>;
export type TextPosition = z.infer<typeof textPositionSelector>;

/** A file or link that could not be read: `message` says where and what, for the reader. */
export class AnnotationImportError extends Error {
  override name = 'AnnotationImportError';
}

/** An imported file's data and its items, within the limits; throws when the file as a whole is not one. */
function fileItems(json: string, file: string): { data: unknown; items: unknown[] } {
  if (json.length > FILE_MAX_BYTES) throw tooLarge(file, json.length);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new AnnotationImportError(
      `${file}: Unexpected text that is not JSON (${(error as Error).message}), expected a Web Annotation file exported from this edition`,
    );
  }
  const items = itemsOf(data);
  if (!items) {
    throw new AnnotationImportError(
      `${file}: Unexpected ${describeValue(data)}, expected an annotation, a list of annotations or an AnnotationCollection`,
    );
  }
  if (items.length > FILE_MAX_NOTES)
    throw new AnnotationImportError(
      `${file}: it holds ${count(items.length)} annotations, more than the ${count(FILE_MAX_NOTES)} a file may bring in; split it, or export it again from the edition`,
    );
  return { data, items };
}

/**
 * Reads the annotations of an imported file: one annotation, a list, or a W3C AnnotationCollection
 * whose `first.items` (or `items`) holds them. Throws naming the file, the annotation and the field.
 */
export function parseAnnotations(json: string, file: string): WebAnnotation[] {
  const { items } = fileItems(json, file);
  return items.map((item, index) => {
    const result = webAnnotationSchema.safeParse(item);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : '(the annotation)';
    throw new AnnotationImportError(
      `${file}: annotation ${index + 1} of ${items.length}, field ${path}: ${issue?.message ?? 'invalid'}; export it again from the edition or fix that field`,
    );
  });
}

/** What an imported file holds: a class layer (a collection with an id) or the reader's own notes. */
export interface ImportedFile {
  layer: { id: string; title: string; author: string } | null;
  annotations: WebAnnotation[];
}

export function parseImport(json: string, file: string): ImportedFile {
  const annotations = parseAnnotations(json, file);
  const data = JSON.parse(json) as Record<string, unknown>;
  const isLayer =
    data.type === 'AnnotationCollection' && typeof data.id === 'string' && typeof data.label === 'string';
  if (!isLayer) return { layer: null, annotations };
  const creator = data.creator as { name?: unknown } | undefined;
  return {
    layer: {
      id: data.id as string,
      title: data.label as string,
      author: typeof creator?.name === 'string' ? creator.name : '',
    },
    annotations,
  };
}

/** The refusal of a file over FILE_MAX_BYTES, read or not. */
export function tooLarge(file: string, bytes: number): AnnotationImportError {
  return new AnnotationImportError(
    `${file}: it is ${size(bytes)}, more than the ${size(FILE_MAX_BYTES)} a file of notes may be; nothing was imported`,
  );
}

/** A file's annotations, each read on its own: those that can be, and those that cannot with why. */
export interface ReadImport extends ImportedFile {
  unreadable: { reason: string; raw: string }[];
}

/**
 * Reads an imported file annotation by annotation: an annotation that cannot be read is set aside
 * with its reason and text, and the others are read. Throws only when the file as a whole is not
 * one (not JSON, no annotations, over the limits).
 */
export function readImport(json: string, file: string): ReadImport {
  const { data, items } = fileItems(json, file);
  const annotations: WebAnnotation[] = [];
  const unreadable: { reason: string; raw: string }[] = [];
  items.forEach((item, index) => {
    const result = webAnnotationSchema.safeParse(item);
    if (result.success) annotations.push(result.data);
    else {
      const issue = result.error.issues[0];
      const path = issue?.path.length ? issue.path.join('.') : '(the annotation)';
      unreadable.push({
        reason: `annotation ${index + 1} of ${items.length} in ${file}, field ${path}: ${issue?.message ?? 'invalid'}`,
        raw: JSON.stringify(item, null, 2) ?? String(item),
      });
    }
  });
  const record = data as Record<string, unknown>;
  const isLayer =
    record.type === 'AnnotationCollection' &&
    typeof record.id === 'string' &&
    typeof record.label === 'string';
  const creator = record.creator as { name?: unknown } | undefined;
  return {
    layer: isLayer
      ? {
          id: String(record.id).slice(0, MAX_NAME_CHARS),
          title: String(record.label).slice(0, MAX_NAME_CHARS),
          author: typeof creator?.name === 'string' ? creator.name.slice(0, MAX_NAME_CHARS) : '',
        }
      : null,
    annotations,
    unreadable,
  };
}

function itemsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  if (record.type === 'Annotation') return [data];
  if (Array.isArray(record.items)) return record.items;
  const first = record.first as Record<string, unknown> | undefined;
  if (first && Array.isArray(first.items)) return first.items;
  return null;
}

function describeValue(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'list';
  return typeof data === 'object' ? 'object without annotations' : typeof data;
}
