/** npm run ingest: the command line of runIngest() (scripts/lib/ingest-cli.ts), run in this process's folder. */
import { runIngest } from './lib/ingest-cli.ts';

if (import.meta.main) {
  process.exitCode = runIngest(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
