import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestWitness } from '../../src/lib/ingest-witness.ts';
import { witnessText } from './support/kirov.ts';

const SCRIPT = join(process.cwd(), 'scripts/ingest.ts');

function ingest(args: string[], cwd = process.cwd()) {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const scratchDirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kirov-ingest-'));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the project's content/ folder to run the CLI in, so the real one is never touched. */
function projectCopy() {
  const dir = scratch();
  cpSync('content', join(dir, 'content'), { recursive: true });
  return dir;
}

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

describe('npm run ingest', () => {
  it('--help explains every option', () => {
    const run = ingest(['--help']);
    expect(run.code).toBe(0);
    for (const option of ['--edition', '--no-edition', '--out', '--check', '--report'])
      expect(run.stdout).toContain(option);
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
    expect(run.stderr).toContain('Unexpected ENOTDIR writing to the output folder');
    expect(run.stderr).toContain('fix: choose another folder with --out');
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'page.txt']);
  });

  it('handles a 10 MB witness (418 copies of the scrape) in one pass', () => {
    const copies = Array.from({ length: 418 }, (_, i) => witnessText().replaceAll('Kirov', `Kirov${i}`));
    const big = new TextEncoder().encode(copies.join('\n\n'));
    expect(big.length).toBeGreaterThan(10_000_000);
    const result = ingestWitness({
      witness: big,
      witnessFile: 'big.txt',
      edition: null,
      editionFile: null,
      lock: null,
    });
    expect(result.passages).toHaveLength(418 * 63);
    expect(new Set(result.passages.map((p) => p.frontmatter.id)).size).toBe(418 * 63);
  }, 60_000);
});
