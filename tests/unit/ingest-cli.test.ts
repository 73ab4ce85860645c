import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, projectCopy } from './support/ingest-run.ts';
import { printedProblem } from './support/problem-of.ts';
import { scratchDir } from './support/scratch-dir.ts';

/*
 * The ingest's command line, run in-process on copies of the content: every option, every refusal with
 * its file, position and fix, and what it leaves on disk. Two tests spawn the real script.
 */

const SCRIPT = join(process.cwd(), 'scripts/ingest.ts');

/**
 * The real command, as npm runs it: only to prove the entry passes arguments, streams and exit code.
 * Asynchronous, so that the two such tests wait for Node's start-up at the same time.
 */
function spawnIngest(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SCRIPT, ...args]);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString('utf8')));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, ...out }));
  });
}

const scratch = () => scratchDir('kirov-ingest-');

/** What `--help` prints, written out: a user reads these lines, so a change to them is a change to review. */
const HELP = [
  'Usage: npm run ingest -- [witness.txt] [options]',
  '',
  'Turns a scraped witness into clean, attributed passages with stable ids.',
  '',
  '  witness.txt        the witness (default: content/source/kirov-scrape.txt)',
  '  --edition FILE     the edition file (default: <witness>.edition.yaml beside the witness, if present)',
  '  --no-edition       ignore any edition file: heuristics only',
  '  --out DIR          write passages/, apparatus/ledger.json, apparatus/ids.lock.json (and, outside',
  '                     content/, report.txt) to DIR instead of content/; DIR must be new, empty, or',
  '                     the output of an earlier ingest of the same witness',
  '  --force            replace the output of another witness (content/ included) on purpose',
  '  --check            write nothing; exit 1 if the files in the output folder differ from what the',
  '                     witness and the edition file produce (npm run build and CI run this)',
  '  --report           print every decision with its witness line and reason, flagging heuristic',
  '                     decisions the edition file has not confirmed',
  '  --help             this text',
  '',
  'One ingest runs at a time per output folder (its lock is DIR/.ingest-lock); another waits up to 5 s.',
  'Exit codes: 0 output written (or, with --check, current), 1 --check found differences, 2 a problem',
  'with an input file or the output folder, 64 a usage error, 75 another ingest holds the output folder.',
  '',
  'Examples:',
  '  npm run ingest                                   regenerate content/ after editing the edition file',
  '  npm run ingest -- --report                       review every editorial decision',
  '  npm run ingest -- page.txt --out /tmp/page       try the heuristics on another scraped page',
].join('\n');

const OTHER_PAGE = [
  'tractor history facts',
  '',
  'Machine Tractor Stations - Wikipedia',
  '',
  'The stations lent tractors to the collective farms. By the end of the plan there were thousands of them.',
  '',
  'tractor history facts',
  '',
  'The Role of the Stations The stations, however, also watched the farms for the party.',
].join('\n');

describe.concurrent('node scripts/ingest.ts', { timeout: 60_000 }, () => {
  it('--help explains every option on stdout and exits 0', async ({ expect }) => {
    const run = await spawnIngest(['--help']);
    expect(run).toEqual({ code: 0, stdout: `${HELP}\n`, stderr: '' });
  });

  it('exits 64 with the usage on stderr for an unknown option', async ({ expect }) => {
    const usage = await spawnIngest(['--outt', 'x']);
    expect(usage.code).toBe(64);
    // The middle is Node's own wording of the unknown option.
    expect(usage.stderr.startsWith("ingest: Unknown option '--outt'.")).toBe(true);
    expect(usage.stderr.endsWith(`\n\n${HELP}\n`)).toBe(true);
  });
});

describe('npm run ingest', () => {
  it('names two witness files as a usage error, and an edition file that does not exist as given', () => {
    expect(ingest(['a.txt', 'b.txt'])).toEqual({
      code: 64,
      stdout: '',
      stderr: `ingest: expected one witness file, got 2\n\n${HELP}\n`,
    });
    expect(ingest(['--edition', 'nowhere/ed.yaml']).stderr).toBe(
      `ingest: edition file nowhere/ed.yaml does not exist\n\n${HELP}\n`,
    );
  });

  it('--check passes on the committed content and fails, naming the file, when a passage was edited by hand', () => {
    const dir = projectCopy();
    expect(ingest(['--check'], dir)).toMatchObject({ code: 0 });
    const passage = join(dir, 'content/passages/essay/zinoviev-and-kamenev-are-no-fools.md');
    writeFileSync(passage, readFileSync(passage, 'utf8').replace('no fools', 'not fools'));
    const run = ingest(['--check'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('differs   content/passages/essay/zinoviev-and-kamenev-are-no-fools.md');
    expect(run.stderr).toContain('fix: run `npm run ingest`');
    rmSync(passage);
    writeFileSync(join(dir, 'content/passages/essay/draft.md'), 'a draft\n');
    expect(ingest(['--check'], dir).stderr).toBe(
      'ingest --check: the committed files differ from what the witness and the edition file produce:\n' +
        '  missing   content/passages/essay/zinoviev-and-kamenev-are-no-fools.md\n' +
        '  stale     content/passages/essay/draft.md\n' +
        '  fix: run `npm run ingest`, review the diff (`git diff content/`) and commit it\n',
    );
  });

  it('runs on another scraped page with no edition file, writing passages, ledger and report to --out only', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'page.txt'), OTHER_PAGE);
    const run = ingest([join(dir, 'page.txt'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, 'out/passages/document-1')).sort()).toEqual([
      'the-stations-however-also-watched-the.md',
      'the-stations-lent-tractors-to-the.md',
    ]);
    const ledger = JSON.parse(readFileSync(join(dir, 'out/apparatus/ledger.json'), 'utf8'));
    expect(ledger.removals.map((r: { kind: string }) => r.kind)).toEqual([
      'keyword-spam',
      'web-title',
      'keyword-spam',
    ]);
    expect(ledger.headings.map((h: { text: string }) => h.text)).toEqual(['The Role of the Stations']);
    const report = readFileSync(join(dir, 'out/report.txt'), 'utf8');
    expect(report).toContain('edition   none: every decision is a heuristic one');
    expect(report).toContain(
      'lines     L<line>:<column>; the built site shows line <line> at /witness/#L<line>',
    );
    expect(report).toContain(
      'L3:1      remove    web-title [heuristic, UNCONFIRMED] “Machine Tractor Stations - Wikipedia”',
    );
  });

  it('--report prints every decision and its witness line', () => {
    const run = ingest(['--report', '--check'], projectCopy());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'L89:72    gap       doubled-word [heuristic, confirmed] “inin” → [1911] restored',
    );
    expect(run.stdout).toContain(
      'L75:1     overruled heading “The explanations of Radek and Co.” kept by the edition file',
    );
    expect(run.stdout).toContain('0 heuristic decisions unconfirmed');
  });

  it('refuses an empty witness with file, position and fix, and writes nothing', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'empty.txt'), '');
    const run = ingest([join(dir, 'empty.txt'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /empty\.txt:1:1: Unexpected empty witness, expected the text of the scraped page \[empty-witness\]\n {2}fix: /u,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses a witness it cannot read, naming it as given relative to the folder it runs in', () => {
    const dir = scratch();
    const run = ingest(['nowhere.txt', '--out', 'out'], dir);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(printedProblem(run.stderr)).toMatchObject({ file: 'nowhere.txt', rule: 'unreadable-witness' });
    expect(run.stderr).toContain('ENOENT');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an edition file whose quote is not in the witness, and leaves the previous output as it was', () => {
    const dir = projectCopy();
    const edition = join(dir, 'content/source/kirov-scrape.edition.yaml');
    writeFileSync(
      edition,
      readFileSync(edition, 'utf8').replace(
        'begins: Zinoviev and Kamenev are no fools.',
        'begins: Zinoviev and Kamenev are not fools.',
      ),
    );
    const before = readFileSync(join(dir, 'content/apparatus/ledger.json'), 'utf8');
    const run = ingest([], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /content\/source\/kirov-scrape\.edition\.yaml:\d+:13: Unexpected quote “Zinoviev and Kamenev are not fools\.” at `documents\.1\.begins`/u,
    );
    expect(readFileSync(join(dir, 'content/apparatus/ledger.json'), 'utf8')).toBe(before);
  });

  it('refuses an output folder that cannot be written, and leaves nothing half-written', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'page.txt'), OTHER_PAGE);
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const run = ingest([join(dir, 'page.txt'), '--out', join(dir, 'a-file/out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `a-file:1:1: Unexpected ENOTDIR writing ${join(dir, 'a-file')}, expected a folder the ingest can create and write [unwritable-output]`,
    );
    expect(run.stderr).toContain(
      `fix: ${join(dir, 'a-file')} is a file where a folder belongs: move it away, or choose another folder with --out; nothing was changed`,
    );
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'page.txt']);
  });

  it('refuses to write another witness into the edition’s content/, and deletes nothing', () => {
    const dir = projectCopy();
    writeFileSync(join(dir, 'other-page.txt'), OTHER_PAGE);
    const before = readdirSync(join(dir, 'content/passages/essay')).length;
    const run = ingest(['other-page.txt'], dir);
    expect(run.code).toBe(2);
    const problem = printedProblem(run.stderr);
    expect(problem).toMatchObject({ file: 'content', rule: 'output-is-edition' });
    // Both witnesses, and the two ways out: another folder, or --force.
    expect(problem.message).toContain('other-page.txt');
    expect(problem.message).toContain('content/source/kirov-scrape.txt');
    expect(problem.fix).toContain('--out');
    expect(problem.fix).toContain('--force');
    expect(readdirSync(join(dir, 'content/passages/essay'))).toHaveLength(before);
    expect(ingest(['--check'], dir).code).toBe(0);
    const forced = ingest(['other-page.txt', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(readdirSync(join(dir, 'content/passages'))).toEqual(['document-1']);
  });

  it('refuses an --out folder that no ingest wrote, and one that holds another witness’s output', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'page.txt'), OTHER_PAGE);
    writeFileSync(join(dir, 'second.txt'), OTHER_PAGE.replaceAll('tractor', 'plough'));
    cpSync('src/lib/schema', join(dir, 'lib'), { recursive: true });
    const sources = readdirSync(join(dir, 'lib')).sort();
    const foreign = ingest([join(dir, 'page.txt'), '--out', join(dir, 'lib')]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain(
      `Unexpected existing folder ${join(dir, 'lib')}/ that no ingest wrote (it has no apparatus/ledger.json; it holds`,
    );
    expect(foreign.stderr).toContain('[output-not-ingest]');
    expect(readdirSync(join(dir, 'lib')).sort()).toEqual(sources);

    expect(ingest([join(dir, 'page.txt'), '--out', join(dir, 'out')]).code).toBe(0);
    expect(ingest([join(dir, 'page.txt'), '--out', join(dir, 'out')]).code).toBe(0);
    const other = ingest([join(dir, 'second.txt'), '--out', join(dir, 'out')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      `Unexpected witness ${join(dir, 'second.txt')} for the output folder ${join(dir, 'out')}/, which holds the output of ${join(dir, 'page.txt')}`,
    );
    expect(other.stderr).toContain('add --force to replace the output of');
  });

  it('--check reports what an interrupted ingest left, and the next ingest discards its unfinished output', () => {
    const dir = projectCopy();
    mkdirSync(join(dir, 'content/.ingest-staging/passages/essay'), { recursive: true });
    writeFileSync(join(dir, 'content/.ingest-staging/passages/essay/half.md'), 'half-written\n');
    const check = ingest(['--check'], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(
      'ingest --check: an interrupted ingest left content/.ingest-staging/\n  fix: run `npm run ingest`, which finishes or discards it, then review the diff and commit it\n',
    );
    const run = ingest([], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'ingest: deleted the unfinished output an interrupted ingest left in content/',
    );
    expect(existsSync(join(dir, 'content/.ingest-staging'))).toBe(false);
    expect(ingest(['--check'], dir).code).toBe(0);
  });

  it('finishes the swap of an interrupted ingest whose new output was complete', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'page.txt'), OTHER_PAGE);
    expect(ingest(['page.txt', '--out', 'out'], dir).code).toBe(0);
    // What a kill right after the staged output was marked complete leaves behind.
    cpSync(join(dir, 'out/passages'), join(dir, 'out/.ingest-staging/passages'), { recursive: true });
    writeFileSync(join(dir, 'out/.ingest-staging/.complete'), '');
    const run = ingest(['page.txt', '--out', 'out'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe('ingest: finished the swap an interrupted ingest left in out/');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['apparatus', 'passages', 'report.txt']);
    expect(readdirSync(join(dir, 'out/passages/document-1'))).toHaveLength(2);
  });

  it('never deletes a file in passages/ that the ingest did not write', () => {
    const dir = projectCopy();
    writeFileSync(join(dir, 'content/passages/essay/my-draft.md'), 'a draft\n');
    const run = ingest([], dir);
    expect(run.code).toBe(2);
    expect(printedProblem(run.stderr)).toMatchObject({
      file: 'content/passages/essay/my-draft.md',
      rule: 'output-foreign-file',
    });
    expect(readFileSync(join(dir, 'content/passages/essay/my-draft.md'), 'utf8')).toBe('a draft\n');
  });

  it('refuses a merge-conflicted or cut-short id lock with its line and the fix', () => {
    const dir = projectCopy();
    const lock = join(dir, 'content/apparatus/ids.lock.json');
    const text = readFileSync(lock, 'utf8');
    writeFileSync(
      lock,
      `${text.slice(0, 40)}\n<<<<<<< HEAD\n  "x": 1\n=======\n  "x": 2\n>>>>>>> other\n${text.slice(40)}`,
    );
    const conflicted = ingest([], dir);
    expect(conflicted.code).toBe(2);
    expect(conflicted.stderr).toMatch(
      /^ingest: content\/apparatus\/ids\.lock\.json:6:1: Unexpected merge-conflict marker `<<<<<<<` in the id lock, expected the JSON the ingest wrote \[lock-conflict\]\n {2}fix: never merge the lock by hand/u,
    );
    writeFileSync(lock, text.slice(0, 100));
    const cut = ingest([], dir);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('Unexpected text that is not JSON in the id lock');
    expect(cut.stderr).toContain(
      'fix: restore the file from git (`git checkout -- content/apparatus/ids.lock.json`)',
    );
  });
});
