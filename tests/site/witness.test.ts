import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LEDGER_FILE, WITNESS_FILE } from '../../src/lib/content-paths.ts';
import { attribute, base, distDir, elementsOf, idsOf, pageTree } from './support/built.ts';

/*
 * The witness is published so that a reader can check the apparatus: the file itself, byte for byte,
 * and a page with one anchor per line, which every witness position on /about/ links to.
 */

const ledger = JSON.parse(readFileSync(LEDGER_FILE, 'utf8')) as {
  witness: { sha256: string; lines: number };
};
const witnessPage = 'witness/index.html';
const linePattern = new RegExp(`^${base}witness/#L(\\d+)$`);

/** Every link on /about/ to a line of the witness page, with its text. */
function aboutLineLinks(): { line: number; text: string }[] {
  const links: { line: number; text: string }[] = [];
  for (const element of elementsOf(pageTree('about/index.html'))) {
    if (element.tagName !== 'a') continue;
    const match = linePattern.exec(attribute(element, 'href') ?? '');
    if (!match) continue;
    const text = element.children.map((child) => ('value' in child ? child.value : '')).join('');
    links.push({ line: Number(match[1]), text });
  }
  return links;
}

describe('the published witness', () => {
  test('the raw file is the witness, byte for byte, with the SHA-256 the ledger names', () => {
    const served = readFileSync(join(distDir, 'witness', 'kirov-scrape.txt'));
    expect(served.equals(readFileSync(WITNESS_FILE))).toBe(true);
    expect(createHash('sha256').update(served).digest('hex')).toBe(ledger.witness.sha256);
  });

  test('the witness page has an anchor for each line, L1 to the last, holding that line', () => {
    const ids = idsOf(witnessPage);
    const lines = readFileSync(WITNESS_FILE, 'utf8').split('\n');
    expect(lines).toHaveLength(ledger.witness.lines);
    for (let n = 1; n <= ledger.witness.lines; n++) expect(ids.has(`L${n}`), `#L${n}`).toBe(true);
    expect(ids.has(`L${ledger.witness.lines + 1}`)).toBe(false);
    const items = elementsOf(pageTree(witnessPage)).filter(
      (element) => element.tagName === 'li' && /^L\d+$/.test(attribute(element, 'id') ?? ''),
    );
    const textOf = (n: number) => {
      const item = items.find((element) => attribute(element, 'id') === `L${n}`);
      const span =
        item && elementsOf(item).find((element) => attribute(element, 'className')?.includes('lt'));
      return span?.children.map((child) => ('value' in child ? child.value : '')).join('');
    };
    expect(textOf(1)).toBe('Kirov stalin relationship in 1934 public enemy');
    expect(textOf(3)).toBe('The Great Purge of Stalinist Russia | Guided History');
    expect(textOf(ledger.witness.lines)).toBe(lines.at(-1));
  });

  test('at least ten witness positions on /about/ link to a line the witness page has', () => {
    const links = aboutLineLinks();
    const ids = idsOf(witnessPage);
    expect(links.length).toBeGreaterThanOrEqual(10);
    for (const { line, text } of links) {
      expect(ids.has(`L${line}`), `/about/ links to line ${line}, which the witness page lacks`).toBe(true);
      expect(text, 'the link names the line it leads to').toMatch(new RegExp(`(^|\\D)${line}(:\\d+)?$`));
    }
    // The keyword line at the top of the page is the first removal in the ledger.
    expect(links.some(({ line, text }) => line === 1 && text === 'line 1:1')).toBe(true);
  });

  test('no witness position on /about/ is left as plain text', () => {
    const about = readFileSync(join(distDir, 'about', 'index.html'), 'utf8');
    const unlinked = about
      .replace(/<a [^>]*class="witness-at"[^>]*>[^<]*<\/a>/g, '')
      .match(/\bline \d+(:\d+)?/g);
    expect(unlinked ?? []).toEqual([]);
  });
});
