import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './figure.ts';

/** The widths the margin is measured at: a small laptop, a laptop, and two desktop screens. */
const WIDTHS = [1024, 1280, 1600, 1920] as const;

/**
 * How far the marginal notes of the essay's page stand from their words, in headless Chromium
 * against a built site, at each width: median, 95th percentile and maximum distance between a
 * note's top and the top of its words' first line, and the share within 32 px. The browser test
 * on the margin (tests/e2e/notes.test.ts) bounds the same figures, measured by the same code.
 */
export async function benchMargin(distDir: string): Promise<Figure[]> {
  if (!existsSync(join(distDir, 'index.html'))) {
    console.error(`bench: ${distDir}/ not found, the margin not measured (run \`npm run build\` first)`);
    return [];
  }
  const { launchChromium, serveDist } = await import('../../tests/e2e/site.ts');
  const { marginFigures, measureMargin, NEAR_PX, settleNotes } = await import(
    '../../tests/e2e/support/margin-notes.ts'
  );
  const site = await serveDist(distDir);
  const browser = await launchChromium();
  const figures: Figure[] = [];
  try {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(site.url('/'));
      await settleNotes(page);
      const layout = await measureMargin(page);
      const margin = marginFigures(layout.notes);
      const name = (what: string) => `margin at ${width} px: ${what}`;
      figures.push(
        { name: name('median distance'), value: margin.median, unit: 'px', note: `${margin.count} notes` },
        { name: name('p95 distance'), value: margin.p95, unit: 'px' },
        {
          name: name('max distance'),
          value: margin.max,
          unit: 'px',
          note: `${layout.overlaps.length} overlaps, ${layout.covering.length} over the text`,
        },
        { name: name(`within ${NEAR_PX} px`), value: margin.nearShare * 100, unit: '%' },
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return figures;
}
