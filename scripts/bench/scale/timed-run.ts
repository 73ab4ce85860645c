/**
 * Runs a command to its end and measures it: wall time and the peak memory of its largest process.
 * The peak comes from `/usr/bin/time -f %M` when it is installed; without it, from the largest VmHWM
 * seen while sampling /proc/<pid>/status of the command's process tree every 100 ms; without /proc,
 * it is not measured (null), and memoryMethod() says which.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { samplePeakMemory } from './sample-memory.ts';

const TIME_BIN = '/usr/bin/time';

export interface TimedRun {
  ms: number;
  peakKb: number | null;
  stdout: string;
  stderr: string;
}

/** How the peak memory is measured on this machine, for the figure's note. */
export function memoryMethod(): string {
  if (existsSync(TIME_BIN)) return 'largest process of the build (/usr/bin/time %M)';
  if (existsSync('/proc/self/status'))
    return 'largest process of the build (VmHWM, /proc sampled every 100 ms)';
  return 'not measured';
}

/**
 * Runs a command to its end: wall time, the peak memory of its largest process (see the header), and
 * its output. `onLine` sees each line of stdout and stderr as it arrives. Throws if it fails.
 */
export async function timedRun(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): Promise<TimedRun> {
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
  const sampler = !useTime && existsSync('/proc/self/status') ? samplePeakMemory(child.pid) : null;
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  const ms = performance.now() - start;
  const sampledKb = sampler?.stop() ?? null;
  if (code !== 0) {
    const tail = `${output.stdout}\n${output.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`bench: \`${[command, ...args].join(' ')}\` failed (exit ${code}) in ${cwd}:\n${tail}`);
  }
  let peakKb = sampledKb;
  if (useTime) {
    peakKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
    rmSync(timeFile, { force: true });
  }
  return { ms, peakKb, ...output };
}
