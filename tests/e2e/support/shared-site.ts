import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { distDir, serveDist } from '../site.ts';

/*
 * The browser tests' global setup (vitest.config.ts): one preview server of dist/ for every test
 * file, since Astro's preview server takes seconds to start. A file that serves another folder (a
 * fixture site, an older release) starts its own. Without a build nothing is started here, and the
 * first test to need the site says how to build it. (The Chromium tests' browser is each worker's own:
 * support/built-site.ts.)
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The origin dist/ is served at, or '' when it is not. */
    builtSiteOrigin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const site = existsSync(join(distDir, 'index.html')) ? await serveDist() : undefined;
  project.provide('builtSiteOrigin', site?.origin ?? '');
  return async () => {
    await site?.close();
  };
}
