/**
 * The peak memory of a process tree where /usr/bin/time is missing: the largest VmHWM (a process's
 * own high-water mark of resident memory) of the process and its descendants, read from /proc every
 * 100 ms. A process that starts and ends between two samples is missed, so this is a lower bound.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Starts sampling the tree under `rootPid`; stop() ends it and returns the peak in KB. */
export function samplePeakMemory(rootPid: number | undefined): { stop: () => number } {
  let peakKb = 0;
  const timer = setInterval(() => {
    for (const pid of processTree(rootPid)) peakKb = Math.max(peakKb, vmHwmKb(pid));
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return peakKb;
    },
  };
}

/** The pid and all its descendants, from /proc/<pid>/stat. */
function processTree(rootPid: number | undefined): number[] {
  if (rootPid === undefined) return [];
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name, in parentheses, may contain spaces: the fields after it are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // The process ended between listing and reading.
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, ppid] of parents) if (ppid === tree[i] && !tree.includes(pid)) tree.push(pid);
  return tree;
}

function vmHwmKb(pid: number): number {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
