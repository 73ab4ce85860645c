import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Flags, Result } from 'lighthouse';
import type { Figure } from './figure.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** The metrics printed beside the scores: Lighthouse audit id → printed name and unit. */
const METRICS = [
  { id: 'first-contentful-paint', name: 'FCP', unit: 'ms', scale: 1 },
  { id: 'largest-contentful-paint', name: 'LCP', unit: 'ms', scale: 1 },
  { id: 'total-blocking-time', name: 'TBT', unit: 'ms', scale: 1 },
  { id: 'total-byte-weight', name: 'total byte weight', unit: 'KB', scale: 1 / 1024 },
] as const;

/**
 * Lighthouse's scores for the reader page (the site root, the essay) of a built site, with its default
 * mobile settings (simulated slow 4G and a 4× slower CPU) and its desktop preset, in Debian's Chromium.
 * The full mobile and desktop reports are written to bench-results/lighthouse.json and
 * lighthouse-desktop.json. Every request the page made to another origin is counted, since the edition
 * promises that there are none.
 */
export async function benchLighthouse(distDir: string): Promise<Figure[]> {
  const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(join(distDir, 'index.html'))) {
    console.error(`bench: ${distDir}/ not found, Lighthouse not run (run \`npm run build\` first)`);
    return [];
  }
  if (!existsSync(chromePath)) {
    console.error(
      `bench: Chromium not found at ${chromePath}, Lighthouse not run (install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH)`,
    );
    return [];
  }
  const [{ default: lighthouse, desktopConfig }, chromeLauncher, { serveDist, chromiumFlags }] =
    await Promise.all([import('lighthouse'), import('chrome-launcher'), import('../../tests/e2e/site.ts')]);
  const site = await serveDist(distDir);
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [...chromiumFlags],
    logLevel: 'silent',
  });
  try {
    const url = site.url('/');
    const flags: Flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    };
    const figures: Figure[] = [];
    mkdirSync('bench-results', { recursive: true });
    for (const [formFactor, config, reportFile] of [
      ['mobile', undefined, 'bench-results/lighthouse.json'],
      ['desktop', desktopConfig, 'bench-results/lighthouse-desktop.json'],
    ] as const) {
      const result = await lighthouse(url, flags, config);
      if (!result) throw new Error(`Lighthouse (${formFactor}) returned no result for ${url}`);
      writeFileSync(reportFile, `${result.report}\n`);
      const { lhr } = result;
      if (lhr.runtimeError) {
        console.error(
          `bench: Lighthouse (${formFactor}) could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`,
        );
        continue;
      }
      figures.push(...describe(lhr, formFactor, site.origin, reportFile));
    }
    return figures;
  } finally {
    chrome.kill();
    await site.close();
  }
}

function describe(lhr: Result, formFactor: string, origin: string, reportFile: string): Figure[] {
  const figures: Figure[] = [];
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    // Performance audits below 1 are opportunities, reflected in the metrics; elsewhere they are faults.
    const failing =
      id === 'performance'
        ? []
        : (category?.auditRefs ?? []).filter((ref) => {
            const score = lhr.audits[ref.id]?.score;
            return score !== null && score !== undefined && score < 1;
          });
    figures.push({
      name: `lighthouse ${formFactor}, ${category?.title ?? id}`,
      value: Math.round((category?.score ?? 0) * 100),
      unit: '/100',
      ...(failing.length > 0 ? { note: `below 1: ${failing.map((ref) => ref.id).join(', ')}` } : {}),
    });
  }
  for (const metric of METRICS) {
    const audit = lhr.audits[metric.id];
    figures.push({
      name: `lighthouse ${formFactor}, ${metric.name}`,
      value: (audit?.numericValue ?? Number.NaN) * metric.scale,
      unit: metric.unit,
    });
  }
  const cls = lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN;
  const requests =
    (lhr.audits['network-requests']?.details as { items?: { url?: string }[] } | undefined)?.items ?? [];
  const elsewhere = requests.filter(
    (request) => request.url && !/^(data|blob):/.test(request.url) && !request.url.startsWith(`${origin}/`),
  );
  figures.push(
    { name: `lighthouse ${formFactor}, CLS`, value: cls, unit: '', note: cls.toFixed(3) },
    {
      name: `lighthouse ${formFactor}, requests to other origins`,
      value: elsewhere.length,
      unit: '',
      note:
        elsewhere.length > 0
          ? elsewhere.map((request) => request.url).join(' ')
          : `of ${requests.length} requests; report in ${reportFile}`,
    },
  );
  return figures;
}
