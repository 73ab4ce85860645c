import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareTrees } from '../../scripts/check-determinism.ts';

const made: string[] = [];

/** A temp folder holding the given files (path → contents). */
function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kirov-compare-trees-'));
  made.push(dir);
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

const site = {
  'index.html': '<!doctype html>\n<title>Kirov</title>\n<p>The shot in the Smolny.</p>\n',
  'obituary/index.html': '<p>Obituary</p>\n',
  'pagefind/index/en_1.pf_index': Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]),
};

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('compareTrees', () => {
  it('finds no difference between identical trees and counts their files and bytes', () => {
    const result = compareTrees(tree(site), tree(site));
    expect(result.differences).toEqual([]);
    expect(result.files).toBe(3);
    expect(result.bytes).toBe(68 + 16 + 6);
  });

  it('lists a text file with one changed byte, with its sizes and the line that differs', () => {
    const result = compareTrees(
      tree(site),
      tree({
        ...site,
        'index.html': '<!doctype html>\n<title>Kirov</title>\n<p>The shot in the Smolnx.</p>\n',
      }),
    );
    expect(result.differences).toEqual([
      {
        path: 'index.html',
        kind: 'changed',
        sizeA: 68,
        sizeB: 68,
        detail:
          'line 3, column 25:\n    a: <p>The shot in the Smolny.</p>\n    b: <p>The shot in the Smolnx.</p>',
      },
    ]);
  });

  it('shows only an excerpt around the difference on a long minified line', () => {
    const long = (id: string) => `${'x'.repeat(500)}"build":"${id}"${'y'.repeat(500)}`;
    const [difference] = compareTrees(
      tree({ 'sw.js': long('1111') }),
      tree({ 'sw.js': long('2222') }),
    ).differences;
    expect(difference?.detail).toBe(
      `line 1, column 510:\n    a: …${'x'.repeat(51)}"build":"1111"${'y'.repeat(55)}…\n    b: …${'x'.repeat(51)}"build":"2222"${'y'.repeat(55)}…`,
    );
  });

  it('gives the byte offset of the first difference in a binary file', () => {
    const result = compareTrees(
      tree(site),
      tree({ ...site, 'pagefind/index/en_1.pf_index': Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x03]) }),
    );
    expect(result.differences).toEqual([
      {
        path: 'pagefind/index/en_1.pf_index',
        kind: 'changed',
        sizeA: 6,
        sizeB: 6,
        detail: 'binary, first difference at byte 5',
      },
    ]);
  });

  it('lists a file missing from the second tree and a file only the second tree has', () => {
    const { 'obituary/index.html': _dropped, ...rest } = site;
    const result = compareTrees(tree(site), tree({ ...rest, 'pagefind/pagefind-entry.json': '{}' }));
    expect(result.differences).toEqual([
      { path: 'obituary/index.html', kind: 'missing', sizeA: 16 },
      { path: 'pagefind/pagefind-entry.json', kind: 'extra', sizeB: 2 },
    ]);
    expect(result.files).toBe(2);
  });
});
