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
 * Queries the edition answers by another word than the one typed: a name in another spelling, which
 * runs a search for each spelling the index knows, and a typo, answered by the nearest word of the
 * edition after nothing matched. Each with the word the status line then names.
 */
const OTHER_SPELLINGS = [
  ['Nikolayev', 'Nikolaiev'],
  ['Nicolaiev', 'Nikolaiev'],
  ['Zinovyev', 'Zinoviev'],
  ['Zinovief', 'Zinoviev'],
  ['Kamenyev', 'Kamenev'],
  ['bureacracy', 'bureaucracy'],
  ['terorism', 'terrorism'],
  ['Trotskism', 'Trotskyism'],
] as const;

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
    /** The time from typing `query` to the status line naming `shown`, and the index bytes fetched. */
    const measure = async (query: string, shown: string) => {
      pending = [];
      const time = await page.evaluate(
        async ([query, shown]) => {
          const field = document.querySelector<HTMLInputElement>('#site-search-input');
          const status = document.querySelector('.search-status');
          if (!field || !status) throw new Error('no search field on the page');
          const done = new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              if (status.textContent?.includes(`“${shown}”`)) {
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
        },
        [query, shown] as const,
      );
      return { time, bytes: (await Promise.all(pending)).reduce((sum, n) => sum + n, 0) };
    };
    for (const term of SEARCH_QUERIES) {
      const { time, bytes: fetched } = await measure(term, term);
      times.push(time);
      bytes.push(fetched);
    }
    const otherTimes: number[] = [];
    for (const [typed, shown] of OTHER_SPELLINGS) otherTimes.push((await measure(typed, shown)).time);
    return [
      {
        name: `search ${label}, keystroke to results, median (${times.length} queries)`,
        value: median(times),
        unit: 'ms',
      },
      { name: `search ${label}, keystroke to results, p95`, value: p95(times), unit: 'ms' },
      { name: `search ${label}, index bytes per query, median`, value: median(bytes) / 1024, unit: 'KB' },
      { name: `search ${label}, index bytes per query, max`, value: Math.max(...bytes) / 1024, unit: 'KB' },
      {
        name: `search ${label}, another spelling or a typo, keystroke to results, median (${otherTimes.length} queries)`,
        value: median(otherTimes),
        unit: 'ms',
        note: 'answered by the spelling of this edition, or by its nearest word',
      },
      {
        name: `search ${label}, another spelling or a typo, keystroke to results, max`,
        value: Math.max(...otherTimes),
        unit: 'ms',
      },
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}
