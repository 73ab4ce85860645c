/**
 * Run by the benchmark in a child process, so that the peak memory it reports is the ingest's own:
 * ingests one witness with no edition file and prints time, peak memory and passage count as JSON.
 *
 *   node scripts/bench/ingest-child.ts <witness>
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ingestWitness } from '../../src/lib/ingest-witness.ts';

const path = process.argv[2];
if (!path) {
  console.error('usage: node scripts/bench/ingest-child.ts <witness>');
  process.exit(2);
}
const start = performance.now();
const result = ingestWitness({
  witness: readFileSync(path),
  witnessFile: path,
  edition: null,
  editionFile: null,
  lock: null,
});
const ms = performance.now() - start;
process.stdout.write(
  JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, passages: result.passages.length }),
);
