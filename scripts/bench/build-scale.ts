/**
 * How the ingest and the build scale with the size of the edition: the edition itself (1×) and
 * synthetic corpora 10× and 100× its size. Each scale is measured in its own temp copy of the project
 * (package.json, astro.config.ts, tsconfig.json, src/, scripts/, content/, and a node_modules/ folder of
 * symlinks to the project's packages, so that Vite's cache lands in the copy), with its own
 * KIROV_CACHE_DIR, so the real content/, dist/ and caches are never touched and every build is cold.
 *
 *   ingest    `node scripts/ingest.ts <witness> --no-edition --out <tmp>` in a child process, wall
 *             time (Node's start-up included: it is what a user waits for). The witness is made of
 *             the source text of the real passages (their witness ranges: the kept prose, without
 *             the page's boilerplate and the editorial gap markers), N times over: the first copy as
 *             printed, every other copy with each paragraph's sentences shuffled by a seeded PRNG, so
 *             the ingest meets distinct paragraphs and must still give each a unique id. One-sentence
 *             paragraphs cannot be shuffled and repeat verbatim. No edition file: its decisions quote
 *             the real witness, so the ingest runs on its heuristics alone, at 1× too, so that the
 *             three scales do the same work.
 *   build     `astro build --config scripts/bench/astro-timed.config.ts` in a child process (the
 *             project's config, with each integration's astro:build:done hook timed and printed).
 *             At 1× the copy's passages are the real ones. At N× each real passage gets N−1 copies
 *             beside it in content/passages/<document>/: id `<id>-c<k>`, ¶ numbers continuing after
 *             the document's last (the document reads through, then again, N times), same document
 *             and section, the same witness range (the passage it copies), sentences shuffled as
 *             above, gap markers kept with their offsets and ids recomputed. The notes, timeline,
 *             index, ledger and id lock stay as they are: they anchor to the real passages, which
 *             are all still there. `astro build` is run directly (not `npm run build`, whose
 *             `ingest --check` would reject the extra passages).
 *   Astro     the build's wall time minus all its timed astro:build:done hooks: Node's start-up,
 *             config, content sync, types, Vite, and rendering every page.
 *   Pagefind  the kirov-pagefind hook: reading the published JSON and writing the index.
 *   service worker  the kirov-service-worker hook (hashing every file, planning the precache).
 *   offline precache  what the service worker keeps at install (files, KB, within its budget) and
 *             what it leaves to be cached when read, beside the size of the whole build.
 *   CSP, …    every other integration's astro:build:done hook, one figure each, so that a new
 *             integration is timed apart from Astro without touching this file.
 *   total     ingest + the whole build.
 *   per-passage cost vs 1×   (total / passages) at N×, divided by the same at 1×. Fixed costs (start-up,
 *             Vite) are spread over more passages as N grows, so this falls below 1; what would
 *             show a step growing faster than linearly is the marginal figure: the cost per passage
 *             added from 10× to 100×, divided by the cost per passage added from 1× to 10×.
 *   peak memory  the largest resident set of any one process of the build (Astro's Node process;
 *             Pagefind's indexer runs as a separate process), from `/usr/bin/time -f %M`; without it,
 *             the largest VmHWM seen while sampling /proc/<pid>/status of the build's process tree
 *             every 100 ms; without /proc, not measured. The figure's note says which.
 *
 * The 100× build's folder is returned so that the search benchmark can run on it; the caller deletes
 * its parent (the temp folder of this section) afterwards. Progress goes to stderr.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { passageText } from '../../src/lib/passage-text.ts';
import { type PassageFrontmatter, passageSchema } from '../../src/lib/schema/passage.ts';
import { listFiles } from '../lib/list-files.ts';
import type { Figure } from './figure.ts';

const SCALES = [1, 10, 100] as const;
const PROJECT_FILES = ['package.json', 'astro.config.ts', 'tsconfig.json', 'src', 'scripts', 'content'];
const PASSAGES_DIR = 'content/passages';
const WITNESS = 'content/source/kirov-scrape.txt';
/** Printed by scripts/bench/astro-timed.config.ts after each timed hook. */
const HOOK_TIME_MARK = 'kirov-bench-hook-ms';
const TIME_BIN = '/usr/bin/time';

interface RealPassage {
  frontmatter: PassageFrontmatter;
  /** The Markdown body, one paragraph. */
  body: string;
  /** The passage's source text in the witness. */
  source: string;
}

interface Run {
  ms: number;
  peakKb: number | null;
  stdout: string;
  stderr: string;
}

interface ScaleResult {
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

async function measureScale(root: string, scale: number, real: RealPassage[]): Promise<ScaleResult> {
  const label = `${scale}×`;
  const project = join(root, `project-${scale}x`);
  copyProject(project);

  const witness = join(root, `witness-${scale}x.txt`);
  const witnessText = syntheticWitness(real, scale);
  writeFileSync(witness, witnessText);
  const witnessBytes = Buffer.byteLength(witnessText);
  progress(`${label} ingest of a ${(witnessBytes / 1024).toFixed(0)} KB witness…`);
  const ingestOut = join(root, `ingest-${scale}x`);
  const ingest = await run(
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
  const build = await run(
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
    if (!hooks.has(name)) throw new Error(`bench: the ${label} build printed no time for the ${name} hook`);
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

/** The service worker integration's report: "precaches N files (K KB of a B KB budget); D files (E KB) are cached when read". */
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

function sizeOf(dir: string): ScaleResult['dist'] {
  const files = listFiles(dir);
  const bytes = files.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
  return { files: files.length, kb: bytes / 1024 };
}

const HOOK_LABELS = new Map([
  ['kirov-pagefind', 'Pagefind'],
  ['kirov-service-worker', 'service worker'],
  ['kirov-csp', 'CSP'],
]);

function figuresOf(results: ScaleResult[]): Figure[] {
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

function memoryMethod(): string {
  if (existsSync(TIME_BIN)) return 'largest process of the build (/usr/bin/time %M)';
  if (existsSync('/proc/self/status'))
    return 'largest process of the build (VmHWM, /proc sampled every 100 ms)';
  return 'not measured';
}

function progress(message: string): void {
  process.stderr.write(`bench: scale ${message}\n`);
}

function copyProject(project: string): void {
  mkdirSync(project, { recursive: true });
  for (const name of PROJECT_FILES) cpSync(name, join(project, name), { recursive: true });
  // A folder of symlinks rather than one symlink: tools that write under node_modules/ (Vite's
  // .vite cache) then write into the copy, not into the project's node_modules/.
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync('node_modules')) {
    if (name.startsWith('.') && name !== '.bin') continue;
    symlinkSync(resolve('node_modules', name), join(modules, name));
  }
}

function readRealPassages(): RealPassage[] {
  const witness = readFileSync(WITNESS, 'utf8');
  const passages: RealPassage[] = [];
  for (const document of readdirSync(PASSAGES_DIR).sort()) {
    for (const name of readdirSync(join(PASSAGES_DIR, document)).sort()) {
      if (!name.endsWith('.md')) continue;
      const file = join(PASSAGES_DIR, document, name);
      const match = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'));
      if (!match) throw new Error(`bench: ${file} has no frontmatter`);
      const frontmatter = passageSchema.parse(parseYaml(match[1] ?? ''));
      const body = readFileSync(file, 'utf8').slice(match[0].length).trim();
      if (body.includes('\n\n')) throw new Error(`bench: ${file} has more than one paragraph`);
      const { start, end } = frontmatter.witness;
      passages.push({ frontmatter, body, source: witness.slice(start.offset, end.offset) });
    }
  }
  // Witness order, as the ingest would meet them.
  return passages.sort((a, b) => a.frontmatter.witness.start.offset - b.frontmatter.witness.start.offset);
}

function syntheticWitness(real: RealPassage[], scale: number): string {
  const paragraphs: string[] = [];
  for (let copy = 1; copy <= scale; copy++) {
    for (const passage of real) {
      const sentences = splitSentences(passage.source);
      paragraphs.push(
        (copy === 1 ? sentences : shuffled(sentences, `${passage.frontmatter.id}:${copy}`)).join(' '),
      );
    }
  }
  return `${paragraphs.join('\n\n')}\n`;
}

/** Writes N−1 copies of every real passage into the project copy; returns the number of passages. */
function writeCopies(project: string, real: RealPassage[], scale: number): number {
  const lastN = new Map<string, number>();
  for (const { frontmatter } of real)
    lastN.set(frontmatter.document, Math.max(lastN.get(frontmatter.document) ?? 0, frontmatter.n));
  let count = real.length;
  for (let copy = 2; copy <= scale; copy++) {
    for (const passage of real) {
      const { frontmatter } = passage;
      const id = `${frontmatter.id}-c${copy}`;
      const { body, gaps } = shuffledPassage(passage, id, `${frontmatter.id}:${copy}`);
      const copied: PassageFrontmatter = {
        ...frontmatter,
        id,
        n: frontmatter.n + (copy - 1) * (lastN.get(frontmatter.document) ?? 0),
        gaps,
      };
      writeFileSync(
        join(project, PASSAGES_DIR, frontmatter.document, `${id}.md`),
        `---\n${stringifyYaml(copied, { lineWidth: 0 })}---\n\n${body}\n`,
      );
      count++;
    }
  }
  return count;
}

/**
 * The passage's Markdown with its sentences shuffled, and its gaps moved with their sentences:
 * each gap's offset in the displayed text is recomputed and checked against its marker.
 */
function shuffledPassage(
  passage: RealPassage,
  id: string,
  seed: string,
): { body: string; gaps: PassageFrontmatter['gaps'] } {
  const sentences = splitSentences(passage.body);
  const shown = sentences.map((sentence) => passageText(sentence));
  if (passageText(passage.body) !== shown.join(' '))
    throw new Error(
      `bench: ${passage.frontmatter.id}: its sentences, read one by one, do not make up its text`,
    );
  // Where each sentence starts in the displayed text, before and after the shuffle (joined by one space).
  const startsOf = (indices: readonly number[]): Map<number, number> => {
    const starts = new Map<number, number>();
    let offset = 0;
    for (const i of indices) {
      starts.set(i, offset);
      offset += (shown[i]?.length ?? 0) + 1;
    }
    return starts;
  };
  const starts = startsOf(sentences.map((_, i) => i));
  const order = shuffled(
    sentences.map((_, i) => i),
    seed,
  );
  const body = order.map((i) => sentences[i]).join(' ');
  const text = passageText(body);
  const newStarts = startsOf(order);
  const gaps = passage.frontmatter.gaps
    .map((gap) => {
      const sentence = sentences.findLastIndex((_, i) => (starts.get(i) ?? 0) <= gap.at);
      return { ...gap, at: (newStarts.get(sentence) ?? 0) + gap.at - (starts.get(sentence) ?? 0) };
    })
    .sort((a, b) => a.at - b.at)
    .map((gap, k) => {
      if (text.slice(gap.at, gap.at + gap.marker.length) !== gap.marker)
        throw new Error(`bench: ${id}: the gap marker ${gap.marker} is not at ${gap.at} after shuffling`);
      return { ...gap, id: `${id}-gap-${k + 1}` };
    });
  if (text !== order.map((i) => shown[i]).join(' '))
    throw new Error(`bench: ${id}: shuffling the sentences changed how the Markdown reads:\n  ${text}`);
  return { body, gaps };
}

/** Splits at . ? ! or … (and any closing quote or bracket) followed by space and a capital or digit. */
function splitSentences(text: string): string[] {
  return text.split(/(?<=[.?!…][”’"')\]]*)\s+(?=[“‘"'(\\[]*[A-Z0-9])/u);
}

/** A seeded Fisher–Yates shuffle; never returns a list of two or more in its original order. */
function shuffled<T>(items: readonly T[], seed: string): T[] {
  const random = mulberry32(fnv1a(seed));
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  if (result.length > 1 && result.every((item, i) => item === items[i])) result.push(result.shift() as T);
  return result;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs a command to its end: wall time, the peak memory of its largest process (see the header), and
 * its output. `onLine` sees each line of stdout and stderr as it arrives. Throws if it fails.
 */
async function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): Promise<Run> {
  const useTime = existsSync(TIME_BIN);
  const timeFile = join(cwd, '.bench-time');
  const start = performance.now();
  const child = useTime
    ? spawn(TIME_BIN, ['-o', timeFile, '-f', '%M', command, ...args], { cwd, env })
    : spawn(command, args, { cwd, env });
  const output = { stdout: '', stderr: '' };
  for (const stream of ['stdout', 'stderr'] as const) {
    let pending = '';
    child[stream].setEncoding('utf8');
    child[stream].on('data', (chunk: string) => {
      output[stream] += chunk;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine?.(line);
    });
  }
  let sampledKb = 0;
  const sampler =
    !useTime && existsSync('/proc/self/status')
      ? setInterval(() => {
          for (const pid of processTree(child.pid)) sampledKb = Math.max(sampledKb, vmHwmKb(pid));
        }, 100)
      : null;
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  const ms = performance.now() - start;
  if (sampler) clearInterval(sampler);
  if (code !== 0) {
    const tail = `${output.stdout}\n${output.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`bench: \`${[command, ...args].join(' ')}\` failed (exit ${code}) in ${cwd}:\n${tail}`);
  }
  let peakKb: number | null = sampler ? sampledKb : null;
  if (useTime) {
    peakKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
    rmSync(timeFile, { force: true });
  }
  return { ms, peakKb, ...output };
}

/** The pid and all its descendants, from /proc/<pid>/stat. */
function processTree(rootPid: number | undefined): number[] {
  if (rootPid === undefined) return [];
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name, in parentheses, may contain spaces: the fields after it are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // The process ended between listing and reading.
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, ppid] of parents) if (ppid === tree[i] && !tree.includes(pid)) tree.push(pid);
  return tree;
}

function vmHwmKb(pid: number): number {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
