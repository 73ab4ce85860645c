import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOf, writeServiceWorker } from '../../src/integrations/service-worker.ts';
import { base, distDir, readDocuments, readPassageFiles } from './site.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { untilWorkerControls } from './support/offline.ts';

/*
 * The offline worker when a deploy goes wrong: the build is copied to a folder of its own and served from
 * there; a second release is made of it (one page changed, a new sw.js), and one file the worker keeps
 * (/about/) is then deleted from the server, as a partial upload would leave it. A returning reader must
 * still get the new release, told so by a notice, and a new reader must still read offline every page
 * the worker could keep, with an offline page for the missing one and the not-found page for an address
 * the site does not have.
 */

const folder = mkdtempSync(join(tmpdir(), 'kirov-offline-'));
const release = join(folder, 'site');
cpSync(distDir, release, { recursive: true });
const env = useSiteInBrowser(() => release);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const MARK = 'A sentence only the second release has.';
const warnings: string[] = [];

/** Opens the site in a new context and waits until the worker controls the page. */
async function openControlled(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext();
  // What the worker reports to the console, where an operator looking at a reader's browser sees it.
  context.on('serviceworker', (worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    }),
  );
  const page = await context.newPage();
  await page.goto(env.site.url('/'));
  await untilWorkerControls(page);
  return { context, page };
}

/** Makes the second release in the served folder: the essay page changed, /about/ lost on upload. */
function publishBrokenSecondRelease(): void {
  const essay = join(release, 'index.html');
  writeFileSync(
    essay,
    readFileSync(essay, 'utf8').replace(
      '<main id="main">',
      `<main id="main"><p id="second-release">${MARK}</p>`,
    ),
  );
  writeServiceWorker(release, base);
  rmSync(join(release, 'about/index.html'));
}

describe('an address the site does not have', () => {
  it('answers with the not-found page and status 404, with the search box and the ways on', async () => {
    const page = await env.browser.newPage();
    const response = await page.goto(env.site.url('/no-such-page/'));
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.locator('#site-search-input').waitFor();
    const links = await page
      .locator('main li a')
      .evaluateAll((anchors) =>
        anchors.map((a) => [a.textContent, new URL((a as HTMLAnchorElement).href).pathname]),
      );
    expect(links).toEqual([
      // The documents, the essay first, then the edition's own pages.
      ...readDocuments()
        .toSorted((a, b) => Number(b.path === '/') - Number(a.path === '/'))
        .map((document) => [document.title, `${base}${document.path.slice(1)}`]),
      ['Timeline of December 1934', `${base}timeline/`],
      ['Index of names and terms', `${base}names/`],
      ['About this edition', `${base}about/`],
    ]);
    await page.context().close();
  });
});

describe('the offline worker after a deploy with a missing file', () => {
  let returning: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    returning = await openControlled();
    publishBrokenSecondRelease();
  });

  it('gives a returning reader the new release, with a notice and a reload button', async () => {
    const { context, page } = returning;
    // The next visit is served by the first release's worker, which finds the new one.
    await page.goto(env.site.url('/'));
    const notice = page.getByRole('status').filter({ hasText: 'A new edition of this site is ready.' });
    await notice.waitFor({ timeout: 20_000 });
    // Over the foot of the window, out of the text's flow: the text does not move.
    expect(await notice.evaluate((element) => getComputedStyle(element).position)).toBe('fixed');
    const violations = await runAxe(page);
    expect(violations.length, formatViolations(violations)).toBe(0);
    await page.getByRole('button', { name: 'Reload to read it' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#second-release').textContent()).toBe(MARK);
    // An address with a link's tracking tags is the same page, kept once.
    await page.goto(env.site.url('/?utm_source=class&utm_medium=qr'));
    expect(await page.locator('#second-release').count()).toBe(1);
    await context.close();
  });

  it('lets a new reader read offline the pages it kept, and says which page is not kept or not there', async () => {
    const { context, page } = await openControlled();
    const plan = planOf(readFileSync(join(release, 'sw.js'), 'utf8'));
    const pages = (plan?.precache ?? []).map((entry) => entry.url).filter((url) => url.endsWith('/'));
    // At the edition's size the worker keeps every page: the documents' and a present page per passage.
    expect(pages.length).toBeGreaterThan(readPassageFiles().length);
    // The worker installed without /about/ and said so.
    expect(warnings.join('\n')).toContain(
      `could not be kept and will be fetched when read:\n  ${base}about/ answered 404`,
    );
    await context.setOffline(true);
    // Every page but the present pages, which share one template: the first, a middle one and the last
    // stand for them (the plan above lists them all; one opened offline shows the worker answers them).
    const present = pages.filter((url) => url.startsWith(`${base}p/`));
    const sample = new Set([present[0], present[Math.floor(present.length / 2)], present.at(-1)]);
    const opened = pages.filter(
      (url) => url !== `${base}about/` && (!url.startsWith(`${base}p/`) || sample.has(url)),
    );
    expect(opened.filter((url) => url.startsWith(`${base}p/`))).toHaveLength(3);
    const unread: string[] = [];
    for (const path of opened) {
      const response = await page.goto(`${env.site.origin}${path}`, { waitUntil: 'domcontentloaded' });
      if (response?.status() !== 200 || (await page.locator('h1, .passage').count()) === 0) unread.push(path);
    }
    expect(unread, 'kept pages that did not open offline').toEqual([]);
    expect(await page.locator('#second-release').count()).toBe(0);
    await page.goto(env.site.url('/'));
    expect(await page.locator('#second-release').textContent()).toBe(MARK);

    await page.goto(env.site.url('/about/'));
    expect(await page.locator('h1').textContent()).toBe('Not saved on this device');
    const missing = await page.goto(env.site.url('/no-such-page/'));
    expect(missing?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.goto(env.site.url('/timeline'));
    expect(page.url()).toBe(env.site.url('/timeline/'));
    expect(await page.locator('h1').count()).toBe(1);
    await context.close();
  }, 180_000);
});
