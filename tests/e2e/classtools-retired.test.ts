import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject } from '../../scripts/lib/project-copy.ts';
import type { IdLock } from '../../src/lib/schema/ledger.ts';
import { resolveInDist } from '../support/resolve-in-dist.ts';
import { passagesOf } from './site.ts';
import { formatViolations, runAxe, scopeFor } from './support/axe.ts';
import { useSiteInBrowser } from './support/built-site.ts';

/*
 * Old links to retired paragraph ids. The edition has none yet, so this builds a copy of the site
 * whose id lock retires two ids, as the ingest does when a paragraph is merged into a neighbour or
 * removed: one whose successor is on the same page, one whose successor is on another document's.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = mkdtempSync(join(tmpdir(), 'kirov-retired-'));

// The copy has the edition's passages; only its id lock differs.
const essay = passagesOf('essay');
const obituary = passagesOf('obituary');

beforeAll(async () => {
  copyProject(fixture);
  const lockFile = join(fixture, 'content/apparatus/ids.lock.json');
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as IdLock;
  const live = (document: string) => lock.passages.filter((p) => p.document === document);
  const [essayThird, obituarySecond] = [live('essay')[2], live('obituary')[1]];
  if (!essayThird || !obituarySecond) throw new Error('the edition needs 3 essay and 2 obituary passages');
  lock.retired.push(
    { id: 'retired-fixture-merged', successor: essayThird.id, reason: 'merged' },
    { id: 'retired-fixture-removed', successor: obituarySecond.id, reason: 'removed' },
  );
  writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  // Built inside the copy, so that the prerender step finds node_modules from its output folder.
  // Vitest copies import.meta.env into process.env; passed on, its BASE_URL ("/") would override the
  // base that KIROV_BASE gives the build, and every link of a sub-path build would miss its pages.
  const { BASE_URL: _vitestBase, ...env } = process.env;
  execFileSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: fixture,
    env: { ...env, ASTRO_TELEMETRY_DISABLED: '1', KIROV_CACHE_DIR: join(fixture, '.cache') },
    stdio: 'pipe',
  });
}, 180_000);
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

// Registered after the build above, so that its server starts on the built copy.
const env = useSiteInBrowser(() => join(fixture, 'dist'));
const open = (path: string, width: number, options: { javaScriptEnabled?: boolean } = {}) =>
  env.open(path, { width, ...options });

describe('a link to a retired paragraph id', () => {
  it('lands on the paragraph it was merged into, with a notice the reader can dismiss', async () => {
    const successor = essay[2];
    const page = await open('/#retired-fixture-merged', 1280);
    const notice = page.locator('.pt-live');
    await expect
      .poll(() => notice.locator('p').textContent())
      .toBe(`The paragraph you linked to was merged into ¶ ${successor?.n}.`);
    expect(await notice.getAttribute('role')).toBe('status');
    expect(new URL(page.url()).hash).toBe(`#${successor?.id}`);
    const landed = await page.$eval(`[id="${successor?.id}"]`, (element) => {
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + 3, box.top + 3);
      return {
        isTarget: element.matches(':target'),
        inView: box.top >= 0 && box.top < window.innerHeight / 2,
        uncovered: hit !== null && element.contains(hit),
      };
    });
    expect(landed).toEqual({ isTarget: true, inView: true, uncovered: true });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.textContent()).toBe('');
  });

  it('follows a successor on another document’s page, and says the paragraph was removed', async () => {
    const successor = obituary[1];
    const page = await open('/#retired-fixture-removed', 390);
    await page.waitForURL(env.site.url(`/obituary/#${successor?.id}`));
    await expect
      .poll(() => page.locator('.pt-live p').textContent())
      .toBe(
        `The paragraph you linked to was removed from the edition; this is the nearest paragraph, ¶ ${successor?.n}.`,
      );
    expect(await page.$eval(`[id="${successor?.id}"]`, (element) => element.matches(':target'))).toBe(true);
  });

  it('lands inside its successor without JavaScript too', async () => {
    const successor = essay[2];
    const page = await open('/#retired-fixture-merged', 820, { javaScriptEnabled: false });
    const state = await page.$eval(`[id="${successor?.id}"]`, (element) => ({
      highlighted:
        getComputedStyle(element).backgroundColor !== getComputedStyle(document.body).backgroundColor,
      top: element.getBoundingClientRect().top,
    }));
    expect(state.highlighted).toBe(true);
    expect(state.top).toBeGreaterThanOrEqual(0);
    expect(state.top).toBeLessThan(400);
  });
});

describe('the present page of a retired paragraph id', () => {
  const presentOf = (id: string | undefined) => env.site.url(`/p/${id}/`);

  /**
   * Opens the page as a browser that blocks automatic refresh does (Firefox's
   * accessibility.blockautorefresh): it stays, and the reader follows its link. Returns the page as built.
   */
  async function stayOn(page: Page, url: string): Promise<string> {
    let original = '';
    await page.route(url, async (route) => {
      const response = await route.fetch();
      original = await response.text();
      await route.fulfill({ response, body: original.replace(/<meta http-equiv="refresh"[^>]*>/u, '') });
    });
    await page.goto(url);
    return original;
  }

  it('goes on to the present page of the paragraph it was merged into', async () => {
    const successor = essay[2];
    const page = await (await env.newContext()).newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(presentOf('retired-fixture-merged'));
    await page.waitForURL(presentOf(successor?.id));
    expect(await page.locator('h1').textContent()).toBe(`¶ ${successor?.n}`);
    // A refresh is not a script: the page's Content Security Policy lets it through without a complaint.
    expect(errors).toEqual([]);
  });

  it('is the page the link-permanence check follows to the successor’s present page', () => {
    const dist = join(fixture, 'dist');
    expect(
      resolveInDist(dist, '/p/retired-fixture-merged/', { base: new URL(env.site.url('/')).pathname }),
    ).toEqual({
      ok: true,
      file: join(dist, `p/${essay[2]?.id}/index.html`),
      via: 'page',
    });
  });

  it('goes on without JavaScript, too', async () => {
    const successor = obituary[1];
    const page = await env.open('/p/retired-fixture-removed/', { width: 390, javaScriptEnabled: false });
    await page.waitForURL(presentOf(successor?.id));
    expect(await page.locator('h1').textContent()).toBe(`¶ ${successor?.n}`);
  });

  it('says why and links on, for a browser that blocks automatic refresh, without JavaScript', async () => {
    const successor = obituary[1];
    const page = await (await env.newContext({ width: 390, javaScriptEnabled: false })).newPage();
    const retiredUrl = presentOf('retired-fixture-removed');
    const original = await stayOn(page, retiredUrl);
    const successorPath = new URL(presentOf(successor?.id)).pathname;
    expect(original).toContain(`<meta name="robots" content="noindex">`);
    expect(original).toContain(`<meta http-equiv="refresh" content="0; url=${successorPath}">`);
    expect(page.url()).toBe(retiredUrl);
    expect(await page.locator('h1').textContent()).toBe('This paragraph’s link was retired');
    expect(await page.locator('main p').first().textContent()).toBe(
      `A correction to the edition retired the link you followed. The paragraph you linked to was removed from the edition; the nearest paragraph is ¶ ${successor?.n}.`,
    );
    expect(
      await page.getByRole('link', { name: `Read ¶ ${successor?.n} in the reader` }).getAttribute('href'),
    ).toBe(`${new URL(env.site.url('/obituary/')).pathname}#${successor?.id}`);
    const link = page.getByRole('link', { name: `Present ¶ ${successor?.n}` });
    expect(await link.getAttribute('href')).toBe(successorPath);
    await link.click();
    await page.waitForURL(presentOf(successor?.id));
    expect(await page.locator('h1').textContent()).toBe(`¶ ${successor?.n}`);
  });

  it('has no axe violations of WCAG 2.2 AA at a phone and a desktop width, light and dark', async () => {
    for (const width of [390, 1280]) {
      for (const scheme of ['light', 'dark'] as const) {
        const page = await (await env.newContext({ width, colorScheme: scheme })).newPage();
        await stayOn(page, presentOf('retired-fixture-merged'));
        const violations = await runAxe(page, scopeFor(scheme));
        expect(violations, `at ${width}px (${scheme}):\n\n${formatViolations(violations)}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      }
    }
  });
});
