import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeServiceWorker } from '../../src/integrations/service-worker.ts';
import { listFiles } from '../../src/lib/list-files.ts';
import { base, distDir } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { untilWorkerControls } from './support/offline.ts';
import { openToolsMenu, selectWords } from './support/paragraph-tools.ts';

/*
 * A new release arriving while a page is open. The build is copied to a folder of its own and served
 * from there; the page is opened and left open; then the folder becomes the next release as a rebuild
 * and a deploy leave it: every hashed script and style under _astro/ has a new name, the old names are
 * gone from the server, and sw.js carries a new release. The open page, built with the old names, must
 * go on working when it first asks for the scripts it loads on use (the reader's notes, the search, the
 * paragraph tools): the worker answers them from the release the page was opened under.
 */

const folder = mkdtempSync(join(tmpdir(), 'kirov-release-'));
const release = join(folder, 'site');
cpSync(distDir, release, { recursive: true });
const env = useSiteInBrowser(() => release);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const FIRST = 'zinoviev-and-kamenev-are-no-fools';

/** The next release: every file under _astro/ renamed and every reference to it rewritten. */
function publishNextRelease(): void {
  const assets = join(release, '_astro');
  const renamed = new Map(
    readdirSync(assets).map((name) => [name, name.replace(/\.(\w+)$/, '.next.$1')] as const),
  );
  // Longest names first, so that no name is rewritten inside a longer one.
  const names = [...renamed.keys()].toSorted((a, b) => b.length - a.length);
  for (const file of listFiles(release)) {
    if (!/\.(html|js|css|json|webmanifest)$/.test(file)) continue;
    const path = join(release, file);
    const text = readFileSync(path, 'utf8');
    let next = text;
    for (const name of names) next = next.replaceAll(name, renamed.get(name) ?? name);
    if (next !== text) writeFileSync(path, next);
  }
  for (const [name, next] of renamed) renameSync(join(assets, name), join(assets, next));
  writeServiceWorker(release, base);
}

/** Asks the browser to look for a new worker now (as it does on a later navigation), and waits for it. */
async function untilNextReleaseTakesOver(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
  // The page tells its reader a new edition is ready once the new worker controls it.
  await page.locator('.new-edition button', { hasText: 'Reload to read it' }).waitFor({ timeout: 30_000 });
}

describe('a page left open while a new release installs', () => {
  it('still highlights, searches and opens the paragraph tools with the scripts it was built with', async () => {
    const page = await env.open('/', { width: 1280, height: 900, serviceWorkers: 'allow' });
    await untilWorkerControls(page);
    // A returning reader: the page is served by the worker of the release it was opened under.
    await page.reload();
    await untilWorkerControls(page);
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
    });

    publishNextRelease();
    await untilNextReleaseTakesOver(page);
    // The old names are gone from the server: only the worker can still answer them.
    const oldScript = await page.evaluate(
      () => (document.querySelector('script[type="module"][src]') as HTMLScriptElement | null)?.src ?? '',
    );
    expect(oldScript).toMatch(/\/_astro\/.+\.js$/);
    expect(oldScript).not.toContain('.next.');

    await selectWords(page, FIRST, 'no fools');
    await page.locator('.rn-bar button', { hasText: 'Highlight' }).click();
    await page.locator(`#${FIRST} mark.rn-own`, { hasText: 'no' }).first().waitFor({ timeout: 10_000 });

    const menu = await openToolsMenu(page, FIRST, 1280);
    expect(await menu.getByRole('menuitem', { name: /Copy link/ }).isVisible()).toBe(true);

    await page.locator('#site-search-input').fill('Yaroslavsky');
    await expect
      .poll(() => page.locator('.search-status').textContent(), { timeout: 15_000 })
      .toMatch(/^\d+ results? for “Yaroslavsky”/u);
    expect(missing).toEqual([]);

    // While the old page is open, its release stays on the device beside the new one; once it is
    // closed, the next page opened lets the old release go.
    const precaches = (from: Page) =>
      from.evaluate(async () =>
        (await caches.keys()).filter((name) => name.startsWith('kirov-reader-precache-')),
      );
    const other = await page.context().newPage();
    await other.goto(env.site.url('/about/'));
    expect(await precaches(other)).toHaveLength(2);
    await page.close();
    await expect
      .poll(
        async () => {
          await other.goto(env.site.url('/timeline/'));
          return precaches(other);
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toHaveLength(1);
  }, 120_000);
});
