import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  outputProblem,
  recoverInterrupted,
  type SwapStep,
  writeOutput,
} from '../../scripts/lib/ingest-output.ts';
import { problemOf } from './support/problem-of.ts';
import { scratchDir } from './support/scratch-dir.ts';

const root = scratchDir('kirov-output-');
const nameOf = (path: string) => relative(root, path);

/** An ingest output of one edition: passages, ledger and lock, each naming which edition it is. */
const edition = (name: string, passages: string[]) =>
  new Map<string, string>([
    ...passages.map((id): [string, string] => [`passages/essay/${id}.md`, `${name} ${id}\n`]),
    ['apparatus/ledger.json', `{"edition":"${name}"}\n`],
    ['apparatus/ids.lock.json', `{"edition":"${name}"}\n`],
  ]);

/** Every file of the output folder (staging folders aside) with its text. */
function readOutput(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.ingest-')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

class Killed extends Error {}

describe('writeOutput', () => {
  const OLD = edition('old', ['one', 'two', 'three']);
  const NEW = edition('new', ['one', 'four']);

  it('replaces the old output by the new one and leaves no staging folder', () => {
    const dir = join(root, 'plain');
    writeOutput(dir, OLD, nameOf);
    writeOutput(dir, NEW, nameOf);
    expect(readOutput(dir)).toEqual(NEW);
    expect(readdirSync(dir).sort()).toEqual(['apparatus', 'passages']);
  });

  it('killed at any step, leaves the old output whole or the new one whole, which the next run puts in place', () => {
    const steps: SwapStep[] = [];
    writeOutput(join(root, 'steps'), OLD, nameOf);
    writeOutput(join(root, 'steps'), NEW, nameOf, (step) => steps.push(step));
    expect(steps).toEqual([
      'staged',
      'marked',
      'passages-set-aside',
      'passages-moved',
      'moved apparatus/ids.lock.json',
      'moved apparatus/ledger.json',
      'done',
    ]);
    for (const killAt of steps) {
      const dir = join(root, `kill-${killAt.replace(/\W+/gu, '-')}`);
      writeOutput(dir, OLD, nameOf);
      expect(() =>
        writeOutput(dir, NEW, nameOf, (step) => {
          if (step === killAt) throw new Killed(step);
        }),
      ).toThrow(Killed);
      const committed = steps.indexOf(killAt) >= steps.indexOf('marked');
      if (!committed) expect(readOutput(dir)).toEqual(OLD);
      const recovered = recoverInterrupted(dir);
      expect([killAt, recovered]).toEqual([
        killAt,
        killAt === 'done' ? null : committed ? 'finished' : 'discarded',
      ]);
      expect(readOutput(dir)).toEqual(committed ? NEW : OLD);
      expect(readdirSync(dir).sort()).toEqual(['apparatus', 'passages']);
    }
  });

  it('cleans up and names the path when the output cannot be written', () => {
    const dir = join(root, 'blocked');
    mkdirSync(dir);
    writeFileSync(join(dir, 'apparatus'), 'a file where the folder belongs');
    const problem = problemOf(() => writeOutput(dir, NEW, nameOf));
    expect(problem).toMatchObject({ file: 'blocked/apparatus', rule: 'unwritable-output' });
    // The system's own code, and a fix that says what is in the way and that nothing changed.
    expect(problem.message).toContain('ENOTDIR');
    expect(problem.fix).toMatch(/^blocked\/apparatus is a file .*--out.*; nothing was changed$/u);
    expect(readdirSync(dir)).toEqual(['apparatus']);
    expect(existsSync(join(dir, '.ingest-staging'))).toBe(false);
  });

  it('says which path a permission error concerns and how to fix it', () => {
    const error = Object.assign(new Error('EACCES: permission denied'), {
      code: 'EACCES',
      path: join(root, 'content/apparatus/ledger.json'),
    });
    expect(outputProblem(error, join(root, 'content'), nameOf).message).toBe(
      'content/apparatus/ledger.json:1:1: Unexpected EACCES writing content/apparatus/ledger.json, expected a folder the ingest can create and write [unwritable-output]\n' +
        '  fix: make content/apparatus/ledger.json writable (`chmod u+w content/apparatus/ledger.json`, or check its owner), or choose another folder with --out; nothing was changed',
    );
  });

  it('gives a full disk, a used-up quota and a read-only disk each its own message', () => {
    const problem = (code: string) =>
      outputProblem(
        Object.assign(new Error(code), { code, path: join(root, 'content/.ingest-staging/passages') }),
        join(root, 'content'),
        nameOf,
      ).problem;
    expect(problem('ENOSPC')).toMatchObject({
      message:
        'Unexpected ENOSPC writing content/.ingest-staging/passages, expected a disk with free space and free inodes (this one is full)',
      fix: 'the disk is full, of bytes or of inodes (`df -h content/.ingest-staging/passages` and `df -i content/.ingest-staging/passages` say which): free some space or delete small files, or choose a folder on another disk with --out; nothing was changed',
    });
    expect(problem('EDQUOT')).toMatchObject({
      message:
        'Unexpected EDQUOT writing content/.ingest-staging/passages, expected a disk where your quota has room (it is used up)',
      fix: 'your disk quota is used up (`quota -s` shows it): delete some of your files, or choose a folder on another disk with --out; nothing was changed',
    });
    expect(problem('EROFS')).toMatchObject({
      message:
        'Unexpected EROFS writing content/.ingest-staging/passages, expected a folder on a writable disk (this one is mounted read-only)',
    });
  });

  it('when the completion mark cannot be written, deletes the staging folder and keeps the old output', () => {
    const dir = join(root, 'no-mark');
    const OLD = edition('old', ['one']);
    writeOutput(dir, OLD, nameOf);
    // A folder where the mark belongs fails its write as a full inode table would, at the same step.
    const problem = problemOf(() =>
      writeOutput(dir, edition('new', ['two']), nameOf, (step) => {
        if (step === 'staged') mkdirSync(join(dir, '.ingest-staging/.complete'));
      }),
    );
    expect(problem).toMatchObject({ file: 'no-mark/.ingest-staging/.complete', rule: 'unwritable-output' });
    expect(problem.message).toContain('EISDIR');
    expect(readdirSync(dir).sort()).toEqual(['apparatus', 'passages']);
    expect(readOutput(dir)).toEqual(OLD);
  });
});
