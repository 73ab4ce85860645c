import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  fileOf,
  PRECACHE_BUDGET,
  planOf,
  precacheBytes,
  SITE_PAGES_FILE,
  verifyPlan,
} from '../../src/integrations/service-worker.ts';
import { base, distDir, htmlPages, pathOfPage } from './support/built.ts';

/*
 * The offline worker as published: every file it keeps at install is in the build, as it was when the
 * worker was written (a partial upload or a later step that changed a file shows here, before a reader
 * meets it), within the budget, and the worker knows every page of the site.
 */

const plan = planOf(readFileSync(join(distDir, 'sw.js'), 'utf8'));
const revision = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(distDir, file)))
    .digest('hex')
    .slice(0, 16);

describe('the offline worker (sw.js)', () => {
  test('carries its plan: the shell and the files kept at install', () => {
    expect(plan?.base).toBe(base);
    expect(plan?.shell.map((entry) => entry.url)).toEqual(
      expect.arrayContaining([`${base}404.html`, `${base}offline/`, `${base}${SITE_PAGES_FILE}`]),
    );
  });

  test('keeps only files the build has, each as the worker was written for it', () => {
    if (!plan)
      throw new Error('sw.js: Unexpected worker without a plan, expected `self.kirovOffline = {…};`');
    expect(() => verifyPlan(plan, distDir)).not.toThrow();
    const stale = [...plan.shell, ...plan.precache].filter(
      (entry) => revision(fileOf(entry.url, base)) !== entry.revision,
    );
    expect(stale.map((entry) => entry.url)).toEqual([]);
  });

  test(`keeps at most ${PRECACHE_BUDGET / 1024} KB at install, and at 1× the whole reading edition`, () => {
    if (!plan) throw new Error('sw.js: no plan');
    const kept = [...plan.shell, ...plan.precache].map((entry) => ({
      ...entry,
      bytes: readFileSync(join(distDir, fileOf(entry.url, base))).length,
    }));
    expect(precacheBytes({ ...plan, shell: kept, precache: [] })).toBeLessThanOrEqual(PRECACHE_BUDGET);
    const keptUrls = new Set(kept.map((entry) => entry.url));
    const unkept = htmlPages.map(pathOfPage).filter((path) => !keptUrls.has(path));
    expect(unkept).toEqual([]);
  });

  test('knows every page of the site, so that offline it tells a page not kept from no page', () => {
    const pages: string[] = JSON.parse(readFileSync(join(distDir, SITE_PAGES_FILE), 'utf8'));
    const expected = htmlPages
      .filter((page) => page !== '404.html' && page !== 'offline/index.html')
      .map(pathOfPage);
    expect(pages.toSorted()).toEqual(expected.toSorted());
  });
});
