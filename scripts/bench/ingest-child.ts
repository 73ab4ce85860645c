/**
 * Run by the benchmark in a child process, so that the peak memory it reports is the ingest's own:
 * ingests one witness with no edition file and prints time, peak memory, passage count and distinct
 * passage ids as JSON
 * (or, for a witness the ingest refuses, the rule that refused it).
 *
 *   node scripts/bench/ingest-child.ts <witness>
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ContentError } from '../../src/lib/content-error.ts';
import { ingestWitness } from '../../src/lib/ingest-witness.ts';

const path = process.argv[2];
if (!path) {
  console.error('usage: node scripts/bench/ingest-child.ts <witness>');
  process.exit(2);
}
const start = performance.now();
let passages = 0;
let distinctIds = 0;
let refused: string | null = null;
try {
  const result = ingestWitness({
    witness: readFileSync(path),
    witnessFile: path,
    edition: null,
    editionFile: null,
    lock: null,
  });
  passages = result.passages.length;
  distinctIds = new Set(result.passages.map((passage) => passage.frontmatter.id)).size;
} catch (error) {
  // A witness past the ingest's limit is refused: the figure is then the refusal's cost.
  if (!(error instanceof ContentError)) throw error;
  refused = error.problem.rule;
}
const ms = performance.now() - start;
process.stdout.write(
  JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, passages, distinctIds, refused }),
);
