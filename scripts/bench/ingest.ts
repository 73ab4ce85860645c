import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WITNESS_FILE } from '../../src/lib/content-paths.ts';
import { ingestWitness } from '../../src/lib/ingest-witness.ts';
import { MAX_WITNESS_BYTES } from '../../src/lib/witness/decode-witness.ts';
import { editionInput } from './edition-input.ts';
import { type Figure, median } from './figure.ts';

export function benchEditionIngest(): Figure[] {
  const input = editionInput({ withLock: false });
  ingestWitness(input); // warm-up: module loading and JIT are not the ingest's cost
  const times: number[] = [];
  let passages = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    passages = ingestWitness(input).passages.length;
    times.push(performance.now() - start);
  }
  return [
    { name: 'ingest, edition (median of 5)', value: median(times), unit: 'ms', note: `${passages} passages` },
  ];
}

/**
 * The ingest of a synthetic witness of 10 MB and of 100 MB (copies of the scrape with distinct names), each
 * in a child process so that its peak memory is its own. The 10 MB ingest must give every copy's passages,
 * each with its own id, or the bench fails: this is the test of a witness that large. 100 MB is past the ingest's limit
 * (MAX_WITNESS_BYTES), so that figure is the refusal's time and memory, and the note says so.
 */
export function benchLargeIngest(): Figure[] {
  const dir = mkdtempSync(join(tmpdir(), 'kirov-bench-'));
  try {
    return [10, 100].flatMap((size) => benchIngestOf(dir, size));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchIngestOf(dir: string, sizeMb: number): Figure[] {
  const scrape = readFileSync(WITNESS_FILE, 'utf8');
  const path = join(dir, `big-${sizeMb}.txt`);
  const fd = openSync(path, 'w');
  let bytes = 0;
  let copies = 0;
  try {
    for (; bytes < sizeMb * 1024 * 1024; copies++) {
      const copy = `${copies === 0 ? '' : '\n\n'}${scrape.replaceAll('Kirov', `Kirov${copies}`)}`;
      writeSync(fd, copy);
      bytes += Buffer.byteLength(copy);
    }
  } finally {
    closeSync(fd);
  }
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'ingest-child.ts'), path], {
    encoding: 'utf8',
  });
  rmSync(path, { force: true });
  if (child.status !== 0) throw new Error(`the ${sizeMb} MB ingest failed:\n${child.stderr}`);
  const { ms, maxRssKb, passages, distinctIds, refused } = JSON.parse(child.stdout) as {
    ms: number;
    maxRssKb: number;
    passages: number;
    distinctIds: number;
    refused: string | null;
  };
  // The figure counts only if the ingest did the whole job in one pass: every copy's passages, each
  // with an id of its own (the copies differ by name, so no two paragraphs are the same).
  const expected = copies * passagesOfOneCopy(scrape);
  if (!refused && (passages !== expected || distinctIds !== passages)) {
    throw new Error(
      `the ${sizeMb} MB ingest gave ${passages} passages with ${distinctIds} distinct ids, expected ${expected} (${copies} copies of the scrape) each with its own id`,
    );
  }
  const megabytes = (bytes / 1024 / 1024).toFixed(1);
  const note = refused
    ? `refused: over the ${MAX_WITNESS_BYTES / 1024 / 1024} MB limit (${refused})`
    : `${passages} passages`;
  return [
    { name: `ingest, ${megabytes} MB witness`, value: ms, unit: 'ms', note },
    { name: `ingest, ${megabytes} MB witness, peak memory`, value: maxRssKb / 1024, unit: 'MB', note },
  ];
}

/** How many passages the ingest makes of one copy of the scrape, with no edition file. */
function passagesOfOneCopy(scrape: string): number {
  return ingestWitness({
    witness: new TextEncoder().encode(scrape),
    witnessFile: WITNESS_FILE,
    edition: null,
    editionFile: null,
    lock: null,
  }).passages.length;
}

/**
 * The refusals of input files that never end or never start: /dev/zero and a FIFO with no writer, as the
 * witness and as the edition file. Each runs `npm run ingest` in a child process, whose peak memory is
 * its own; `--help` in the same way gives the process's own peak (Node and the ingest's modules), so the
 * note says how much a refusal adds to it. A refusal that reads would take gigabytes, or never end.
 */
export function benchRefusals(): Figure[] {
  const dir = mkdtempSync(join(tmpdir(), 'kirov-bench-refusals-'));
  try {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    writeFileSync(
      join(dir, 'page.txt'),
      'The stations lent tractors to the farms.\n\nThere were thousands of them.\n',
    );
    const run = (args: string[]) => {
      const child = spawnSync(
        process.execPath,
        [join(import.meta.dirname, 'refusal-child.ts'), dir, ...args, '--out', 'out'],
        { encoding: 'utf8', timeout: 60_000 },
      );
      if (child.status !== 0) throw new Error(`the ingest ${args.join(' ')} failed:\n${child.stderr}`);
      return JSON.parse(child.stdout) as { ms: number; maxRssKb: number; code: number; rule: string | null };
    };
    const baseline = run(['--help']).maxRssKb / 1024;
    const cases: [string, string[]][] = [
      ['/dev/zero as witness', ['/dev/zero']],
      ['FIFO as witness', ['pipe']],
      ['/dev/zero as edition file', ['page.txt', '--edition', '/dev/zero']],
      ['FIFO as edition file', ['page.txt', '--edition', 'pipe']],
    ];
    return cases.flatMap(([name, args]) => {
      const result = run(args);
      if (result.code !== 2 || !result.rule?.endsWith('-not-a-file'))
        throw new Error(`the ingest of ${name} was not refused (exit ${result.code}, ${result.rule})`);
      const peak = result.maxRssKb / 1024;
      const note = `refused (${result.rule}); ${(peak - baseline).toFixed(1)} MB above --help's ${baseline.toFixed(1)} MB`;
      return [
        { name: `ingest refusal, ${name}`, value: result.ms, unit: 'ms', note },
        { name: `ingest refusal, ${name}, peak memory`, value: peak, unit: 'MB', note },
      ];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
