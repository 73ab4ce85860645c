/**
 * npm run bench — prints the figures our budgets are judged by, and writes them to bench-results/bench.json.
 * Times are measured, never asserted: machines differ, and a timed unit test only teaches people to retry.
 *
 *   ingest (edition)   the real witness and edition file, median of 5 runs, in-process
 *   ingest (10 MB)     a synthetic 10 MB witness (copies of the scrape with distinct names), in a child
 *                      process so that its peak memory is its own
 *   search             in headless Chromium against the built dist/: time from the last keystroke to
 *                      rendered results over 24 queries on a warm page (median, p95), and the bytes of
 *                      the index fetched per query (run `npm run build` first; skipped with a note if
 *                      dist/ or Chromium is missing)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestWitness } from '../src/lib/ingest-witness.ts';

const WITNESS = 'content/source/kirov-scrape.txt';
const EDITION = 'content/source/kirov-scrape.edition.yaml';

interface Figure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** Child mode: ingest one file with no edition and print time and peak memory as JSON. */
if (process.argv[2] === '--child-ingest') {
  const path = process.argv[3] ?? '';
  const start = performance.now();
  const result = ingestWitness({
    witness: readFileSync(path),
    witnessFile: path,
    edition: null,
    editionFile: null,
    lock: null,
  });
  const ms = performance.now() - start;
  process.stdout.write(
    JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, passages: result.passages.length }),
  );
  process.exit(0);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function benchEditionIngest(): Figure[] {
  const input = {
    witness: readFileSync(WITNESS),
    witnessFile: WITNESS,
    edition: readFileSync(EDITION, 'utf8'),
    editionFile: EDITION,
    lock: null,
  };
  ingestWitness(input); // warm-up: module loading and JIT are not the ingest's cost
  const times: number[] = [];
  let passages = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    passages = ingestWitness(input).passages.length;
    times.push(performance.now() - start);
  }
  return [
    { name: 'ingest, edition (median of 5)', value: median(times), unit: 'ms', note: `${passages} passages` },
  ];
}

function benchLargeIngest(): Figure[] {
  const dir = mkdtempSync(join(tmpdir(), 'kirov-bench-'));
  try {
    const scrape = readFileSync(WITNESS, 'utf8');
    const copies: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 10 * 1024 * 1024; i++) {
      const copy = scrape.replaceAll('Kirov', `Kirov${i}`);
      copies.push(copy);
      bytes += Buffer.byteLength(copy) + 2;
    }
    const path = join(dir, 'big.txt');
    writeFileSync(path, copies.join('\n\n'));
    const child = spawnSync(process.execPath, [import.meta.filename, '--child-ingest', path], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`the 10 MB ingest failed:\n${child.stderr}`);
    const { ms, maxRssKb, passages } = JSON.parse(child.stdout) as {
      ms: number;
      maxRssKb: number;
      passages: number;
    };
    const megabytes = bytes / 1024 / 1024;
    return [
      {
        name: `ingest, ${megabytes.toFixed(1)} MB witness`,
        value: ms,
        unit: 'ms',
        note: `${passages} passages`,
      },
      { name: `ingest, ${megabytes.toFixed(1)} MB witness, peak memory`, value: maxRssKb / 1024, unit: 'MB' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

async function benchSearch(): Promise<Figure[]> {
  if (!existsSync('dist/index.html')) {
    console.error('bench: dist/ not found, search not measured (run `npm run build` first)');
    return [];
  }
  const { launchChromium, serveDist } = await import('../tests/e2e/site.ts');
  const site = await serveDist();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(site.url('/'));
    const input = page.getByRole('searchbox', { name: 'Search the edition' });
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
    const sorted = [...times].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
    return [
      {
        name: `search, keystroke to results, median (${times.length} queries)`,
        value: median(times),
        unit: 'ms',
      },
      { name: 'search, keystroke to results, p95', value: p95, unit: 'ms' },
      { name: 'search, index bytes fetched per query, median', value: median(bytes) / 1024, unit: 'KB' },
      { name: 'search, index bytes fetched per query, max', value: Math.max(...bytes) / 1024, unit: 'KB' },
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}

const figures = [...benchEditionIngest(), ...benchLargeIngest(), ...(await benchSearch())];
const width = Math.max(...figures.map((f) => f.name.length));
console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(10)}  unit  note`);
for (const figure of figures) {
  console.log(
    `${figure.name.padEnd(width)}  ${figure.value.toFixed(1).padStart(10)}  ${figure.unit.padEnd(4)}  ${figure.note ?? ''}`,
  );
}
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/bench.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, figures }, null, 2)}\n`,
);
console.log('\nwritten to bench-results/bench.json');
