import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Figure, median, p95 } from './figure.ts';

const SEARCH_QUERIES = [
  'Zinoviev',
  'Kamenev',
  'Stalin',
  'bureaucracy',
  'terrorism',
  'Nikolaiev',
  'Smolny',
  'Comintern',
  'Bonapartist',
  'kolkhoz',
  'Leninism',
  'proletariat',
  'Trotskyism',
  'amalgam',
  'Minneapolis',
  'League',
  'Radek',
  'Yagoda',
  'Lenin',
  'opposition',
  'capitalism',
  'revolver',
  'Kampf',
  'Temps',
];

/**
 * Keystroke-to-results times and index bytes per query, in headless Chromium against a built site.
 * `label` names the corpus in the figures (e.g. "1×", "100×").
 */
export async function benchSearch(distDir: string, label: string): Promise<Figure[]> {
  if (!existsSync(join(distDir, 'index.html'))) {
    console.error(
      `bench: ${distDir}/ not found, search (${label}) not measured (run \`npm run build\` first)`,
    );
    return [];
  }
  const { launchChromium, serveDist } = await import('../../tests/e2e/site.ts');
  const site = await serveDist(distDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(site.url('/'));
    const input = page.getByRole('combobox', { name: 'Search the edition' });
    // Warm-up: Pagefind's script, WebAssembly and index entry load on the first search.
    await input.fill('warm');
    await page.waitForFunction(() => document.querySelector('.search-status')?.textContent?.includes('warm'));
    const times: number[] = [];
    const bytes: number[] = [];
    // Pagefind fetches from a web worker, which the page's Resource Timing does not see: count the
    // bodies of the index responses as the browser receives them instead.
    let pending: Promise<number>[] = [];
    page.context().on('response', (response) => {
      if (response.url().includes('/pagefind/'))
        pending.push(
          response.body().then(
            (body) => body.length,
            () => 0,
          ),
        );
    });
    for (const term of SEARCH_QUERIES) {
      pending = [];
      const measured = await page.evaluate(async (query) => {
        const field = document.querySelector<HTMLInputElement>('#site-search-input');
        const status = document.querySelector('.search-status');
        if (!field || !status) throw new Error('no search field on the page');
        const done = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (status.textContent?.includes(`“${query}”`)) {
              observer.disconnect();
              resolve(performance.now());
            }
          });
          observer.observe(status, { childList: true, characterData: true, subtree: true });
        });
        field.value = query;
        const start = performance.now();
        field.dispatchEvent(new Event('input', { bubbles: true }));
        return (await done) - start;
      }, term);
      times.push(measured);
      bytes.push((await Promise.all(pending)).reduce((sum, n) => sum + n, 0));
    }
    return [
      {
        name: `search ${label}, keystroke to results, median (${times.length} queries)`,
        value: median(times),
        unit: 'ms',
      },
      { name: `search ${label}, keystroke to results, p95`, value: p95(times), unit: 'ms' },
      { name: `search ${label}, index bytes per query, median`, value: median(bytes) / 1024, unit: 'KB' },
      { name: `search ${label}, index bytes per query, max`, value: Math.max(...bytes) / 1024, unit: 'KB' },
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}
