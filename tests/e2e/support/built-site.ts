import type { Browser, BrowserContext, BrowserContextOptions, Download, Page } from 'playwright-core';
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
  /**
   * As `open`, but the page is opened once for the calling file and handed again to every later test
   * that asks for the same path and options: for tests that only read what a page shows (no click,
   * typing, scrolling or storage), which would otherwise each pay for a new profile and a page load.
   * It is closed when the file's tests end; a test must not close it.
   */
  shared(path: string, options?: ContextOptions): Promise<Page>;
  /**
   * A context as `newContext` makes it, made once for the calling file per set of options and kept
   * until its tests end: for tests that visit pages in turn and store nothing. `shared` opens its
   * pages in these.
   */
  keptContext(options?: ContextOptions): Promise<BrowserContext>;
}

/** What the test file running now is told of: its site's origin, what was refused, its open contexts. */
interface FileWatch {
  origin: () => string;
  refused: string[];
  contexts: Set<BrowserContext>;
}

/** The file whose tests run now in this worker (files run one after another in a worker). */
let runningFile: FileWatch | undefined;

/**
 * Every page opened through the browser reports what its Content-Security-Policy refused and every
 * request it makes outside the site: a script, a style or a request the policy blocks is a feature that
 * silently broke, and a request to another origin breaks the edition's promise that none leaves it.
 * Each context is also listed for the file that made it, which closes it when its tests end.
 */
function watchPages(browser: Browser): void {
  const watch = async (context: BrowserContext) => {
    const file = runningFile;
    if (!file) throw new Error('a browser context was opened outside a test file’s tests');
    file.contexts.add(context);
    context.once('close', () => file.contexts.delete(context));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(
          `Content Security Policy refused ${event.effectiveDirective}: ${event.blockedURI || 'inline'}`,
        ),
      );
    });
    context.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
        file.refused.push(`${message.location().url}: ${message.text()}`);
      }
    });
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${file.origin()}/`) && !/^(blob|data):/u.test(url)) {
        file.refused.push(`a request outside the site: ${url}`);
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
 * This worker's Chromium (its headless shell when installed, see site.ts), launched by the first test
 * file that needs it and kept for every later file of the worker (the test files share a worker's
 * modules, vitest.config.ts), so that each file pays for no browser start; it ends with the worker.
 * Driven in this process: a browser shared between processes over a socket cost a tenth more processor
 * time, every message of the protocol encoded and decoded once more on its way.
 */
let workerBrowser: Promise<Browser> | undefined;

function chromiumOfThisWorker(): Promise<Browser> {
  workerBrowser ??= launchChromium('shell').then(
    (browser) => {
      watchPages(browser);
      return browser;
    },
    (error: unknown) => {
      // The next file tries again, and says the same when Chromium is missing.
      workerBrowser = undefined;
      throw error;
    },
  );
  return workerBrowser;
}

/**
 * Serves dist/ (or the folder `dir` names when the tests start) and hands the calling test file this
 * worker's Chromium; the contexts a test opened close when it ends, and every other context the file
 * opened (and a server of its own) when its tests end. A test fails when a page it opened had anything
 * refused by the Content-Security-Policy, or asked for anything outside the site.
 */
export function useSiteInBrowser(dir?: () => string): SiteInBrowser {
  const file: FileWatch = { origin: () => env.site.origin, refused: [], contexts: new Set() };
  const opened: BrowserContext[] = [];
  const sharedPages = new Map<string, Promise<Page>>();
  const keptContexts = new Map<string, Promise<BrowserContext>>();
  const createContext = async ({ width = 1280, height = 800, ...options }: ContextOptions = {}) => {
    const context = await env.browser.newContext({
      viewport: { width, height },
      // The offline worker installs on every fresh profile and keeps some 300 files, work that
      // slows the page a test reads and tells it nothing; a test of the worker asks for it.
      serviceWorkers: 'block',
      ...options,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.site.origin });
    return context;
  };
  const openIn = async (context: BrowserContext, path: string) => {
    const page = await context.newPage();
    const response = await page.goto(env.site.url(path));
    expect(response?.status(), `the status of ${path}`).toBe(200);
    return page;
  };
  const env: SiteInBrowser = {
    site: undefined as unknown as StaticSite,
    browser: undefined as unknown as Browser,
    async newContext(options) {
      const context = await createContext(options);
      opened.push(context);
      return context;
    },
    async open(path, options) {
      return openIn(await env.newContext(options), path);
    },
    shared(path, options = {}) {
      const key = JSON.stringify([path, options]);
      let page = sharedPages.get(key);
      if (!page) {
        page = env.keptContext(options).then((context) => openIn(context, path));
        sharedPages.set(key, page);
      }
      return page;
    },
    keptContext(options = {}) {
      const key = JSON.stringify(options);
      let context = keptContexts.get(key);
      if (!context) {
        context = createContext(options);
        keptContexts.set(key, context);
      }
      return context;
    },
  };
  beforeAll(async () => {
    // dist/ is served once for all the files (shared-site.ts); another folder gets its own server.
    const shared = dir ? '' : inject('builtSiteOrigin');
    env.site = shared ? siteAt(shared) : await serveDist(dir?.());
    runningFile = file;
    env.browser = await chromiumOfThisWorker();
  });
  afterEach(async () => {
    for (const context of opened.splice(0)) await context.close();
    expect(
      file.refused.splice(0),
      'what the Content-Security-Policy refused, and requests outside the site',
    ).toEqual([]);
  });
  afterAll(async () => {
    keptContexts.clear();
    sharedPages.clear();
    // Every context of the file still open, kept ones and those of `browser.newPage()` included; the
    // browser stays.
    for (const context of [...file.contexts]) await context.close();
    if (runningFile === file) runningFile = undefined;
    await env.site?.close();
  });
  return env;
}

/**
 * The text of a file the page handed to the browser to save (an export, a hand-in). Read as a stream,
 * whatever folder the browser saved it to.
 */
export async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
