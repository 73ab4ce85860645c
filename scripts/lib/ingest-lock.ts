/**
 * One ingest at a time per output folder. Two ingests writing one folder at once would each swap the
 * other's output away (and each recover the other's staging folder as if it were left by a killed run),
 * so every ingest first takes a lock: the file `.ingest-lock` in its output folder, created atomically
 * (written in full under a name of its own, then hard-linked to the lock's name, which fails if the lock
 * exists). It holds the run's pid, host and start time, so that a second run can name who holds it, and
 * so that a lock left by a killed run (its pid no longer running on this host) is recognised and cleared.
 */

import {
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { NameOf } from './ingest-output.ts';

export const LOCK_FILE = '.ingest-lock';

/** How long a run waits for another to finish before it refuses. */
export const LOCK_WAIT_MS = 5_000;
const POLL_MS = 10;

/** What the lock file says about the run that holds it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO 8601 time the run started. */
  started: string;
  /** Unique to the run: tells its lock from a later one of a reused pid. */
  token: string;
}

/** The lock was held by another ingest for longer than the run would wait. */
export class LockHeld extends Error {
  readonly holder: LockHolder | null;
  readonly lockFile: string;

  constructor(holder: LockHolder | null, lockFile: string) {
    super(`ingest lock ${lockFile} is held`);
    this.holder = holder;
    this.lockFile = lockFile;
  }
}

export interface HeldLock {
  /** True while the lock file is still this run's (no one broke it as stale). */
  stillHeld(): boolean;
  /** Deletes the lock, and the output folder when the run created it only to hold the lock. */
  release(): void;
}

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms);

/**
 * Takes the lock of `outDir`, creating the folder if needed; waits up to `waitMs` for a live holder,
 * clears a stale one (saying so through `say`), and throws LockHeld when the wait runs out.
 */
export function acquireLock(
  outDir: string,
  options: { waitMs: number; say: (text: string) => void; nameOf: NameOf },
): HeldLock {
  const created = mkdirSync(outDir, { recursive: true });
  const lockFile = join(outDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    token: `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  };
  const draft = join(outDir, `${LOCK_FILE}.${me.token}`);
  writeFileSync(draft, `${JSON.stringify(me)}\n`);
  const deadline = Date.now() + options.waitMs;
  let waitingSaid = false;
  try {
    for (;;) {
      try {
        linkSync(draft, lockFile);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(lockFile);
      if (holder && isStale(holder)) {
        if (breakStale(lockFile, holder))
          options.say(
            `ingest: cleared the lock ${options.nameOf(lockFile)} of an ingest that is no longer running (pid ${holder.pid}, started ${holder.started})`,
          );
        continue;
      }
      if (Date.now() >= deadline) throw new LockHeld(holder, lockFile);
      if (!waitingSaid && holder) {
        options.say(
          `ingest: waiting for the ingest running as pid ${holder.pid} (started ${holder.started}) to finish with ${options.nameOf(outDir)}/`,
        );
        waitingSaid = true;
      }
      sleep(POLL_MS);
    }
  } catch (error) {
    unlinkSync(draft);
    removeCreated(outDir, created);
    throw error;
  }
  unlinkSync(draft);
  return {
    stillHeld: () => readHolder(lockFile)?.token === me.token,
    release() {
      if (readHolder(lockFile)?.token === me.token) unlinkSync(lockFile);
      removeCreated(outDir, created);
    },
  };
}

/**
 * Waits, as `--check` does before it reads the output folder, until no live ingest holds its lock;
 * throws LockHeld when the wait runs out. Takes no lock, so that a check writes nothing.
 */
export function waitForNoLock(outDir: string, waitMs: number): void {
  const lockFile = join(outDir, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  for (;;) {
    let holder: LockHolder | null;
    try {
      holder = readHolder(lockFile, true);
    } catch {
      return;
    }
    if (holder && isStale(holder)) return;
    if (Date.now() >= deadline) throw new LockHeld(holder, lockFile);
    sleep(POLL_MS);
  }
}

/**
 * The holder the lock file names, or null when it cannot be read as one (a file from elsewhere: it
 * is then never taken for stale). With `missingThrows`, a missing lock file throws instead.
 */
function readHolder(lockFile: string, missingThrows = false): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(lockFile, 'utf8');
  } catch (error) {
    if (missingThrows) throw error;
    return null;
  }
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    return typeof holder.pid === 'number' &&
      typeof holder.host === 'string' &&
      typeof holder.started === 'string' &&
      typeof holder.token === 'string'
      ? (holder as LockHolder)
      : null;
  } catch {
    return null;
  }
}

/** A lock of this host whose process is gone. A lock of another host (a shared disk) is never stale. */
export function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Clears a stale lock: renames it aside (one of several runs clearing it at once wins) and checks that
 * what was renamed is the stale lock, not one a live run took meanwhile; that one is put back.
 */
function breakStale(lockFile: string, stale: LockHolder): boolean {
  const aside = `${lockFile}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(lockFile, aside);
  } catch {
    return false;
  }
  if (readHolder(aside)?.token === stale.token) {
    unlinkSync(aside);
    return true;
  }
  try {
    linkSync(aside, lockFile);
  } catch {
    // Another run took the lock in the meantime: the two will find out through stillHeld().
  }
  unlinkSync(aside);
  return false;
}

/** Removes the folders mkdirSync created for the lock, from the deepest up, if nothing else is in them. */
function removeCreated(outDir: string, created: string | undefined): void {
  if (created === undefined) return;
  for (let dir = outDir; ; dir = dirname(dir)) {
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === created || dirname(dir) === dir) return;
  }
}
