import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ID_LOCK_FILE, PASSAGES_DIR } from '../content-paths.ts';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import { idLockSchema } from '../schema/ledger.ts';
import { passageSchema } from '../schema/passage.ts';
import { formatPartialDate, precisionOf } from '../timeline/partial-date.ts';
import { checkRelatedEvents } from './check-related-events.ts';
import { type AnnotationFile, parseAnnotationFile } from './parse-annotation-file.ts';
import { type NotePassage, type PlacedNote, placeNotes } from './place-notes.ts';

/** Where the notes and what they anchor to live, relative to the project root. */
export const annotationsDir = 'content/annotations';
/** The timeline's event files; each file name is an event id (see src/content.config.ts). */
const timelineDir = 'content/timeline';

/**
 * Reads, validates and places every note when astro.config.ts is loaded, for the rehype plugin.
 *
 * Why here and not inside the plugin, lazily: Astro's content layer catches an error thrown while
 * rendering a Markdown entry, logs it and builds the page without that paragraph, so a bad quote
 * must be found before rendering starts to stop the build. And the notes become the plugin's
 * options, which Astro hashes into its config digest: editing a note changes the digest, which
 * clears the content cache, so passages whose own files did not change are rendered again with
 * the new note instead of being served from the cache.
 */
export function loadMarginalNotes(root: URL | string): PlacedNote[] {
  const rootDir = typeof root === 'string' ? root : fileURLToPath(root);
  const annotations = readAnnotationFiles(rootDir);
  if (annotations.length === 0) return [];
  const lock = idLockSchema.safeParse(JSON.parse(readFileSync(join(rootDir, ID_LOCK_FILE), 'utf8')));
  const notes = placeNotes(annotations, readPassages(rootDir), lock.success ? lock.data.retired : []);
  // The pages check `related` against the timeline collection too; checking here as well reports
  // the line of the file, which a collection entry no longer knows.
  const timeline = join(rootDir, timelineDir);
  if (existsSync(timeline)) {
    const eventIds = readdirSync(timeline)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => name.replace(/\.ya?ml$/, ''));
    checkRelatedEvents(notes, eventIds);
  }
  return notes;
}

/**
 * Each timeline event as a note names it, by id: its title and its date ("Kirov assassinated in the
 * Smolny, 1 December 1934"). The files are validated by the timeline collection when the pages are
 * built; here only the title and the date are read, and an event without them is left out.
 */
export function readEventTitles(root: URL | string): Record<string, string> {
  const dir = join(typeof root === 'string' ? root : fileURLToPath(root), timelineDir);
  if (!existsSync(dir)) return {};
  const titles: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((file) => /\.ya?ml$/.test(file))) {
    const data: unknown = parseYaml(readFileSync(join(dir, name), 'utf8'));
    const { title, date } = (typeof data === 'object' && data !== null ? data : {}) as Record<
      string,
      unknown
    >;
    if (typeof title === 'string' && typeof date === 'string' && precisionOf(date) !== null) {
      titles[name.replace(/\.ya?ml$/, '')] = `${title}, ${formatPartialDate(date)}`;
    }
  }
  return titles;
}

/** Every `content/annotations/**\/*.md`, parsed and validated, in file-name order. */
export function readAnnotationFiles(rootDir: string): AnnotationFile[] {
  const dir = join(rootDir, annotationsDir);
  if (!existsSync(dir)) return [];
  return markdownFiles(dir).map((path) =>
    parseAnnotationFile(readFileSync(path, 'utf8'), relative(rootDir, path).split('\\').join('/')),
  );
}

/**
 * A digest of the code that writes the notes' markup (this folder and the Markdown pipeline). Passed
 * with the plugin's options for the same reason as the notes: a change to this code must clear
 * Astro's cache of rendered passages, and Astro clears it when its config digest changes.
 */
export function markupCodeDigest(): string {
  const hash = createHash('sha256');
  for (const folder of ['./', '../markdown/']) {
    const dir = fileURLToPath(new URL(folder, import.meta.url));
    for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

function readPassages(rootDir: string): NotePassage[] {
  return markdownFiles(join(rootDir, PASSAGES_DIR)).map((path) => {
    const file = relative(rootDir, path).split('\\').join('/');
    const split = readFrontmatter(readFileSync(path, 'utf8'));
    const frontmatter = passageSchema.safeParse(split ? parseYaml(split.yaml) : undefined);
    if (!split || !frontmatter.success) {
      throw new Error(
        `${file}: Unexpected passage file without valid frontmatter, expected the file the ingest writes; run \`npm run ingest\``,
      );
    }
    const { id, document, n } = frontmatter.data;
    return { id, document, n, file, markdown: split.body.trim() };
  });
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(dir, name));
}
