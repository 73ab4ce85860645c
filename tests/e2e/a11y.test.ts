import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { distDir } from './site.ts';
import { formatViolations, runAxe, scopeFor } from './support/axe.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { screenshot } from './support/screenshots.ts';

/*
 * Every page of the built site at a desktop and a phone width, in the light and then the dark colour
 * scheme: no axe violation of WCAG 2.2 A/AA, no sideways scrolling, no request to another origin; and
 * no sideways scrolling at a tablet width, where the page has the desktop's layout (notes in the
 * margin from 768 px) in less room, so axe would find there what it finds at 1280 px. The pages are
 * found in the build, so a page added later is checked without touching this file. With
 * KIROV_SCREENSHOTS=1, full-page screenshots are saved under test-results/screenshots/ for a person to
 * look at; nothing asserts them, so by default (and in CI) none is taken.
 */

/** Site paths of every dist/**\/index.html: "/", "/about/", "/obituary/" … */
function builtPages(): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file === 'index.html' || file.endsWith(`${sep}index.html`))
    .map((file) =>
      `/${relative(distDir, join(distDir, file)).split(sep).slice(0, -1).join('/')}/`.replace('//', '/'),
    )
    .sort();
}

/** "/" → "index", "/about/" → "about", "/a/b/" → "a-b". */
function shotName(path: string): string {
  return path.replace(/^\/|\/$/g, '').replaceAll('/', '-') || 'index';
}

/**
 * The present-mode pages (/p/<id>/, one per paragraph) share one template: the first, a middle and the
 * last stand for them, which keeps the run within CI's budget. Every other page is checked.
 */
function pagesToCheck(all: string[]): string[] {
  const present = all.filter((path) => path.startsWith('/p/'));
  const sample = new Set([present[0], present[Math.floor(present.length / 2)], present.at(-1)]);
  return all.filter((path) => !path.startsWith('/p/') || sample.has(path));
}

/** An address the site does not have: the server answers it with the not-found page (404.html). */
const NOT_FOUND = '/no-such-page/';
const pages = [...pagesToCheck(builtPages()), NOT_FOUND];
const widths = [1280, 390] as const;
/** Checked for sideways scrolling only, after the desktop width's axe runs (see above). */
const TABLET = 820;

const env = useSiteInBrowser();

it('finds the pages to check in the build', () => {
  expect(pages).toContain('/');
  expect(pages).toContain('/about/');
  expect(pages).toContain('/names/');
  expect(pages).toContain('/timeline/');
  expect(pages).toContain('/offline/');
  expect(pages.filter((path) => path.startsWith('/p/'))).toHaveLength(3);
});

async function noSidewaysScrolling(page: Page, path: string, width: number, scheme: string): Promise<void> {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(overflow.page, `${path} scrolls sideways at ${width}px (${scheme})`).toBeLessThanOrEqual(
    overflow.viewport,
  );
}

async function checkScheme(page: Page, path: string, width: number, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await screenshot(page, `${shotName(path)}-${width}${scheme === 'dark' ? '-dark' : ''}`, true);
  const violations = await runAxe(page, scopeFor(scheme));
  expect(
    violations.length,
    `axe found violations on ${path} at ${width}px (${scheme}):\n\n${formatViolations(violations)}`,
  ).toBe(0);
  await noSidewaysScrolling(page, path, width, scheme);
}

/**
 * One page per width, which goes from page to page as a reader following links does: a fresh profile
 * for each of the pages would cost seconds each and check nothing more, since viewing stores nothing.
 */
const pageByWidth = new Map<number, Promise<Page>>();
async function pageAt(width: number): Promise<Page> {
  let page = pageByWidth.get(width);
  if (!page) {
    page = env.keptContext({ width, height: 900, colorScheme: 'light' }).then((context) => context.newPage());
    pageByWidth.set(width, page);
  }
  // The desktop page was narrowed to the tablet width by the test before.
  await (await page).setViewportSize({ width, height: 900 });
  return page;
}

// Two axe runs (and, when asked, a full-page screenshot) of the essay take several seconds on a busy machine.
const timeout = 120_000;

describe.each(pages)('%s', (path) => {
  it.each(widths)(
    'at %i px, light and dark: no axe violations, no sideways scrolling, no other origin',
    { timeout },
    async (width) => {
      // A request to another origin fails the test (support/built-site.ts).
      const page = await pageAt(width);
      await page.emulateMedia({ colorScheme: 'light' });
      const response = await page.goto(env.site.url(path), { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(path === NOT_FOUND ? 404 : 200);
      await checkScheme(page, path, width, 'light');
      await checkScheme(page, path, width, 'dark');
      // The tablet width, in the same page narrowed.
      if (width === 1280) {
        await page.setViewportSize({ width: TABLET, height: 900 });
        // The layout after the resize: the margin notes are placed again on the next frames.
        await page.evaluate(
          () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
        );
        await noSidewaysScrolling(page, path, TABLET, 'dark');
      }
    },
  );
});
