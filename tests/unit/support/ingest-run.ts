import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { runIngest } from '../../../scripts/lib/ingest-cli.ts';
import { scratchDir } from './scratch-dir.ts';

/** `npm run ingest` run in this process, in the folder `cwd`: its exit code and what it printed. */
export function ingest(args: string[], cwd = process.cwd(), lockWaitMs?: number) {
  const out = { stdout: '', stderr: '' };
  const code = runIngest(args, {
    cwd,
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    ...(lockWaitMs === undefined ? {} : { lockWaitMs }),
  });
  return { code, ...out };
}

/**
 * A copy of what the ingest reads and writes in the project's content/ folder (the witness, the edition
 * file, the passages and the apparatus) to run the CLI in, so that the real one is never touched.
 */
export function projectCopy(): string {
  const dir = scratchDir('kirov-ingest-');
  for (const folder of ['source', 'passages', 'apparatus'])
    cpSync(join('content', folder), join(dir, 'content', folder), { recursive: true });
  return dir;
}
