import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchChromium, type StaticSite, serveDist, siteAt } from '../site.ts';

/** A browser context as a test wants it: a window size, and any other option of Playwright's. */
export interface ContextOptions extends Omit<BrowserContextOptions, 'viewport'> {
  /** CSS px; default 1280. */
  width?: number;
  /** CSS px; default 800. */
  height?: number;
}

/** The built site and a browser, opened before a test file's tests and closed after them. */
export interface SiteInBrowser {
  site: StaticSite;
  browser: Browser;
  /**
   * A new browser context (a fresh profile: no storage) that may use the clipboard, with the site's
   * service worker blocked unless the options allow it (`serviceWorkers: 'allow'`); closed when the
   * test ends.
   */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** Opens a site path such as "/obituary/" in a page of a new context (see newContext); it must answer 200. */
  open(path: string, options?: ContextOptions): Promise<Page>;
}

/**
 * Every page opened through the browser reports what its Content-Security-Policy refused and every
 * request it makes outside the site: a script, a style or a request the policy blocks is a feature that
 * silently broke, and a request to another origin breaks the edition's promise that none leaves it.
 */
function watchPages(browser: Browser, origin: () => string, refused: string[]): void {
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
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin()}/`) && !/^(blob|data):/u.test(url)) {
        refused.push(`a request outside the site: ${url}`);
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
 * Serves dist/ (or the folder `dir` names when the tests start) and launches Chromium for the calling
 * test file; both are closed when its tests end, and the contexts a test opened when it ends. A test
 * fails when a page it opened had anything refused by the Content-Security-Policy, or asked for
 * anything outside the site.
 */
export function useSiteInBrowser(dir?: () => string): SiteInBrowser {
  const refused: string[] = [];
  const opened: BrowserContext[] = [];
  const env: SiteInBrowser = {
    site: undefined as unknown as StaticSite,
    browser: undefined as unknown as Browser,
    async newContext({ width = 1280, height = 800, ...options } = {}) {
      const context = await env.browser.newContext({
        viewport: { width, height },
        // The offline worker installs on every fresh profile and keeps some 300 files, work that
        // slows the page a test reads and tells it nothing; a test of the worker asks for it.
        serviceWorkers: 'block',
        ...options,
      });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.site.origin });
      opened.push(context);
      return context;
    },
    async open(path, options) {
      const page = await (await env.newContext(options)).newPage();
      const response = await page.goto(env.site.url(path));
      expect(response?.status(), `the status of ${path}`).toBe(200);
      return page;
    },
  };
  beforeAll(async () => {
    // dist/ is served once for all the files (shared-site.ts); another folder gets its own server.
    const shared = dir ? '' : inject('builtSiteOrigin');
    env.site = shared ? siteAt(shared) : await serveDist(dir?.());
    env.browser = await launchChromium();
    watchPages(env.browser, () => env.site.origin, refused);
  });
  afterEach(async () => {
    for (const context of opened.splice(0)) await context.close();
    expect(
      refused.splice(0),
      'what the Content-Security-Policy refused, and requests outside the site',
    ).toEqual([]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}
