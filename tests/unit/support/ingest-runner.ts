/**
 * One of several ingests run at once by tests/unit/ingest-lock.test.ts: a child process that runs the
 * ingest once per round, all runners starting a round together, so that their runs overlap as runs of
 * `npm run ingest` started together do. The module loading is paid once per runner, not per run.
 *
 *   node tests/unit/support/ingest-runner.ts <project> <control-folder> <runner> <rounds> [ingest args…]
 *
 * Round k starts when <control-folder>/go-<k> exists; the runner then writes
 * <control-folder>/done-<k>-<runner>.json with the run's exit code and stderr.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIngest } from '../../../scripts/lib/ingest-cli.ts';

const [project = '', control = '', runner = '', rounds = '0', ...args] = process.argv.slice(2);
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let round = 1; round <= Number(rounds); round++) {
  while (!existsSync(join(control, `go-${round}`))) {
    if (!existsSync(control)) process.exit(1);
    Atomics.wait(pause, 0, 0, 1);
  }
  let stderr = '';
  const code = runIngest(args, {
    cwd: project,
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
  });
  // Written whole under another name, then renamed: the test never reads half a file.
  const done = join(control, `done-${round}-${runner}.json`);
  writeFileSync(`${done}.part`, JSON.stringify({ code, stderr }));
  renameSync(`${done}.part`, done);
}
