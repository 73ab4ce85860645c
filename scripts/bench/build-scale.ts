/**
 * How the ingest and the build scale with the size of the edition: the edition itself (1×) and
 * synthetic corpora 10× and 100× its size. Each scale is measured in its own temp copy of the project
 * (scripts/lib/project-copy.ts), with its own KIROV_CACHE_DIR, so the real content/, dist/ and caches are
 * never touched and every build is cold.
 *
 *   ingest    `node scripts/ingest.ts <witness> --no-edition --out <tmp>` in a child process, wall
 *             time (Node's start-up included: it is what a user waits for), on the N× synthetic
 *             witness (scale/corpus.ts): the real passages' source text N times, sentences shuffled
 *             after the first copy. No edition file: its decisions quote the real witness, so the
 *             ingest runs on its heuristics alone, at 1× too, so that the three scales do the same work.
 *   build     `astro build --config scripts/bench/astro-timed.config.ts` in a child process (the
 *             project's config, with each of the site's build steps timed and printed).
 *             At 1× the copy's passages are the real ones. At N× each real passage gets N−1 shuffled
 *             copies beside it (scale/corpus.ts; the document reads through, then again, N times).
 *             The notes, timeline, index, ledger and id lock stay as they are: they anchor to the
 *             real passages, which are all still there. `astro build` is run directly (not `npm run
 *             build`, whose `ingest --check` would reject the extra passages).
 *   Astro     the build's wall time minus all its timed build steps: Node's start-up,
 *             config, content sync, types, Vite, and rendering every page.
 *   Pagefind  the kirov-pagefind step: making the records from the edition model and writing the index.
 *   service worker  the kirov-service-worker step (hashing every file, planning the precache).
 *   offline precache  what the service worker keeps at install (files, KB, within its budget) and
 *             what it leaves to be cached when read, beside the size of the whole build.
 *   CSP, …    every other build step (src/integrations/kirov-reader.ts), one figure each, so that a new
 *             step is timed apart from Astro without touching this file.
 *   total     ingest + the whole build.
 *   per-passage cost vs 1×   (total / passages) at N×, divided by the same at 1×. Fixed costs (start-up,
 *             Vite) are spread over more passages as N grows, so this falls below 1; what would
 *             show a step growing faster than linearly is the marginal figure: the cost per passage
 *             added from 10× to 100×, divided by the cost per passage added from 1× to 10×.
 *   peak memory  the largest resident set of any one process of the build (Astro's Node process;
 *             Pagefind's indexer runs as a separate process), as scale/timed-run.ts measures it; the
 *             figure's note says how.
 *
 * The 100× build's folder is returned so that the search benchmark can run on it; the caller deletes
 * its parent (the temp folder of this section) afterwards. Progress goes to stderr.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyProject } from '../lib/project-copy.ts';
import type { Figure } from './figure.ts';
import { type RealPassage, readRealPassages, syntheticWitness, writeCopies } from './scale/corpus.ts';
import { figuresOf, type ScaleResult } from './scale/figures.ts';
import { sizeOf } from './scale/folder-size.ts';
import { timedRun } from './scale/timed-run.ts';

const SCALES = [1, 10, 100] as const;
/** Printed by scripts/bench/astro-timed.config.ts after each timed build step. */
const HOOK_TIME_MARK = 'kirov-bench-hook-ms';

export async function benchBuildScale(): Promise<{ figures: Figure[]; dist100: string | null }> {
  const root = mkdtempSync(join(tmpdir(), 'kirov-bench-scale-'));
  try {
    const real = readRealPassages();
    const results: ScaleResult[] = [];
    for (const scale of SCALES) results.push(await measureScale(root, scale, real));
    return { figures: figuresOf(results), dist100: join(root, 'dist-100x') };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

async function measureScale(root: string, scale: number, real: readonly RealPassage[]): Promise<ScaleResult> {
  const label = `${scale}×`;
  const project = join(root, `project-${scale}x`);
  copyProject(project);

  const witness = join(root, `witness-${scale}x.txt`);
  const witnessText = syntheticWitness(real, scale);
  writeFileSync(witness, witnessText);
  const witnessBytes = Buffer.byteLength(witnessText);
  progress(`${label} ingest of a ${(witnessBytes / 1024).toFixed(0)} KB witness…`);
  const ingestOut = join(root, `ingest-${scale}x`);
  const ingest = await timedRun(
    process.execPath,
    ['scripts/ingest.ts', witness, '--no-edition', '--out', ingestOut],
    project,
    process.env,
  );
  const ingestedPassages = Number(/ingest: (\d+) passages/.exec(ingest.stderr)?.[1] ?? Number.NaN);
  progress(`${label} ingest: ${ingestedPassages} passages in ${ingest.ms.toFixed(0)} ms`);
  rmSync(ingestOut, { recursive: true, force: true });
  rmSync(witness, { force: true });

  const passages = scale === 1 ? real.length : writeCopies(project, real, scale);
  const dist = join(root, `dist-${scale}x`);
  progress(`${label} build of ${passages} passages…`);
  const build = await timedRun(
    process.execPath,
    [
      join(project, 'node_modules/astro/bin/astro.mjs'),
      'build',
      '--config',
      'scripts/bench/astro-timed.config.ts',
      '--outDir',
      dist,
    ],
    project,
    { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', KIROV_CACHE_DIR: join(root, `cache-${scale}x`) },
    (line) => {
      if (/\[(build|kirov-[\w-]+)\]/.test(line)) progress(`${label}   ${line.replace(/^\S+ /, '')}`);
    },
  );
  const log = `${build.stdout}\n${build.stderr}`;
  const hooks = new Map(
    [...log.matchAll(new RegExp(`^${HOOK_TIME_MARK} (\\S+) ([\\d.]+)$`, 'gm'))].map(
      ([, name, ms]) => [name ?? '', Number(ms)] as const,
    ),
  );
  for (const name of ['kirov-pagefind', 'kirov-service-worker'])
    if (!hooks.has(name)) throw new Error(`bench: the ${label} build printed no time for the ${name} step`);
  const result: ScaleResult = {
    scale,
    passages,
    witnessBytes,
    ingestedPassages,
    ingestMs: ingest.ms,
    buildMs: build.ms,
    hooks,
    pages: Number(/(\d+) page\(s\) built/.exec(log)?.[1] ?? Number.NaN),
    records: Number(/indexed (\d+) records/.exec(log)?.[1] ?? Number.NaN),
    peakKb: build.peakKb,
    precache: precacheOf(log, label),
    dist: sizeOf(dist),
    load: loadavg()[0] ?? Number.NaN,
  };
  progress(`${label} build: ${result.pages} pages in ${build.ms.toFixed(0)} ms`);
  rmSync(project, { recursive: true, force: true });
  rmSync(join(root, `cache-${scale}x`), { recursive: true, force: true });
  if (scale !== 100) rmSync(dist, { recursive: true, force: true });
  return result;
}

/** The offline worker step's report: "precaches N files (K KB of a B KB budget); D files (E KB) are cached when read". */
function precacheOf(log: string, label: string): ScaleResult['precache'] {
  const match =
    /precaches (\d+) files \((\d+) KB of a (\d+) KB budget\); (\d+) files \((\d+) KB\) are cached when read/.exec(
      log,
    );
  if (!match) throw new Error(`bench: the ${label} build printed no precache figures (kirov-service-worker)`);
  const [, files, kb, budgetKb, deferred, deferredKb] = match.map(Number);
  return {
    files: files ?? Number.NaN,
    kb: kb ?? Number.NaN,
    budgetKb: budgetKb ?? Number.NaN,
    deferred: deferred ?? Number.NaN,
    deferredKb: deferredKb ?? Number.NaN,
  };
}

function progress(message: string): void {
  process.stderr.write(`bench: scale ${message}\n`);
}
