import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_LOCKED } from '../../scripts/lib/ingest-cli.ts';
import { WITNESS_FILE } from '../../src/lib/content-paths.ts';
import { ingest } from './support/ingest-run.ts';
import { scratchDir } from './support/scratch-dir.ts';

/*
 * One ingest at a time: runs started together take turns through a lock file in the output folder,
 * a run that finds the lock held by a live ingest waits and then refuses naming it, and a lock left
 * by a killed run is cleared.
 */

/** A scraped page of 40 paragraphs: enough files in passages/ for overlapping swaps to collide. */
const PAGE = Array.from(
  { length: 40 },
  (_, i) =>
    `Paragraph ${i + 1} tells of the ${['first', 'second', 'third', 'fourth'][i % 4]} station, number ${i * 7 + 3}, and of the ${i + 2} tractors it lent to the farms that spring.`,
).join('\n\n');

/** A folder with the page as the edition's witness (no edition file), content/ as the output. */
function project(): string {
  const dir = scratchDir('kirov-lock-');
  mkdirSync(join(dir, 'content/source'), { recursive: true });
  writeFileSync(join(dir, WITNESS_FILE), PAGE);
  return dir;
}

/** Every file under content/, by path, with its text: what a reader of the folder would find. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(join(dir, 'content'));
  return files;
}

const RUNNER = join(import.meta.dirname, 'support/ingest-runner.ts');
/**
 * Rounds of four ingests started together. Three in `npm test`, each a contention of all four for the
 * lock; `npm run test:stress` (which CI runs) asks for 20, to catch a race that shows once in many.
 */
const ROUNDS = Number(process.env.KIROV_LOCK_ROUNDS ?? 3);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('one ingest at a time', () => {
  it(`four ingests started together, ${ROUNDS} rounds: content/ is one ingest’s output, and only runs that wrote exit 0`, async () => {
    const reference = project();
    expect(ingest([], reference).code).toBe(0);
    const expected = tree(reference);
    expect(Object.keys(expected).filter((path) => path.startsWith('content/passages/'))).toHaveLength(40);

    const dir = project();
    const control = scratchDir('kirov-lock-control-');
    const RUNNERS = 4;
    const children = Array.from({ length: RUNNERS }, (_, runner) =>
      spawn(process.execPath, [RUNNER, dir, control, String(runner), String(ROUNDS)], { stdio: 'inherit' }),
    );
    const failed: string[] = [];
    const exits = children.map(
      (child, runner) =>
        new Promise((done) =>
          child.on('exit', (code) => {
            if (code !== 0) failed.push(`runner ${runner} exited ${code}`);
            done(code);
          }),
        ),
    );
    const rounds: { round: number; codes: number[]; wrote: boolean[]; intact: boolean }[] = [];
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        writeFileSync(join(control, `go-${round}`), '');
        const done = (runner: number) => join(control, `done-${round}-${runner}.json`);
        for (let waited = 0; ![...Array(RUNNERS).keys()].every((r) => existsSync(done(r))); waited += 10) {
          if (waited > 30_000 || failed.length > 0)
            throw new Error(`round ${round} did not finish: ${failed.join(', ')}`);
          await sleep(10);
        }
        const runs = [...Array(RUNNERS).keys()].map(
          (r) => JSON.parse(readFileSync(done(r), 'utf8')) as { code: number; stderr: string },
        );
        const wrote = runs.map((run) => / → content\/\n$/u.test(run.stderr));
        rounds.push({
          round,
          codes: runs.map((run) => run.code),
          wrote,
          intact: JSON.stringify(tree(dir)) === JSON.stringify(expected),
        });
      }
    } finally {
      for (const child of children) child.kill();
    }
    await Promise.all(exits);
    // Every round: the folder holds exactly one ingest's output (no lock or staging folder left), and a
    // run exited 0 exactly when it wrote that output.
    expect(rounds.filter((r) => !r.intact || r.codes.some((code, i) => (code === 0) !== r.wrote[i]))).toEqual(
      [],
    );
    expect(readdirSync(join(dir, 'content')).sort()).toEqual(['apparatus', 'passages', 'source']);
  }, 120_000);

  it('a run that finds the lock held by a live ingest waits, then refuses naming it and how to clear it, and writes nothing', () => {
    const dir = project();
    const holder = {
      pid: process.pid,
      host: hostname(),
      started: '2026-12-07T10:00:00.000Z',
      token: 'other',
    };
    writeFileSync(join(dir, 'content/.ingest-lock'), JSON.stringify(holder));
    const run = ingest([], dir, 300);
    expect(run).toEqual({
      code: EXIT_LOCKED,
      stdout: '',
      stderr:
        `ingest: waiting for the ingest running as pid ${process.pid} (started 2026-12-07T10:00:00.000Z) to finish with content/\n` +
        `ingest: content/.ingest-lock:1:1: Unexpected lock held by another ingest (pid ${process.pid} on ${hostname()}, started 2026-12-07T10:00:00.000Z), expected no other ingest writing content/; nothing was changed [ingest-locked]\n` +
        `  fix: wait for that ingest to finish and run again; if no ingest is running (\`ps -p ${process.pid}\` shows none), delete content/.ingest-lock and run again\n`,
    });
    expect(readdirSync(join(dir, 'content')).sort()).toEqual(['.ingest-lock', 'source']);
    // --check writes nothing either way, and says the same.
    expect(ingest(['--check'], dir, 100).code).toBe(EXIT_LOCKED);
  });

  it('clears a lock left by an ingest that is no longer running, and says so', () => {
    const dir = project();
    const gone = spawnSync('true').pid;
    const holder = { pid: gone, host: hostname(), started: '2026-12-07T10:00:00.000Z', token: 'killed' };
    writeFileSync(join(dir, 'content/.ingest-lock'), JSON.stringify(holder));
    const run = ingest([], dir, 300);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(
      `ingest: cleared the lock content/.ingest-lock of an ingest that is no longer running (pid ${gone}, started 2026-12-07T10:00:00.000Z)`,
    );
    expect(readdirSync(join(dir, 'content')).sort()).toEqual(['apparatus', 'passages', 'source']);
  });

  it('removes an --out folder it created only to hold the lock when the run is refused', () => {
    const dir = project();
    writeFileSync(join(dir, 'empty.txt'), '');
    expect(ingest(['empty.txt', '--out', 'out/page'], dir).code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['content', 'empty.txt']);
  });
});
