/**
 * npm run bench — prints the figures our budgets are judged by, and writes them to bench-results/bench.json.
 * Times are measured, never asserted: machines differ, and a timed unit test only teaches people to retry.
 * Byte budgets, which are deterministic, are asserted by the site checks (npm run check:site).
 *
 *   ingest (edition)   the real witness and edition file, median of 5 runs, in-process
 *   ingest (10 MB)     a synthetic 10 MB witness (copies of the scrape with distinct names), in a child
 *                      process so that its peak memory is its own
 *   search             in headless Chromium against the built dist/: time from the last keystroke to
 *                      rendered results over 24 queries on a warm page (median, p95), and the bytes of
 *                      the index fetched per query (run `npm run build` first; skipped with a note if
 *                      dist/ or Chromium is missing)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Figure } from './bench/figure.ts';
import { benchEditionIngest, benchLargeIngest } from './bench/ingest.ts';
import { benchSearch } from './bench/search.ts';

const figures: Figure[] = [
  ...benchEditionIngest(),
  ...benchLargeIngest(),
  ...(await benchSearch('dist', '1×')),
];
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
