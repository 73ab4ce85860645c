import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { type AnnotationFile, parseAnnotationFile } from '../annotations/parse-annotation-file.ts';
import { ContentError } from '../content-error.ts';
import {
  ANNOTATIONS_DIR,
  EDITION_FILE,
  ID_LOCK_FILE,
  INDEX_DIR,
  LEDGER_FILE,
  PASSAGES_DIR,
  TIMELINE_DIR,
  WITNESS_FILE,
} from '../content-paths.ts';
import { parseEditionFile } from '../edition/parse-edition-file.ts';
import { listFiles } from '../list-files.ts';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import type { EditionFile } from '../schema/edition.ts';
import { type IndexEntry, indexEntrySchema } from '../schema/index-entry.ts';
import { type IdLock, idLockSchema, type Ledger, ledgerSchema } from '../schema/ledger.ts';
import { type PassageFrontmatter, passageSchema } from '../schema/passage.ts';
import type { TimelineEventData } from '../schema/timeline.ts';
import { timelineEventId } from '../timeline/event-id.ts';
import { parseEventFile } from '../timeline/parse-event-file.ts';

/*
 * The one reader of the edition's content files for the site: every file under content/ that the pages,
 * the exports and the search index are made from is read here once per build (and once per change in
 * the dev server), parsed and checked on its own, and handed on as data. What spans files (a passage
 * naming a missing document, a note whose quote no longer matches) is checked when the model is
 * assembled (edition-model.ts). The reads go through a ContentReader, which counts them: a test holds
 * the build to one read per file.
 */

/** A passage file as the site uses it: its stable id, file, frontmatter and Markdown text. */
export interface PassageSource {
  /** The passage's stable id, from its frontmatter (not the file name). */
  id: string;
  /** Path relative to the project root. */
  filePath: string;
  data: PassageFrontmatter;
  /** The Markdown text after the frontmatter, trimmed. */
  body: string;
}

/** A timeline event file: its id (the file name), path and validated data. */
export interface EventSource {
  id: string;
  file: string;
  data: TimelineEventData;
}

/** An entry of the index of names, with the file it is written in. */
export type IndexSource = IndexEntry & { file: string };

/** Every content file the site is built from, each read once, parsed and validated on its own. */
export interface EditionContent {
  /** The edition block and the documents of content/source/<witness>.edition.yaml. */
  edition: EditionFile['edition'];
  documents: EditionFile['documents'];
  /** In file-name order. */
  passages: PassageSource[];
  ledger: Ledger;
  idLock: IdLock;
  annotations: AnnotationFile[];
  events: EventSource[];
  index: IndexSource[];
  witness: { file: string; text: string };
  /** Every file read, relative to the project root: what the dev server watches. */
  files: string[];
  /** The text of every file read, by its path relative to the project root. */
  texts: ReadonlyMap<string, string>;
  /**
   * A digest of every file read: the edition's version, which changes when any content file does
   * (the search's cache tag, and part of each rendered passage's digest).
   */
  version: string;
  /**
   * A digest of everything a passage's HTML depends on beyond its own file: the notes, the timeline's
   * events (their titles are linked from the notes), the id lock, and the code that writes the notes'
   * markup (src/lib/annotations/ and src/lib/markdown/). The passages' loader adds it to each entry's
   * digest, so that a change to any of them renders the passages again instead of keeping them cached.
   */
  markupVersion: string;
}

/** Reads content files by their path relative to the project root, and counts each read. */
export interface ContentReader {
  /** The folder paths are relative to. */
  readonly root: string;
  /** The file's text (UTF-8). */
  read(file: string): string;
  /** Every regular file under a folder, as sorted paths relative to it; none when it is missing. */
  list(dir: string): string[];
  /** How many times each file was read. */
  readonly reads: ReadonlyMap<string, number>;
}

/** The content a passage's markup is made from besides its own file. */
const MARKUP_SOURCES = [ANNOTATIONS_DIR, TIMELINE_DIR, ID_LOCK_FILE];

/** The code that writes the notes' markup, as one digest (source code, not content: the reads are not counted). */
const MARKUP_CODE = (() => {
  const hash = createHash('sha256');
  for (const folder of ['../annotations/', '../markdown/']) {
    const dir = fileURLToPath(new URL(folder, import.meta.url));
    for (const name of listFiles(dir)) hash.update(name).update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex');
})();

/** A ContentReader over the files under `root`. */
export function contentReader(root: string): ContentReader {
  const reads = new Map<string, number>();
  return {
    root,
    reads,
    read(file) {
      reads.set(file, (reads.get(file) ?? 0) + 1);
      try {
        return readFileSync(join(root, file), 'utf8');
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw problem(
          file,
          'content-unreadable',
          `Unexpected unreadable file (${reason}), expected the edition's content`,
          'restore the file; `npm run ingest` writes the passages, the ledger and the id lock',
        );
      }
    },
    list(dir) {
      const path = join(root, dir);
      return existsSync(path) ? listFiles(path) : [];
    },
  };
}

/** Reads and checks every content file of the edition under `reader.root`. */
export function readEditionContent(reader: ContentReader): EditionContent {
  const hash = createHash('sha256');
  const markup = createHash('sha256');
  const files: string[] = [];
  const texts = new Map<string, string>();
  const read = (file: string): string => {
    const text = reader.read(file);
    files.push(file);
    texts.set(file, text);
    hash.update(file).update('\0').update(text).update('\0');
    if (MARKUP_SOURCES.some((source) => file === source || file.startsWith(`${source}/`)))
      markup.update(file).update('\0').update(text).update('\0');
    return text;
  };
  const within = (dir: string, pattern: RegExp) =>
    reader
      .list(dir)
      .filter((name) => pattern.test(name))
      .map((name) => ({ name, file: `${dir}/${name}` }));

  const editionFile = parseEditionFile(read(EDITION_FILE), EDITION_FILE).data;
  const passages = readPassages(within(PASSAGES_DIR, /\.md$/u), read);
  const ledger = validated(ledgerSchema, parseJson(read(LEDGER_FILE), LEDGER_FILE), LEDGER_FILE);
  const idLock = validated(idLockSchema, parseJson(read(ID_LOCK_FILE), ID_LOCK_FILE), ID_LOCK_FILE);
  const annotations = within(ANNOTATIONS_DIR, /\.md$/u).map(({ file }) =>
    parseAnnotationFile(read(file), file),
  );
  const events = within(TIMELINE_DIR, /\.ya?ml$/u).map(({ name, file }) => ({
    id: timelineEventId(name),
    file,
    data: parseEventFile(read(file), file),
  }));
  const index = within(INDEX_DIR, /\.yaml$/u).map(({ name, file }) => {
    const entry = validated(indexEntrySchema, parseYamlFile(read(file), file), file);
    const expected =
      name
        .replace(/\.yaml$/u, '')
        .split('/')
        .at(-1) ?? name;
    if (entry.id !== expected) {
      throw problem(
        file,
        'index-id-mismatch',
        `Unexpected id ${JSON.stringify(entry.id)}, expected "${expected}" (the file name without .yaml)`,
        `set \`id: ${expected}\`, or rename the file after its id`,
      );
    }
    return { ...entry, file };
  });
  const witness = { file: WITNESS_FILE, text: read(WITNESS_FILE) };
  return {
    edition: editionFile.edition,
    documents: editionFile.documents,
    passages,
    ledger,
    idLock,
    annotations,
    events,
    index,
    witness,
    files,
    texts,
    version: hash.digest('hex').slice(0, 16),
    markupVersion: markup.update(MARKUP_CODE).digest('hex').slice(0, 16),
  };
}

function readPassages(found: readonly { file: string }[], read: (file: string) => string): PassageSource[] {
  const byId = new Map<string, PassageSource>();
  for (const { file } of found) {
    const split = readFrontmatter(read(file));
    const frontmatter = split ? passageSchema.safeParse(parseYamlFile(split.yaml, file)) : null;
    if (!split || !frontmatter?.success) {
      const issue = frontmatter?.error?.issues[0];
      throw problem(
        file,
        'passage-frontmatter',
        `Unexpected passage ${split ? `frontmatter (${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'})` : 'without frontmatter'}, expected the file the ingest writes`,
        'run `npm run ingest`, which writes the passages',
      );
    }
    const { data } = frontmatter;
    const other = byId.get(data.id);
    if (other) {
      throw problem(
        file,
        'passage-id-duplicate',
        `Unexpected second passage with id "${data.id}" (also ${other.filePath}), expected each id once`,
        'run `npm run ingest`, which writes each passage once',
      );
    }
    byId.set(data.id, { id: data.id, filePath: file, data, body: split.body.trim() });
  }
  return [...byId.values()];
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw problem(
      file,
      'content-json',
      `Unexpected JSON (${error instanceof Error ? error.message : String(error)}), expected the file the ingest writes`,
      'run `npm run ingest`, which writes it',
    );
  }
}

function parseYamlFile(text: string, file: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: false });
  } catch (error) {
    const at = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    throw problem(
      file,
      'yaml-syntax',
      `Unexpected YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      'check the indentation and quoting on this line; text containing a colon or a # must be in quotation marks',
      at ? { line: at.line, column: at.col } : undefined,
    );
  }
}

function problem(
  file: string,
  rule: string,
  message: string,
  fix: string,
  at: { line: number; column: number } = { line: 1, column: 1 },
): ContentError {
  return new ContentError({ file, ...at, rule, message, fix });
}

/** The data checked by its schema; the first problem names the file and the field. */
function validated<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw problem(
    file,
    'content-schema',
    `Unexpected value at \`${issue?.path.join('.') || '(top level)'}\`: ${issue?.message ?? 'invalid'}`,
    'correct the field as its schema in src/lib/schema/ describes it',
  );
}
