import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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
