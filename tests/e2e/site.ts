import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { INCOMPLETE_FILE } from '../../src/integrations/build-step.ts';
import { base, distDir } from '../support/build-under-test.ts';

/*
 * What the browser tests (and the benchmark) share: the built site served as `npm run preview`
 * serves it, and Debian's Chromium; and, from tests/support/edition-files.ts, the content files the
 * pages are expected to show.
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

// The content readers, which most browser tests import from here with the server.
export * from '../support/edition-files.ts';
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
  return siteAt(`http://127.0.0.1:${server.port}`, () => server.stop());
}

/** The site served at `origin`, under the base path; `close` stops its server. */
export function siteAt(origin: string, close: () => Promise<void> = async () => undefined): StaticSite {
  return { origin, url: (path) => `${origin}${base}${path.replace(/^\//, '')}`, close };
}

/**
 * Which of Debian's Chromium builds to launch. `browser` is the whole browser readers use
 * (`/usr/bin/chromium`): the benchmarks measure in it, and the cross-engine suite reads the site in it.
 * `shell` is the same engine built without the browser's window and profile machinery (package
 * chromium-headless-shell): the Chromium test suite runs in it when it is installed, at about half the
 * processor time per test, and in the whole browser when it is not. CHROMIUM_PATH overrides both.
 */
export type ChromiumBuild = 'browser' | 'shell';

const FULL_CHROMIUM = '/usr/bin/chromium';
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

function chromiumPath(build: ChromiumBuild): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return build === 'shell' && existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM;
}

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

/** How Debian's Chromium is launched: headless, on its own, within 30 s. */
function chromiumOptions(build: ChromiumBuild) {
  const executablePath = chromiumPath(build);
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}; install it with \`apt-get install -y chromium chromium-headless-shell\` or set CHROMIUM_PATH`,
    );
  }
  return { executablePath, timeout: 30_000, args: [...chromiumFlags, '--disable-quic'] };
}

/** Launches Debian's Chromium headless (the whole browser unless asked), or fails at once saying how to install it. */
export async function launchChromium(build: ChromiumBuild = 'browser'): Promise<Browser> {
  return chromium.launch(chromiumOptions(build));
}
