import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';
import { passageMarkupVersion, readAnnotationFiles } from '../lib/annotations/load-marginal-notes.ts';
import { ANNOTATIONS_DIR, PASSAGES_DIR, TIMELINE_DIR } from '../lib/content-paths.ts';
import { listFiles } from '../lib/list-files.ts';
import { readFrontmatter } from '../lib/markdown/frontmatter.ts';
import { timelineEventId } from '../lib/timeline/event-id.ts';
import { parseEventFile } from '../lib/timeline/parse-event-file.ts';

/*
 * The content collections' own loaders (src/content.config.ts). Astro's file() and glob() loaders log a
 * file they cannot parse or render and go on (with the entries of the previous sync, or without the
 * paragraph), so a broken file would build the site from stale or missing text; these throw instead,
 * naming the file and the line.
 */

/**
 * The generated passages, one Markdown file each; the entry id is the passage's stable id, from its
 * frontmatter. Each entry's digest covers its file and what its notes are made of
 * (passageMarkupVersion), so a passage is rendered again when either changes and kept otherwise. The
 * dev server syncs it again after an edit (src/integrations/dev-content.ts).
 */
/** An entry as a loader stores it. */
type StoredEntry = Parameters<LoaderContext['store']['set']>[0];

export function passageFiles(): Loader {
  return {
    name: 'kirov-passages',
    load: async ({ config, store, parseData, generateDigest, renderMarkdown }) => {
      const root = fileURLToPath(config.root);
      const markup = passageMarkupVersion(root);
      const entries = new Map<string, StoredEntry>();
      for (const name of listFiles(join(root, PASSAGES_DIR)).filter((file) => file.endsWith('.md'))) {
        const file = `${PASSAGES_DIR}/${name}`;
        const path = join(root, file);
        const source = await readFile(path, 'utf8');
        const split = readFrontmatter(source);
        const data: unknown = split ? parseYaml(split.yaml) : null;
        const id = (data as { id?: unknown } | null)?.id;
        if (!split || typeof id !== 'string') {
          throw new Error(
            `${file}: Unexpected passage without ${split ? 'an `id:` in its frontmatter' : 'frontmatter'}, expected the file the ingest writes; run \`npm run ingest\``,
          );
        }
        const other = entries.get(id);
        if (other) {
          throw new Error(
            `${file}: Unexpected second passage with id "${id}" (also ${other.filePath}), expected each id once; run \`npm run ingest\``,
          );
        }
        const digest = generateDigest(`${markup}\n${source}`);
        const kept = store.get(id);
        if (kept?.digest === digest && kept.filePath === file) {
          entries.set(id, kept);
          continue;
        }
        const rendered = await renderMarkdown(source, { fileURL: pathToFileURL(path) });
        const parsed = await parseData({ id, data: data as Record<string, unknown>, filePath: path });
        entries.set(id, { id, data: parsed, body: split.body.trim(), filePath: file, digest, rendered });
      }
      store.clear();
      for (const entry of entries.values()) store.set(entry);
    },
  };
}

/**
 * One data file (YAML or JSON) read into entries. Schema errors come from parseData, which names the
 * file too. Edits are picked up by the dev server.
 */
export function dataFile(fileName: string, toEntries: (data: Record<string, unknown>) => unknown[]): Loader {
  return {
    name: 'kirov-data-file',
    load: async ({ config, store, parseData, generateDigest, logger, watcher }) => {
      const filePath = fileURLToPath(new URL(fileName, config.root));
      const sync = async (): Promise<void> => {
        const entries = toEntries(parseDataFile(fileName, await readDataFile(fileName, filePath)));
        const parsed: { id: string; data: Record<string, unknown> }[] = [];
        for (const [index, entry] of entries.entries()) {
          if (
            typeof entry !== 'object' ||
            entry === null ||
            typeof (entry as { id?: unknown }).id !== 'string'
          ) {
            throw new Error(
              `${fileName}: Unexpected entry ${index + 1} without a string \`id\`, expected each entry to have one`,
            );
          }
          const { id } = entry as { id: string };
          if (parsed.some((done) => done.id === id)) {
            throw new Error(`${fileName}: Unexpected second entry with id "${id}", expected each id once`);
          }
          parsed.push({
            id,
            data: await parseData({ id, data: entry as Record<string, unknown>, filePath }),
          });
        }
        store.clear();
        for (const { id, data } of parsed)
          store.set({ id, data, filePath: fileName, digest: generateDigest(data) });
      };
      await sync();
      watcher?.add(filePath);
      watcher?.on('change', (changed) => {
        if (changed !== filePath) return;
        sync().catch((error: unknown) =>
          logger.error(error instanceof Error ? error.message : String(error)),
        );
      });
    },
  };
}

async function readDataFile(fileName: string, filePath: string): Promise<string> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${fileName}: Unexpected unreadable file (${reason}), expected the edition's data; run \`npm run ingest\``,
    );
  }
}

export function parseDataFile(fileName: string, text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = fileName.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new Error(`${fileName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(
      `${fileName}: Unexpected ${Array.isArray(data) ? 'list' : typeof data}, expected a mapping of keys`,
    );
  }
  return data as Record<string, unknown>;
}

/**
 * Reads a folder again when the dev server sees one of its files (those whose name passes `files`)
 * added, changed or removed; a file that cannot be read is reported, and the server goes on.
 */
function syncOnChange(
  watcher: LoaderContext['watcher'],
  dir: string,
  files: RegExp,
  sync: () => Promise<void>,
  logger: LoaderContext['logger'],
): void {
  watcher?.add(dir);
  const resync = (changed: string) => {
    if (relative(dir, changed).startsWith('..') || !files.test(changed)) return;
    sync().catch((error: unknown) => logger.error(error instanceof Error ? error.message : String(error)));
  };
  for (const event of ['add', 'change', 'unlink'] as const) watcher?.on(event, resync);
}

/**
 * The timeline's events, one YAML file each; the id is the file name. Each file is validated by
 * parseEventFile, so that a problem is reported at its line and column. Edits are picked up by the dev
 * server.
 */
export function timelineFiles(): Loader {
  return {
    name: 'kirov-timeline',
    load: async ({ config, store, parseData, generateDigest, logger, watcher }) => {
      const root = fileURLToPath(config.root);
      const dir = join(root, TIMELINE_DIR);
      const sync = async (): Promise<void> => {
        const entries = [];
        const names = existsSync(dir) ? listFiles(dir) : [];
        for (const name of names.filter((file) => /\.ya?ml$/u.test(file))) {
          const id = timelineEventId(name);
          const file = `${TIMELINE_DIR}/${name}`;
          const event = parseEventFile(await readFile(join(root, file), 'utf8'), file);
          const data = await parseData({ id, data: event, filePath: join(root, file) });
          entries.push({ id, data, filePath: file, digest: generateDigest(event) });
        }
        store.clear();
        for (const entry of entries) store.set(entry);
      };
      await sync();
      syncOnChange(watcher, dir, /\.ya?ml$/u, sync, logger);
    },
  };
}

/**
 * The notes, read by parseAnnotationFile as the rehype plugin reads them, so that the two never
 * disagree about a note and a broken one is reported at its line. Edits are picked up by the dev server.
 */
export function annotationFiles(): Loader {
  return {
    name: 'kirov-annotations',
    load: async ({ config, store, parseData, generateDigest, logger, watcher }) => {
      const root = fileURLToPath(config.root);
      const dir = join(root, ANNOTATIONS_DIR);
      const sync = async (): Promise<void> => {
        const entries = [];
        for (const note of readAnnotationFiles(root)) {
          const data = await parseData({ id: note.id, data: note.data, filePath: join(root, note.file) });
          entries.push({
            id: note.id,
            data,
            body: note.body,
            filePath: note.file,
            digest: generateDigest({ data: note.data, body: note.body }),
          });
        }
        store.clear();
        for (const entry of entries) store.set(entry);
      };
      await sync();
      syncOnChange(watcher, dir, /\.md$/u, sync, logger);
    },
  };
}

/**
 * The witness as text, one entry (id `witness`), for its page and its raw copy on the site. Read as
 * UTF-8 and never changed, so the copy the site serves has the bytes (and the SHA-256) the ledger names.
 */
export function witnessText(fileName: string): Loader {
  return {
    name: 'kirov-witness',
    load: async ({ config, store, parseData, generateDigest, logger, watcher }) => {
      const filePath = fileURLToPath(new URL(fileName, config.root));
      const sync = async (): Promise<void> => {
        const text = await readDataFile(fileName, filePath);
        const data = await parseData({ id: 'witness', data: { file: fileName, text }, filePath });
        store.clear();
        store.set({ id: 'witness', data, filePath: fileName, digest: generateDigest(text) });
      };
      await sync();
      watcher?.add(filePath);
      watcher?.on('change', (changed) => {
        if (changed !== filePath) return;
        sync().catch((error: unknown) =>
          logger.error(error instanceof Error ? error.message : String(error)),
        );
      });
    },
  };
}

// Leaves a missing or malformed block to the schema, which reports it with the field's name.
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
