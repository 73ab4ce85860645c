/**
 * npm run bench — prints the figures our budgets are judged by, and writes them to bench-results/bench.json.
 * Times are measured, never asserted: machines differ, and a timed unit test only teaches people to retry.
 * Byte budgets, which are deterministic, are asserted by the site checks (npm run check:site).
 *
 *   ingest (edition)   the real witness and edition file, median of 5 runs, in-process
 *   ingest (10 MB,     synthetic witnesses (copies of the scrape with distinct names), each in a child
 *           100 MB)    process so that its peak memory is its own; 100 MB is past the ingest's limit,
 *                      so its figures are the refusal's
 *   ingest refusals    /dev/zero and a FIFO as the witness and as the edition file, each in a child
 *                      process: the refusal's time and peak memory, against the peak of `--help`
 *   page weight        the reader page's HTML, render-blocking CSS and JS needed to read, raw and gzip,
 *                      against the gzip of its visible text and notes (goal ≤ 1.5), and the JS that
 *                      loads after it is readable (scripts/lib/page-weight.ts says what counts)
 *   search             in headless Chromium against the built dist/: time from the last keystroke to
 *                      the first results shown, and to the whole page of ten, over 24 queries on a warm
 *                      page (median, p95), and the bytes of
 *                      the index fetched per query; then 8 queries answered by another word (a name in
 *                      another spelling, a typo), median and max (run `npm run build` first; skipped
 *                      with a note if dist/ or Chromium is missing)
 *   margin             in headless Chromium against the built dist/: how far the essay's marginal notes
 *                      stand from the line of their words at 1024, 1280, 1600 and 1920 px (median,
 *                      p95, max, share within 32 px); the browser test bounds the same figures
 *   class view         in headless Chromium against the built dist/: the time from 30 students' hand-in
 *                      files (10 questions each), given at once, to the class view's table drawn
 *                      (median of 5; the budget is 200 ms)
 *   reader's notes     in headless Chromium against the built dist/: 10,000 annotations over the essay
 *                      (some on the same words) on the device; the essay's load event to the notes
 *                      near the view drawn and laid out (budget 200 ms), to all drawn, the longest
 *                      task meanwhile, at 1280 and 390 px; a new highlight from click to drawn
 *                      (budget 100 ms); My notes from its navigation to its first notes shown.
 *                      Alone: node scripts/bench/reader-notes.ts [dist]
 *   lighthouse         Lighthouse's performance, accessibility, best-practices and SEO scores of the reader
 *                      page in dist/, mobile and desktop, with FCP, LCP, TBT, CLS, byte weight and any
 *                      request to another origin (full reports in bench-results/lighthouse*.json)
 *   scale              ingest, Astro, Pagefind and service-worker times, and the build's peak memory, for
 *                      the edition (1×) and synthetic corpora 10× and 100× its size, each built cold in a
 *                      temp copy of the project; then search again on the 100× build (see
 *                      scripts/bench/build-scale.ts for how the corpora are made and what is measured)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { benchBuildScale } from './bench/build-scale.ts';
import { benchClassView } from './bench/class-view.ts';
import type { Figure } from './bench/figure.ts';
import { benchEditionIngest, benchLargeIngest, benchRefusals } from './bench/ingest.ts';
import { benchLighthouse } from './bench/lighthouse.ts';
import { benchMargin } from './bench/margin.ts';
import { benchPageWeight } from './bench/page-weight.ts';
import { benchReaderNotes } from './bench/reader-notes.ts';
import { benchSearch } from './bench/search.ts';

const figures: Figure[] = [
  ...benchEditionIngest(),
  ...benchLargeIngest(),
  ...benchRefusals(),
  ...benchPageWeight('dist'),
  ...(await benchSearch('dist', '1×')),
  ...(await benchMargin('dist')),
  ...(await benchClassView('dist')),
  ...(await benchReaderNotes('dist')),
  ...(await benchLighthouse('dist')),
];
const scale = await benchBuildScale();
figures.push(...scale.figures);
if (scale.dist100) {
  try {
    figures.push(...(await benchSearch(scale.dist100, '100×')));
  } finally {
    // The 100× build lies in the scale section's temp folder, with nothing else left in it.
    rmSync(dirname(scale.dist100), { recursive: true, force: true });
  }
}
const width = Math.max(...figures.map((f) => f.name.length));
console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(10)}  unit  note`);
for (const figure of figures) {
  console.log(
    `${figure.name.padEnd(width)}  ${figure.value.toFixed(figure.unit === '×' ? 2 : 1).padStart(10)}  ${figure.unit.padEnd(4)}  ${figure.note ?? ''}`,
  );
}
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/bench.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, figures }, null, 2)}\n`,
);
console.log('\nwritten to bench-results/bench.json');
