import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, type StaticSite, serveDist } from '../site.ts';

/** The built site and a browser, opened before a test file's tests and closed after them. */
export interface SiteInBrowser {
  site: StaticSite;
  browser: Browser;
}

/**
 * Every page opened through the browser reports what its Content-Security-Policy refused: a script,
 * a style or a request the policy blocks is a feature that silently broke, so each test fails on one.
 */
function watchPolicy(browser: Browser, refused: string[]): void {
  const watch = async (context: BrowserContext) => {
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(
          `Content Security Policy refused ${event.effectiveDirective}: ${event.blockedURI || 'inline'}`,
        ),
      );
    });
    context.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
        refused.push(`${message.location().url}: ${message.text()}`);
      }
    });
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watch(context);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    await watch(page.context());
    return page;
  };
}

/**
 * Serves dist/ (or the folder `dir` names when the tests start) and launches Chromium for the calling test file; both are closed when its tests end.
 * A test fails when a page it opened had anything refused by the Content-Security-Policy.
 */
export function useSiteInBrowser(dir?: () => string): SiteInBrowser {
  const opened = {} as SiteInBrowser;
  const refused: string[] = [];
  beforeAll(async () => {
    opened.site = await serveDist(dir?.());
    opened.browser = await launchChromium();
    watchPolicy(opened.browser, refused);
  });
  afterEach(() => {
    expect(refused.splice(0), 'what the Content-Security-Policy refused').toEqual([]);
  });
  afterAll(async () => {
    await opened.browser?.close();
    await opened.site?.close();
  });
  return opened;
}
