import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EDITION_FILE } from '../../src/lib/content-paths.ts';
import { ingestWitness } from '../../src/lib/ingest-witness.ts';
import { type Figure, median } from './figure.ts';

const WITNESS = 'content/source/kirov-scrape.txt';

export function benchEditionIngest(): Figure[] {
  const input = {
    witness: readFileSync(WITNESS),
    witnessFile: WITNESS,
    edition: readFileSync(EDITION_FILE, 'utf8'),
    editionFile: EDITION_FILE,
    lock: null,
  };
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

export function benchLargeIngest(): Figure[] {
  const dir = mkdtempSync(join(tmpdir(), 'kirov-bench-'));
  try {
    const scrape = readFileSync(WITNESS, 'utf8');
    const copies: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 10 * 1024 * 1024; i++) {
      const copy = scrape.replaceAll('Kirov', `Kirov${i}`);
      copies.push(copy);
      bytes += Buffer.byteLength(copy) + 2;
    }
    const path = join(dir, 'big.txt');
    writeFileSync(path, copies.join('\n\n'));
    const child = spawnSync(process.execPath, [join(import.meta.dirname, 'ingest-child.ts'), path], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`the 10 MB ingest failed:\n${child.stderr}`);
    const { ms, maxRssKb, passages } = JSON.parse(child.stdout) as {
      ms: number;
      maxRssKb: number;
      passages: number;
    };
    const megabytes = bytes / 1024 / 1024;
    return [
      {
        name: `ingest, ${megabytes.toFixed(1)} MB witness`,
        value: ms,
        unit: 'ms',
        note: `${passages} passages`,
      },
      { name: `ingest, ${megabytes.toFixed(1)} MB witness, peak memory`, value: maxRssKb / 1024, unit: 'MB' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
