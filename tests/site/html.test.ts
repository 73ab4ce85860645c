import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, test } from 'vitest';
import { readPassageFiles } from '../support/edition-files.ts';
import { distDir, htmlPages } from './support/built.ts';

/*
 * Every built page is valid HTML by html-validate's recommended and document rules, with three
 * rules set on purpose:
 * - require-sri: integrity hashes guard files fetched from another origin; every script here is the
 *   site's own, served with the page, and the Content-Security-Policy already pins what may run.
 * - no-redundant-role: the apparatus table carries explicit table roles because its phone layout
 *   (display: block) drops the table semantics in some browsers; see pages.css.
 * - heading-level: the timeline rail, with its "Timeline" h2, comes before the text and its h1 in
 *   reading order, as it stands before the text on every screen.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    'require-sri': 'off',
    'no-redundant-role': [
      'error',
      { exclude: ['table', 'rowgroup', 'row', 'columnheader', 'rowheader', 'cell'] },
    ],
    'heading-level': ['error', { minInitialRank: 'h2' }],
  },
});

describe('HTML validity', () => {
  test('the build has its pages to check', () => {
    expect(htmlPages).toContain('index.html');
    expect(htmlPages).toContain('obituary/index.html');
    // A present page for every passage (and one for each retired id).
    expect(htmlPages.filter((page) => page.startsWith('p/')).length).toBeGreaterThanOrEqual(
      readPassageFiles().length,
    );
  });

  test.each(htmlPages)('%s is valid HTML', async (page) => {
    const report = await validator.validateString(readFileSync(join(distDir, page), 'utf8'), page);
    const problems = report.results.flatMap((result) =>
      result.messages.map(
        (message) => `${page}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`,
      ),
    );
    expect(problems).toEqual([]);
  });
});
