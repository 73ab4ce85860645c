import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { MANY_NOTES, manyAnnotations, seedNotes } from '../../tests/e2e/support/many-notes.ts';
import { type Figure, median } from './figure.ts';

/** Runs of each measure; fewer (KIROV_BENCH_RUNS=1) for a build that takes seconds per load. */
const LOAD_RUNS = Number(process.env.KIROV_BENCH_RUNS ?? 3);
const HIGHLIGHT_RUNS = LOAD_RUNS;
/** The words a new highlight marks in the benchmark, and their paragraph (near the top of the essay). */
const NEW_WORDS = { passage: 'zinoviev-and-kamenev-are-no-fools', words: 'no fools' };

/** Records the page's long tasks (over 50 ms) from its start, for the figures below. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Loads the essay with the notes on the device and returns, from the page's load event: the time
 * until the notes in view are drawn and the margin laid out (`reader-notes:drawn`, and a frame
 * painted after it), the time until all deferred work is done, every note read and drawn and the
 * strip's count written (`reader-notes:settled`), and the longest main-thread task in between.
 */
async function loadOnce(
  page: Page,
  url: string,
): Promise<{ drawn: number; settled: number; longest: number }> {
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    // The notes in view drawn and the margin laid out: the page marks it, and a frame is painted.
    while (performance.getEntriesByName('reader-notes:drawn').length === 0) await frame();
    await frame();
    const drawnAt = performance.now();
    const started = performance.getEntriesByName('reader-notes:start')[0];
    // A page that defers work marks when it has none left; give it a few seconds.
    if (started) {
      const until = performance.now() + 20_000;
      while (performance.getEntriesByName('reader-notes:settled').length === 0 && performance.now() < until)
        await frame();
    }
    const settledAt = performance.getEntriesByName('reader-notes:settled')[0]?.startTime ?? drawnAt;
    const counted = () =>
      /^[1-9][\d,]* notes? on this page/.test(document.querySelector('.rn-count')?.textContent ?? '');
    while (!counted()) await frame();
    const loaded = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
      .loadEventEnd;
    const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks;
    const longest = Math.max(0, ...tasks.filter((t) => t.start + t.duration > loaded).map((t) => t.duration));
    return { drawn: drawnAt - loaded, settled: Math.max(settledAt, drawnAt) - loaded, longest };
  });
}

/**
 * A new highlight on a page showing the notes: the time from the click on Highlight to the words
 * marked, their note in the margin and a frame painted.
 */
async function highlightOnce(page: Page): Promise<number> {
  const { passage, words } = NEW_WORDS;
  await page.evaluate(
    ({ passage, words }) => {
      const element = document.getElementById(passage);
      element?.scrollIntoView({ block: 'center' });
      const block = element?.querySelector('p');
      if (!block) throw new Error(`no paragraph #${passage}`);
      // The words may be cut into several marked pieces: found in the paragraph's text, then each
      // end of the range in its text node.
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      const at = nodes
        .map((n) => n.data)
        .join('')
        .indexOf(words);
      const locate = (offset: number): [Text, number] => {
        let left = offset;
        for (const node of nodes) {
          if (left <= node.length) return [node, left];
          left -= node.length;
        }
        throw new Error('past the end');
      };
      if (at !== -1) {
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + words.length));
        document.getSelection()?.removeAllRanges();
        document.getSelection()?.addRange(range);
        return;
      }
      throw new Error(`“${words}” is not in #${passage}`);
    },
    { passage, words },
  );
  const button = page.locator('.rn-bar button', { hasText: 'Highlight' });
  await button.waitFor({ timeout: 60_000 });
  return page.evaluate(async (passage) => {
    const element = document.getElementById(passage) as HTMLElement;
    const before = new Set(
      [...element.querySelectorAll<HTMLElement>('reader-note')].map((n) => n.dataset.rn),
    );
    const button = [...document.querySelectorAll<HTMLButtonElement>('.rn-bar button')].find(
      (b) => b.textContent === 'Highlight',
    ) as HTMLButtonElement;
    const start = performance.now();
    button.click();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const appeared = () =>
      [...element.querySelectorAll<HTMLElement>('reader-note')].some((n) => !before.has(n.dataset.rn));
    while (!appeared()) await frame();
    await frame();
    return performance.now() - start;
  }, passage);
}

/**
 * My notes with the notes on the device: the time from the start of the page's navigation until
 * its list shows its first notes (and a frame is painted), and until the list's heading counts
 * them all; the longest task meanwhile.
 */
async function myNotesOnce(page: Page, url: string): Promise<{ shown: number; longest: number }> {
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    while (!document.querySelector('.mn-list .mn-item')) await frame();
    await frame();
    const shown = performance.now();
    const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks;
    return { shown, longest: Math.max(0, ...tasks.map((t) => t.duration)) };
  });
}

/**
 * The reader's notes with 10,000 annotations on the device, in headless Chromium against a built
 * site: the essay's load to the notes drawn and laid out (budget 200 ms), to all deferred work done,
 * the longest task meanwhile, and a new highlight from click to drawn (budget 100 ms).
 */
export async function benchReaderNotes(distDir: string): Promise<Figure[]> {
  if (!existsSync(join(distDir, 'passages.json'))) {
    console.error(
      `bench: ${distDir}/ not found, the reader's notes not measured (run \`npm run build\` first)`,
    );
    return [];
  }
  const data = JSON.parse(readFileSync(join(distDir, 'passages.json'), 'utf8')) as {
    passages: { id: string; text: string; document: string }[];
  };
  const essay = data.passages.filter((p) => p.document === 'essay');
  const { launchChromium, serveDist } = await import('../../tests/e2e/site.ts');
  const site = await serveDist(distDir);
  const browser = await launchChromium();
  const figures: Figure[] = [];
  try {
    const annotations = manyAnnotations(essay, site.url('/'));
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      await watchLongTasks(page);
      await page.goto(site.url('/about/'));
      await seedNotes(page, annotations);
      const loads: { drawn: number; settled: number; longest: number }[] = [];
      for (let run = 0; run < LOAD_RUNS; run++) {
        loads.push(await loadOnce(page, site.url('/')));
        console.error(`bench: notes at ${width} px, load ${run + 1}: ${JSON.stringify(loads.at(-1))}`);
      }
      const name = (what: string) =>
        `reader's notes, ${MANY_NOTES.toLocaleString('en-GB')} at ${width} px: ${what}`;
      figures.push(
        {
          name: name('load to drawn and laid out'),
          value: median(loads.map((l) => l.drawn)),
          unit: 'ms',
          note: `median of ${LOAD_RUNS}, from the load event (budget 200 ms); max ${Math.max(...loads.map((l) => l.drawn)).toFixed(0)} ms`,
        },
        {
          name: name('load to all drawn'),
          value: median(loads.map((l) => l.settled)),
          unit: 'ms',
          note: 'median; work deferred outside the view included',
        },
        {
          name: name('longest task after load'),
          value: median(loads.map((l) => l.longest)),
          unit: 'ms',
          note: 'median; the page answers input between tasks',
        },
      );
      if (width === 1280) {
        const times: number[] = [];
        for (let run = 0; run < HIGHLIGHT_RUNS; run++) {
          await loadOnce(page, site.url('/'));
          times.push(await highlightOnce(page));
          console.error(`bench: notes at ${width} px, highlight ${run + 1}: ${times.at(-1)} ms`);
        }
        figures.push({
          name: name('new highlight, click to drawn'),
          value: median(times),
          unit: 'ms',
          note: `median of ${HIGHLIGHT_RUNS} (budget 100 ms); max ${Math.max(...times).toFixed(0)} ms`,
        });
      }
      if (width === 1280) {
        const runs: { shown: number; longest: number }[] = [];
        for (let run = 0; run < LOAD_RUNS; run++) {
          runs.push(await myNotesOnce(page, site.url('/my-notes/')));
          console.error(`bench: My notes at ${width} px, load ${run + 1}: ${JSON.stringify(runs.at(-1))}`);
        }
        figures.push(
          {
            name: name('My notes, first notes shown'),
            value: median(runs.map((r) => r.shown)),
            unit: 'ms',
            note: `median of ${LOAD_RUNS}, from the start of the navigation; max ${Math.max(...runs.map((r) => r.shown)).toFixed(0)} ms`,
          },
          {
            name: name('My notes, longest task'),
            value: median(runs.map((r) => r.longest)),
            unit: 'ms',
            note: 'median; from the start of the navigation to the first notes shown',
          },
        );
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return figures;
}

// Run alone (node scripts/bench/reader-notes.ts [dist]) to measure only this.
if (import.meta.main) {
  for (const figure of await benchReaderNotes(process.argv[2] ?? 'dist'))
    console.log(`${figure.name}: ${figure.value.toFixed(1)} ${figure.unit}  ${figure.note ?? ''}`);
}
