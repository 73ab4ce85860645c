/**
 * Run by the benchmark in a child process, so that the peak memory it reports is the run's own: runs
 * `npm run ingest` in-process with the given arguments in the given folder and prints its time, peak
 * memory, exit code and the rule of the refusal (if any) as JSON.
 *
 *   node scripts/bench/refusal-child.ts <folder> [ingest args…]
 */
import { performance } from 'node:perf_hooks';
import { runIngest } from '../lib/ingest-cli.ts';

const [cwd = '.', ...args] = process.argv.slice(2);
let stderr = '';
const start = performance.now();
const code = runIngest(args, {
  cwd,
  stdout: { write: () => true },
  stderr: { write: (text: string) => (stderr += text) },
});
const ms = performance.now() - start;
const rule = /\[([a-z0-9-]+)\]\n/u.exec(stderr)?.[1] ?? null;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, code, rule }));
