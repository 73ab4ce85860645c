import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { distDir, launchChromiumServer, serveDist } from '../site.ts';

/*
 * The browser tests' global setup (vitest.config.ts): one preview server of dist/ for every test
 * file, since Astro's preview server takes seconds to start. A file that serves another folder (a
 * fixture site, an older release) starts its own. Without a build nothing is started here, and the
 * first test to need the site says how to build it.
 *
 * For the Chromium tests (the `e2e` project), one Chromium too (its headless shell when installed, see
 * site.ts), which every file connects to: a
 * launch and a close cost seconds on a loaded machine, once per file before. Each test still gets a
 * fresh profile (a new browser context). Without Chromium nothing is launched here, and each file's
 * own launch says how to install it.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The origin dist/ is served at, or '' when it is not. */
    builtSiteOrigin: string;
    /** Where the test files connect to the shared Chromium, or '' when each launches its own. */
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const closing: (() => Promise<void>)[] = [];
  project.provide('chromiumEndpoint', '');
  if (project.name === 'e2e') {
    const chromium = await launchChromiumServer('shell').catch(() => null);
    if (chromium) {
      project.provide('chromiumEndpoint', chromium.wsEndpoint());
      closing.push(() => chromium.close());
    }
  }
  project.provide('builtSiteOrigin', '');
  if (existsSync(join(distDir, 'index.html'))) {
    const site = await serveDist();
    project.provide('builtSiteOrigin', site.origin);
    closing.push(() => site.close());
  }
  return async () => {
    for (const close of closing) await close();
  };
}
