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
 * `label` names the corpus in the figures (e.g. "1×", "100×"). Two times per query: to the first
 * results shown (the status line names the query, drawn with the first result, its title and
 * excerpt), and to the whole page of ten (the list no longer busy: every result's text has arrived).
 * A build whose list is never busy draws the page at once: its two times are one.
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
    const wholeTimes: number[] = [];
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
    /**
     * The times from typing `query` to the status line naming `shown` and to the list whole, and the
     * index bytes fetched.
     */
    const measure = async (query: string, shown: string) => {
      pending = [];
      const [time, whole] = await page.evaluate(
        async ([query, shown]) => {
          const field = document.querySelector<HTMLInputElement>('#site-search-input');
          const status = document.querySelector('.search-status');
          const list = document.querySelector('.search-list');
          if (!field || !status || !list) throw new Error('no search field on the page');
          const done = new Promise<[number, number]>((resolve) => {
            let shownAt = 0;
            const observer = new MutationObserver(() => {
              if (!shownAt && status.textContent?.includes(`“${shown}”`)) shownAt = performance.now();
              if (shownAt && list.getAttribute('aria-busy') !== 'true') {
                observer.disconnect();
                resolve([shownAt, performance.now()]);
              }
            });
            observer.observe(status, { childList: true, characterData: true, subtree: true });
            observer.observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
          });
          field.value = query;
          const start = performance.now();
          field.dispatchEvent(new Event('input', { bubbles: true }));
          const [shownAt, wholeAt] = await done;
          return [shownAt - start, wholeAt - start];
        },
        [query, shown] as const,
      );
      return { time, whole, bytes: (await Promise.all(pending)).reduce((sum, n) => sum + n, 0) };
    };
    for (const term of SEARCH_QUERIES) {
      const { time, whole, bytes: fetched } = await measure(term, term);
      times.push(time);
      wholeTimes.push(whole);
      bytes.push(fetched);
    }
    const otherTimes: number[] = [];
    for (const [typed, shown] of OTHER_SPELLINGS) otherTimes.push((await measure(typed, shown)).time);
    return [
      {
        name: `search ${label}, keystroke to the first results shown, median (${times.length} queries)`,
        value: median(times),
        unit: 'ms',
        note: 'the count and the first result, its title and excerpt, drawn',
      },
      { name: `search ${label}, keystroke to the first results shown, p95`, value: p95(times), unit: 'ms' },
      {
        name: `search ${label}, keystroke to the whole page of results, median`,
        value: median(wholeTimes),
        unit: 'ms',
        note: 'every result of the page (ten) drawn with its excerpt',
      },
      {
        name: `search ${label}, keystroke to the whole page of results, p95`,
        value: p95(wholeTimes),
        unit: 'ms',
      },
      { name: `search ${label}, index bytes per query, median`, value: median(bytes) / 1024, unit: 'KB' },
      { name: `search ${label}, index bytes per query, max`, value: Math.max(...bytes) / 1024, unit: 'KB' },
      {
        name: `search ${label}, another spelling or a typo, keystroke to the first results shown, median (${otherTimes.length} queries)`,
        value: median(otherTimes),
        unit: 'ms',
        note: 'answered by the spelling of this edition, or by its nearest word',
      },
      {
        name: `search ${label}, another spelling or a typo, keystroke to the first results shown, max`,
        value: Math.max(...otherTimes),
        unit: 'ms',
      },
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}
