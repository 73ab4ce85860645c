import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { readAnnotationFiles as readAnnotationsUnder } from '../../src/lib/annotations/load-marginal-notes.ts';
import type { AnnotationFile } from '../../src/lib/annotations/parse-annotation-file.ts';
import { EDITION_FILE, INDEX_DIR, LEDGER_FILE, PASSAGES_DIR } from '../../src/lib/content-paths.ts';
import { readFrontmatter } from '../../src/lib/markdown/frontmatter.ts';
import { passageText } from '../../src/lib/passage-text.ts';
import { editionFileSchema } from '../../src/lib/schema/edition.ts';
import { indexEntrySchema } from '../../src/lib/schema/index-entry.ts';
import { ledgerSchema } from '../../src/lib/schema/ledger.ts';
import { type PassageFrontmatter, passageSchema } from '../../src/lib/schema/passage.ts';

/*
 * The content files the built pages are expected to show, read with the site's own schemas: what the
 * browser tests and the site checks compare the build against.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface PassageFile extends PassageFrontmatter {
  /** Path relative to the project root. */
  file: string;
  /** The text a reader sees, as /passages.json gives it (src/lib/passage-text.ts). */
  text: string;
}

let passageFiles: PassageFile[] | undefined;

/** Every passage file under content/passages, validated by the same schema as the site (read once). */
export function readPassageFiles(): PassageFile[] {
  const dir = join(root, PASSAGES_DIR);
  passageFiles ??= readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => {
      const file = relative(root, join(dir, name));
      const split = readFrontmatter(readFileSync(join(dir, name), 'utf8'));
      if (!split) throw new Error(`${file}: Unexpected file without frontmatter`);
      return { ...passageSchema.parse(parseYaml(split.yaml)), file, text: passageText(split.body) };
    });
  return [...passageFiles];
}

/** Every marginal note file under content/annotations, parsed as the build parses it. */
export function readAnnotationFiles(): AnnotationFile[] {
  return readAnnotationsUnder(root);
}

/** The ledger of content/apparatus: every removal, gap and restored heading, with its witness position. */
export function readLedger() {
  return ledgerSchema.parse(JSON.parse(readFileSync(join(root, LEDGER_FILE), 'utf8')));
}

/** Every entry of the index of names (content/index/<id>.yaml), validated by the site's schema. */
export function readIndexEntries() {
  const dir = join(root, INDEX_DIR);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => indexEntrySchema.parse(parseYaml(readFileSync(join(dir, name), 'utf8'))));
}

/** The passages of one document in ¶ order. */
export function passagesOf(documentId: string): PassageFile[] {
  return readPassageFiles()
    .filter((passage) => passage.document === documentId)
    .sort((a, b) => a.n - b.n);
}

/** The edition file's documents, in its (witness) order. */
export function readDocuments() {
  const text = readFileSync(join(root, EDITION_FILE), 'utf8');
  return editionFileSchema.parse(parseYaml(text)).documents;
}

/** The essay (at "/") and the obituary (id "obituary"), which the browser tests read by name. */
export function essayAndObituary() {
  const documents = readDocuments();
  const essay = documents.find((document) => document.path === '/');
  const obituary = documents.find((document) => document.id === 'obituary');
  if (!essay || !obituary) {
    throw new Error(`${EDITION_FILE}: the browser tests need an essay at "/" and a document "obituary"`);
  }
  return { essay, obituary };
}

/** ¶ n of a document (by default the essay), or a failure naming the ¶ the tests need. */
export function passageNumbered(n: number, documentId = essayAndObituary().essay.id): PassageFile {
  const found = passagesOf(documentId).find((passage) => passage.n === n);
  if (!found) throw new Error(`the browser tests need a ¶ ${n} in the document "${documentId}"`);
  return found;
}
