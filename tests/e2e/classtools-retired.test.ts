import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdLock } from '../../src/lib/schema/ledger.ts';

/*
 * Old links to retired paragraph ids. The edition has none yet, so this builds a copy of the site
 * whose id lock retires two ids, as the ingest does when a paragraph is merged into a neighbour or
 * removed: one whose successor is on the same page, one whose successor is on another document's.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = mkdtempSync(join(tmpdir(), 'kirov-retired-'));

type Site = Awaited<ReturnType<typeof import('./site.ts')['serveDist']>>;
let site: Site;
let browser: Browser;
let essay: { id: string; n: number }[];
let obituary: { id: string; n: number }[];

beforeAll(async () => {
  for (const entry of ['src', 'content', 'astro.config.ts', 'tsconfig.json', 'package.json']) {
    cpSync(join(root, entry), join(fixture, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(fixture, 'node_modules'));
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
  execFileSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: fixture,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', KIROV_CACHE_DIR: join(fixture, '.cache') },
    stdio: 'pipe',
  });
  // site.ts reads KIROV_DIST once, when this file first imports it.
  const previous = process.env.KIROV_DIST;
  process.env.KIROV_DIST = join(fixture, 'dist');
  const { launchChromium, passagesOf, serveDist } = await import('./site.ts');
  if (previous === undefined) delete process.env.KIROV_DIST;
  else process.env.KIROV_DIST = previous;
  site = await serveDist();
  browser = await launchChromium();
  essay = passagesOf('essay');
  obituary = passagesOf('obituary');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(fixture, { recursive: true, force: true });
});

describe('a link to a retired paragraph id', () => {
  it('lands on the paragraph it was merged into, with a notice the reader can dismiss', async () => {
    const successor = essay[2];
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(site.url('/#retired-fixture-merged'));
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
    await page.close();
  });

  it('follows a successor on another document’s page, and says the paragraph was removed', async () => {
    const successor = obituary[1];
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(site.url('/#retired-fixture-removed'));
    await page.waitForURL(site.url(`/obituary/#${successor?.id}`));
    await expect
      .poll(() => page.locator('.pt-live p').textContent())
      .toBe(
        `The paragraph you linked to was removed from the edition; this is the nearest paragraph, ¶ ${successor?.n}.`,
      );
    expect(await page.$eval(`[id="${successor?.id}"]`, (element) => element.matches(':target'))).toBe(true);
    await page.close();
  });

  it('lands inside its successor without JavaScript too', async () => {
    const successor = essay[2];
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 820, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(site.url('/#retired-fixture-merged'));
    const state = await page.$eval(`[id="${successor?.id}"]`, (element) => ({
      highlighted:
        getComputedStyle(element).backgroundColor !== getComputedStyle(document.body).backgroundColor,
      top: element.getBoundingClientRect().top,
    }));
    expect(state.highlighted).toBe(true);
    expect(state.top).toBeGreaterThanOrEqual(0);
    expect(state.top).toBeLessThan(400);
    await context.close();
  });
});
