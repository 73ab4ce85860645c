import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUDGETS } from '../../scripts/lib/budgets.ts';
import { pageWeight } from '../../scripts/lib/page-weight.ts';
import { base, distDir, distFiles, htmlPages } from './support/built.ts';

/*
 * The byte budgets (scripts/lib/budgets.ts), asserted because bytes, unlike times, are the same on
 * every machine. `npm run bench` prints the same figures with their parts.
 */

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('size budgets', () => {
  const reader = pageWeight(distDir, 'index.html', base);

  test.each(htmlPages)('%s runs no script before it can be read', (page) => {
    expect(pageWeight(distDir, page, base).blockingJs.raw).toBe(BUDGETS.blockingJs);
  });

  test(`the reader page's critical bytes stay within ${kb(BUDGETS.readerCriticalGzip)} gzip`, () => {
    expect(reader.critical.gzip, `critical bytes are ${kb(reader.critical.gzip)} gzip`).toBeLessThanOrEqual(
      BUDGETS.readerCriticalGzip,
    );
  });

  test(`the reader page weighs at most ${BUDGETS.readerRatioCeiling}× its own text`, () => {
    // The text is most of the page: the essay's 60 paragraphs and their notes, some 44 KB.
    expect(reader.text.raw).toBeGreaterThan(40_000);
    expect(
      reader.ratio,
      `${kb(reader.critical.gzip)} for ${kb(reader.text.gzip)} of text`,
    ).toBeLessThanOrEqual(BUDGETS.readerRatioCeiling);
  });

  test(`the scripts that load after the page is readable stay within ${kb(BUDGETS.enhancementJsGzip)} gzip`, () => {
    expect(reader.enhancementJs.gzip).toBeGreaterThan(0);
    expect(reader.enhancementJs.gzip).toBeLessThanOrEqual(BUDGETS.enhancementJsGzip);
  });

  test(`the whole build stays within ${kb(BUDGETS.distBytes)}`, () => {
    const total = distFiles.reduce((sum, file) => sum + statSync(join(distDir, file)).size, 0);
    expect(total, `dist/ holds ${kb(total)}`).toBeLessThanOrEqual(BUDGETS.distBytes);
  });
});
