import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { INCOMPLETE_FILE } from '../../src/integrations/build-step.ts';
import { EDITION_FILE, PASSAGES_DIR } from '../../src/lib/content-paths.ts';
import { editionFileSchema } from '../../src/lib/schema/edition.ts';
import { type PassageFrontmatter, passageSchema } from '../../src/lib/schema/passage.ts';
import { base, distDir } from '../support/build-under-test.ts';

/*
 * What the browser tests share: the built site served from dist/ by a tiny static server (the
 * tests check the build as deployed, not the dev server), Debian's Chromium, and the content
 * files the pages are expected to show.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

export { base, distDir };

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

export interface StaticSite {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The absolute URL of a site path such as "/obituary/", under the base. */
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * Serves dist/ (or another build folder) on 127.0.0.1 and a free port, under the base path, as a
 * static host would: a folder without its final slash is redirected to it, and an address with no file
 * gets 404.html with status 404.
 */
export async function serveDist(dir: string = distDir): Promise<StaticSite> {
  const folder = resolve(dir);
  if (!existsSync(join(folder, 'index.html'))) {
    throw new Error(
      `${relative(root, folder)}/index.html not found; build the site first with \`npx astro build\``,
    );
  }
  if (existsSync(join(folder, INCOMPLETE_FILE))) {
    throw new Error(
      `${relative(root, join(folder, INCOMPLETE_FILE))}: the build is incomplete, and must not be served:\n${readFileSync(join(folder, INCOMPLETE_FILE), 'utf8')}`,
    );
  }
  const server = createServer((request, response) => {
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      response.end(body);
    };
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (`${pathname}/` === base) return send(301, '', { Location: base });
    if (!pathname.startsWith(base)) return send(404, `Not under the base ${base}: ${pathname}`);
    const file = resolve(folder, `.${pathname.slice(base.length - 1)}`);
    if (file !== folder && !file.startsWith(folder + sep)) return send(403, 'Outside dist/');
    stat(file)
      .then(async (info) => {
        if (info.isDirectory() && !pathname.endsWith('/')) return send(301, '', { Location: `${pathname}/` });
        const target = info.isDirectory() ? join(file, 'index.html') : file;
        const body = await readFile(target);
        response.writeHead(200, {
          'Content-Type': contentTypes[extname(target)] ?? 'application/octet-stream',
        });
        response.end(body);
      })
      .catch(async () => {
        // As a static host does: the site's own not-found page, with the status that says so.
        const notFound = await readFile(join(folder, '404.html')).catch(() => null);
        if (!notFound) return send(404, `Not found: ${pathname}`);
        response.writeHead(404, { 'Content-Type': contentTypes['.html'] ?? 'text/html' });
        response.end(notFound);
      });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${base}${path.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
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

/** Every passage file under content/passages, validated by the same schema as the site. */
export function readPassageFiles(): PassageFile[] {
  const dir = join(root, PASSAGES_DIR);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => {
      const file = relative(root, join(dir, name));
      const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(readFileSync(join(dir, name), 'utf8'));
      if (!match?.[1]) throw new Error(`${file}: Unexpected file without frontmatter`);
      return { ...passageSchema.parse(parseYaml(match[1])), file };
    });
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
