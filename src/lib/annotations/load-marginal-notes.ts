import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ANNOTATIONS_DIR, ID_LOCK_FILE, PASSAGES_DIR, TIMELINE_DIR } from '../content-paths.ts';
import { listFiles } from '../list-files.ts';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import { idLockSchema } from '../schema/ledger.ts';
import { passageSchema } from '../schema/passage.ts';
import { formatPartialDate, precisionOf } from '../timeline/partial-date.ts';
import { checkRelatedEvents } from './check-related-events.ts';
import { type AnnotationFile, parseAnnotationFile } from './parse-annotation-file.ts';
import { type NotePassage, type PlacedNote, placeNotes } from './place-notes.ts';
import type { RehypeAnchorNotesOptions } from './rehype-anchor-notes.ts';

/**
 * Reads, validates and places every note when astro.config.ts is loaded, for the rehype plugin.
 *
 * Why before rendering and not inside the plugin, lazily: the notes are numbered across a whole
 * document, so each passage's markup depends on every note, and a bad quote is found here, with
 * its file and line, before any page renders.
 */
export function loadMarginalNotes(root: URL | string): PlacedNote[] {
  const rootDir = typeof root === 'string' ? root : fileURLToPath(root);
  const annotations = readAnnotationFiles(rootDir);
  if (annotations.length === 0) return [];
  const lock = idLockSchema.safeParse(JSON.parse(readFileSync(join(rootDir, ID_LOCK_FILE), 'utf8')));
  const notes = placeNotes(annotations, readPassages(rootDir), lock.success ? lock.data.retired : []);
  // The pages check `related` against the timeline collection too; checking here as well reports
  // the line of the file, which a collection entry no longer knows.
  const timeline = join(rootDir, TIMELINE_DIR);
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
  const dir = join(typeof root === 'string' ? root : fileURLToPath(root), TIMELINE_DIR);
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
  const dir = join(rootDir, ANNOTATIONS_DIR);
  if (!existsSync(dir)) return [];
  return markdownFiles(dir).map((path) =>
    parseAnnotationFile(readFileSync(path, 'utf8'), relative(rootDir, path).split('\\').join('/')),
  );
}

/** The rehype plugin's options, and how the dev server reads them again after an edit. */
export interface MarginalNotes {
  /** Read by the plugin at each passage it renders, so that a reload reaches the next render. */
  options: RehypeAnchorNotesOptions;
  /** Reads the notes and the events' titles again (a ContentError leaves the options as they were). */
  reload: () => void;
}

/** The notes and the events' titles for the rehype plugin; `timelineHref` is the timeline page's address. */
export function marginalNotes(root: URL, timelineHref: string): MarginalNotes {
  const read = (): RehypeAnchorNotesOptions => ({
    notes: loadMarginalNotes(root),
    timeline: { href: timelineHref, titles: readEventTitles(root) },
  });
  const options = read();
  return { options, reload: () => Object.assign(options, read()) };
}

/**
 * A digest of everything a passage's HTML depends on beyond its own file: the notes, the timeline's
 * events (their titles are linked from the notes), the id lock, and the code that writes the notes'
 * markup (this folder and the Markdown pipeline). The passages collection adds it to each entry's
 * digest, so that a change to any of them renders the passages again instead of keeping them cached.
 */
export function passageMarkupVersion(root: URL | string): string {
  const rootDir = typeof root === 'string' ? root : fileURLToPath(root);
  const hash = createHash('sha256');
  const add = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of listFiles(dir)) hash.update(name).update(readFileSync(join(dir, name)));
  };
  add(join(rootDir, ANNOTATIONS_DIR));
  add(join(rootDir, TIMELINE_DIR));
  hash.update(readFileSync(join(rootDir, ID_LOCK_FILE)));
  add(fileURLToPath(new URL('./', import.meta.url)));
  add(fileURLToPath(new URL('../markdown/', import.meta.url)));
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
