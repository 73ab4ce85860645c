/**
 * The figures of the scale benchmark: each step's time at each scale, the offline precache, the build's
 * peak memory, and how the cost per passage grows from one scale to the next (see build-scale.ts).
 */
import { availableParallelism } from 'node:os';
import type { Figure } from '../figure.ts';
import { memoryMethod } from './timed-run.ts';

/** What one scale's ingest and build measured. */
export interface ScaleResult {
  scale: number;
  passages: number;
  witnessBytes: number;
  ingestedPassages: number;
  ingestMs: number;
  buildMs: number;
  /** Each integration's astro:build:done hook, in the order they ran. */
  hooks: Map<string, number>;
  pages: number;
  records: number;
  peakKb: number | null;
  /** What the offline worker keeps at install (its budget) and what it leaves to be cached when read. */
  precache: { files: number; kb: number; budgetKb: number; deferred: number; deferredKb: number };
  /** The whole build folder, for comparison. */
  dist: { files: number; kb: number };
  /** The 1-minute load average when the build ended: other work on the machine skews the times. */
  load: number;
}

const HOOK_LABELS = new Map([
  ['kirov-pagefind', 'Pagefind'],
  ['kirov-service-worker', 'service worker'],
  ['kirov-csp', 'CSP'],
]);

export function figuresOf(results: ScaleResult[]): Figure[] {
  const hookSum = (r: ScaleResult) => [...r.hooks.values()].reduce((sum, ms) => sum + ms, 0);
  const steps: { name: string; ms: (r: ScaleResult) => number; note?: (r: ScaleResult) => string }[] = [
    {
      name: 'ingest',
      ms: (r) => r.ingestMs,
      note: (r) =>
        `${r.ingestedPassages} passages from a ${(r.witnessBytes / 1024).toFixed(0)} KB witness, child process`,
    },
    {
      name: 'Astro build',
      ms: (r) => r.buildMs - hookSum(r),
      note: (r) => `${r.pages} pages, ${r.passages} passages`,
    },
    ...[...(results[0]?.hooks.keys() ?? [])].map((hook) => ({
      name: HOOK_LABELS.get(hook) ?? `${hook} hook`,
      ms: (r: ScaleResult) => r.hooks.get(hook) ?? Number.NaN,
      ...(hook === 'kirov-pagefind' ? { note: (r: ScaleResult) => `${r.records} records` } : {}),
    })),
    {
      name: 'total',
      ms: (r) => r.ingestMs + r.buildMs,
      note: (r) =>
        `${((r.ingestMs + r.buildMs) / r.passages).toFixed(1)} ms per passage; 1-min load average ${r.load.toFixed(1)} on ${availableParallelism()} CPUs after the build`,
    },
  ];
  const [one, ten, hundred] = results;
  // The cost of each passage added from one scale to the next: flat if the step grows linearly.
  const added = (ms: (r: ScaleResult) => number, from: ScaleResult, to: ScaleResult) =>
    (ms(to) - ms(from)) / (to.passages - from.passages);
  const figures: Figure[] = [];
  for (const r of results) {
    const label = `scale ${r.scale}×`;
    for (const step of steps) {
      const notes = [step.note?.(r)];
      if (r === hundred && one && ten)
        notes.push(
          `per added passage ${added(step.ms, ten, hundred).toFixed(2)} ms (10×→100×) vs ${added(step.ms, one, ten).toFixed(2)} (1×→10×)`,
        );
      const note = notes.filter(Boolean).join('; ');
      figures.push({
        name: `${label}, ${step.name}`,
        value: step.ms(r),
        unit: 'ms',
        ...(note ? { note } : {}),
      });
    }
    figures.push({
      name: `${label}, offline precache`,
      value: r.precache.kb,
      unit: 'KB',
      note: `${r.precache.files} files kept at install (budget ${r.precache.budgetKb} KB); ${r.precache.deferred} files (${(r.precache.deferredKb / 1024).toFixed(1)} MB) over the budget cached when read; dist/ holds ${r.dist.files} files (${(r.dist.kb / 1024).toFixed(1)} MB)`,
    });
    if (r.peakKb !== null)
      figures.push({
        name: `${label}, build peak memory`,
        value: r.peakKb / 1024,
        unit: 'MB',
        note: memoryMethod(),
      });
    if (one && r !== one) {
      const perPassage = (x: ScaleResult) => (x.ingestMs + x.buildMs) / x.passages;
      figures.push({
        name: `${label}, total cost per passage vs 1×`,
        value: perPassage(r) / perPassage(one),
        unit: '×',
        note: 'below 1 while the fixed costs (start-up, Vite) are spread over more passages',
      });
    }
  }
  if (one && ten && hundred) {
    const total = (r: ScaleResult) => r.ingestMs + r.buildMs;
    figures.push({
      name: 'scale 10×→100×, total cost per added passage vs 1×→10×',
      value: added(total, ten, hundred) / added(total, one, ten),
      unit: '×',
      note: 'near 1 if the build grows linearly; above 1 if faster',
    });
  }
  return figures;
}
