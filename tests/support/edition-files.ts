import { fileURLToPath } from 'node:url';
import type { AnnotationFile } from '../../src/lib/annotations/parse-annotation-file.ts';
import { buildEditionModel, type EditionModel } from '../../src/lib/edition-model/edition-model.ts';
import {
  contentReader,
  type EditionContent,
  readEditionContent,
} from '../../src/lib/edition-model/read-content.ts';
import { passageText } from '../../src/lib/passage-text.ts';
import type { PassageFrontmatter } from '../../src/lib/schema/passage.ts';

/*
 * The content files the built pages are expected to show, read by the site's own reader
 * (src/lib/edition-model/read-content.ts), once per test process: what the unit tests, the browser
 * tests and the site checks compare the build against.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

const reader = contentReader(root);
let content: EditionContent | undefined;

/** Every content file of the edition, read and validated as the build reads them (once). */
export function editionContent(): EditionContent {
  content ??= readEditionContent(reader);
  return content;
}

let model: EditionModel | undefined;

/** The edition model as a build at the base "/" assembles it from editionContent() (once). */
export function editionModel(): EditionModel {
  model ??= buildEditionModel(editionContent(), (path) => `/${path.replace(/^\//u, '')}`);
  return model;
}

/** How many times editionContent() has read each file. */
export function contentReads(): ReadonlyMap<string, number> {
  editionContent();
  return reader.reads;
}

export interface PassageFile extends PassageFrontmatter {
  /** Path relative to the project root. */
  file: string;
  /** The text a reader sees, as /passages.json gives it (src/lib/passage-text.ts). */
  text: string;
}

/** Every passage file under content/passages, validated by the same schema as the site. */
export function readPassageFiles(): PassageFile[] {
  return editionContent().passages.map(({ data, filePath, body }) => ({
    ...data,
    file: filePath,
    text: passageText(body),
  }));
}

/** Every marginal note file under content/annotations, parsed as the build parses it. */
export function readAnnotationFiles(): AnnotationFile[] {
  return editionContent().annotations;
}

/** The ledger of content/apparatus: every removal, gap and restored heading, with its witness position. */
export function readLedger() {
  return editionContent().ledger;
}

/** Every entry of the index of names (content/index/<id>.yaml), validated by the site's schema. */
export function readIndexEntries() {
  return editionContent().index;
}

/** Every timeline event (content/timeline/<id>.yaml), validated by the site's schema. */
export function readTimelineEvents() {
  return editionContent().events;
}

/** The passages of one document in ¶ order. */
export function passagesOf(documentId: string): PassageFile[] {
  return readPassageFiles()
    .filter((passage) => passage.document === documentId)
    .sort((a, b) => a.n - b.n);
}

/** The edition file's documents, in its (witness) order. */
export function readDocuments() {
  return editionContent().documents;
}

/** The essay (at "/") and the obituary (id "obituary"), which the browser tests read by name. */
export function essayAndObituary() {
  const documents = readDocuments();
  const essay = documents.find((document) => document.path === '/');
  const obituary = documents.find((document) => document.id === 'obituary');
  if (!essay || !obituary) {
    throw new Error(`content/source: the browser tests need an essay at "/" and a document "obituary"`);
  }
  return { essay, obituary };
}

/** ¶ n of a document (by default the essay), or a failure naming the ¶ the tests need. */
export function passageNumbered(n: number, documentId = essayAndObituary().essay.id): PassageFile {
  const found = passagesOf(documentId).find((passage) => passage.n === n);
  if (!found) throw new Error(`the browser tests need a ¶ ${n} in the document "${documentId}"`);
  return found;
}
