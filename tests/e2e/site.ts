import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { INCOMPLETE_FILE } from '../../src/integrations/build-step.ts';
import { readAnnotationFiles as readAnnotationsUnder } from '../../src/lib/annotations/load-marginal-notes.ts';
import type { AnnotationFile } from '../../src/lib/annotations/parse-annotation-file.ts';
import { EDITION_FILE, LEDGER_FILE, PASSAGES_DIR } from '../../src/lib/content-paths.ts';
import { editionFileSchema } from '../../src/lib/schema/edition.ts';
import { indexEntrySchema } from '../../src/lib/schema/index-entry.ts';
import { ledgerSchema } from '../../src/lib/schema/ledger.ts';
import { type PassageFrontmatter, passageSchema } from '../../src/lib/schema/passage.ts';
import { base, distDir } from '../support/build-under-test.ts';

/*
 * What the browser tests (and the benchmark) share: the built site served as `npm run preview`
 * serves it, Debian's Chromium, and the content files the pages are expected to show.
 *
 * The server is Astro's own preview server (`preview()` from 'astro', the API behind `astro preview`),
 * started with the project's astro.config.ts and told which folder to serve (`outDir`: dist/, a copy
 * of it, or the benchmark's 100× build) and under which base (KIROV_BASE). So the tests see what a
 * person sees with `npm run preview`, and there is no server of our own to keep in step with it: each
 * page's folder/index.html, files with their types, the base path, and for an address the site does
 * not have, 404.html with status 404. One way it differs from most static hosts: with
 * `trailingSlash: 'always'` a page's address without its final slash (/timeline) is answered 404
 * with Astro's own short page, where a host would redirect to /timeline/; the offline worker sends
 * such an address on to the page, and no test relies on the host doing it.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

export { base, distDir };

export interface StaticSite {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The absolute URL of a site path such as "/obituary/", under the base. */
  url(path: string): string;
  close(): Promise<void>;
}

/** Refuses a folder that is not a whole build: never built, or left incomplete by a failed build step. */
function assertServable(folder: string): void {
  if (!existsSync(join(folder, 'index.html'))) {
    throw new Error(
      `${relative(root, folder)}/index.html not found; build the site first with \`npm run build\``,
    );
  }
  const incomplete = join(folder, INCOMPLETE_FILE);
  if (existsSync(incomplete)) {
    throw new Error(
      `${relative(root, incomplete)}: the build is incomplete, and must not be served:\n${readFileSync(incomplete, 'utf8')}`,
    );
  }
}

/**
 * Serves dist/ (or another build folder) with Astro's preview server on 127.0.0.1 and a free port,
 * under the base path.
 */
export async function serveDist(dir: string = distDir): Promise<StaticSite> {
  const folder = resolve(dir);
  assertServable(folder);
  // As every Astro command in package.json: no usage report leaves the machine.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { preview } = await import('astro');
  const server = await preview({
    root,
    outDir: folder,
    base,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
  });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    origin,
    url: (path) => `${origin}${base}${path.replace(/^\//, '')}`,
    close: () => server.stop(),
  };
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and nothing that would fetch updates or reach any other host: the browser tests' and the benchmark's. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Launches Debian's Chromium headless, or fails at once saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}; install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    timeout: 30_000,
    args: [...chromiumFlags, '--disable-quic'],
  });
}

export interface PassageFile extends PassageFrontmatter {
  /** Path relative to the project root. */
  file: string;
}

let passageFiles: PassageFile[] | undefined;

/** Every passage file under content/passages, validated by the same schema as the site (read once). */
export function readPassageFiles(): PassageFile[] {
  const dir = join(root, PASSAGES_DIR);
  passageFiles ??= readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => {
      const file = relative(root, join(dir, name));
      const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(readFileSync(join(dir, name), 'utf8'));
      if (!match?.[1]) throw new Error(`${file}: Unexpected file without frontmatter`);
      return { ...passageSchema.parse(parseYaml(match[1])), file };
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
  const dir = join(root, 'content/index');
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
