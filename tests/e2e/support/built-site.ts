import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type StaticSite, serveDist } from '../site.ts';

/** The built site and a browser, opened before a test file's tests and closed after them. */
export interface SiteInBrowser {
  site: StaticSite;
  browser: Browser;
}

/** Serves dist/ and launches Chromium for the calling test file; both are closed when its tests end. */
export function useSiteInBrowser(): SiteInBrowser {
  const opened = {} as SiteInBrowser;
  beforeAll(async () => {
    opened.site = await serveDist();
    opened.browser = await launchChromium();
  });
  afterAll(async () => {
    await opened.browser?.close();
    await opened.site?.close();
  });
  return opened;
}
