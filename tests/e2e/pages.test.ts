import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { mentionPattern } from '../../src/lib/name-index/find-mentions.ts';
import { indexEntrySchema } from '../../src/lib/schema/index-entry.ts';
import { ledgerSchema } from '../../src/lib/schema/ledger.ts';
import { base, readDocuments } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';

/* The edition's own pages as a reader meets them: /about/ (the apparatus) and /names/ (the index). */

const root = fileURLToPath(new URL('../../', import.meta.url));
const ledger = ledgerSchema.parse(
  JSON.parse(readFileSync(join(root, 'content/apparatus/ledger.json'), 'utf8')),
);
const documents = readDocuments();
const indexEntries = readdirSync(join(root, 'content/index'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => indexEntrySchema.parse(parseYaml(readFileSync(join(root, 'content/index', name), 'utf8'))));

const env = useSiteInBrowser();

async function open(path: string, width = 1280): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width, height: 900 } });
  const response = await page.goto(env.site.url(path));
  expect(response?.status()).toBe(200);
  return page;
}

/**
 * The text of each passage on a page, by id: its paragraphs without the ¶ number, the notes beside
 * it, or the markers other features put into it and flag as not part of the text (data-pagefind-ignore,
 * such as a note's number).
 */
function passageTexts(page: Page): Promise<Record<string, string>> {
  return page.$$eval('.passage', (elements) =>
    Object.fromEntries(
      elements.map((element) => [
        element.id,
        [...element.querySelectorAll(':scope > p')]
          .map((p) => {
            const copy = p.cloneNode(true) as HTMLElement;
            for (const marker of copy.querySelectorAll('[data-pagefind-ignore]')) marker.remove();
            return copy.textContent ?? '';
          })
          .join('\n'),
      ]),
    ),
  );
}

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('the header', () => {
  it('links to the index and to /about/ under the base, and marks the current page', async () => {
    const page = await open('/about/');
    const links = await page.$$eval('header.site nav a', (anchors) =>
      anchors.map((a) => ({
        text: a.textContent?.trim(),
        href: a.getAttribute('href'),
        current: a.getAttribute('aria-current'),
      })),
    );
    expect(links.slice(-2)).toEqual([
      { text: 'Index', href: `${base}names/`, current: null },
      { text: 'About', href: `${base}about/`, current: 'page' },
    ]);
    await page.close();
  });
});

describe('/about/', () => {
  it('says plainly that the witness is incomplete beyond the marked gaps', async () => {
    const page = await open('/about/');
    const statements = await page.$$eval('.completeness', (ps) =>
      ps.map((p) => p.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    );
    expect(statements).toContain(
      'On the Kirov Assassination: The witness is incomplete beyond the gaps marked […]: the scrape also dropped sentences without a trace. Where a sentence points back to words that are not there, the edition marks the place; other losses cannot be seen, and no printed copy of the essay was available to check against.',
    );
    expect(statements).toContain(
      "Obituary of Sergei Kirov (opening): The witness has only the obituary's first three paragraphs, without its signatures.",
    );
    await page.close();
  });

  it('shows the witness: file, SHA-256 and line count from the ledger', async () => {
    const page = await open('/about/');
    const facts = await page.$$eval('.witness-facts dt', (terms) =>
      Object.fromEntries(
        terms.map((dt) => [dt.textContent?.trim(), dt.nextElementSibling?.textContent?.trim()]),
      ),
    );
    expect(facts).toMatchObject({
      File: ledger.witness.file,
      'SHA-256': ledger.witness.sha256,
      Lines: String(ledger.witness.lines),
    });
    await page.close();
  });

  it('lists every removal of the ledger with its reason and witness line:column', async () => {
    const page = await open('/about/');
    const rows = await page.$$eval('tr.removal', (trs) =>
      trs.map((tr) => ({
        reason: tr.querySelector('.reason')?.textContent?.trim(),
        at: tr.querySelector('.at')?.textContent?.replace(/\s+/g, ' ').trim(),
        text: tr.textContent ?? '',
      })),
    );
    expect(rows).toHaveLength(ledger.removals.length);
    rows.forEach((row, index) => {
      const removal = ledger.removals[index];
      if (!removal) throw new Error('more rows than removals');
      expect(row.reason).toBe(removal.reason);
      expect(row.at).toBe(`line ${removal.witness.start.line}:${removal.witness.start.column}`);
      expect(squash(row.text)).toContain(squash(removal.text));
    });
    await page.close();
  });

  it('folds a long removed text into a disclosure that opens with a click', async () => {
    const longest = ledger.removals.toSorted((a, b) => b.text.length - a.text.length)[0];
    if (!longest || longest.text.length <= 120) throw new Error('the ledger should have a long removal');
    const page = await open('/about/');
    const details = page.locator('tr.removal details').first();
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    await details.locator('summary').click();
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
    expect(await details.locator('.removed-text').isVisible()).toBe(true);
    await page.close();
  });

  it('lists every gap with its marker and status, rejected ones as “checked, not a gap”', async () => {
    const page = await open('/about/');
    const rows = await page.$$eval('tr.gap', (trs) =>
      trs.map((tr) => ({
        marker: tr.querySelector('.marker')?.textContent?.trim(),
        status: tr.querySelector('.status')?.textContent?.trim(),
        href: tr.querySelector('a')?.getAttribute('href') ?? null,
        text: tr.textContent ?? '',
      })),
    );
    expect(rows).toHaveLength(ledger.gaps.length);
    rows.forEach((row, index) => {
      const gap = ledger.gaps[index];
      if (!gap) throw new Error('more rows than gaps');
      expect(row.marker).toBe(gap.marker ?? '—');
      expect(row.status).toBe(gap.status === 'rejected' ? 'checked, not a gap' : gap.status);
      expect(squash(row.text)).toContain(squash(gap.reason));
      if (gap.status === 'restored') expect(squash(row.text)).toContain(squash(gap.source));
      const document = documents.find((d) => d.id === gap.document);
      expect(row.href).toBe(
        gap.passage === null || !document ? null : `${base}${document.path.slice(1)}#${gap.passage}`,
      );
    });
    await page.close();
  });

  it('links each marked gap to a passage that prints its marker', async () => {
    const page = await open('/about/');
    const hrefs = await page.$$eval('tr.gap a[href*="#"]', (anchors) =>
      anchors.map((a) => a.getAttribute('href') ?? ''),
    );
    const marked = ledger.gaps.filter((gap) => gap.marker !== null);
    expect(hrefs).toHaveLength(marked.length);
    const essay = await open('/');
    const texts = await passageTexts(essay);
    marked.forEach((gap, index) => {
      expect(hrefs[index]).toBe(`${base}#${gap.passage}`);
      expect(texts[gap.passage ?? '']).toContain(gap.marker);
    });
    await essay.close();
    await page.close();
  });

  it('lists the restored headings with their witness line, each linked to the heading', async () => {
    const page = await open('/about/');
    const rows = await page.$$eval('tr.heading', (trs) =>
      trs.map((tr) => ({
        heading: tr.querySelector('.heading-text')?.textContent?.trim(),
        href: tr.querySelector('.heading-text a')?.getAttribute('href'),
        at: tr.querySelector('.at')?.textContent?.replace(/\s+/g, ' ').trim(),
      })),
    );
    expect(rows.map((row) => [row.heading, row.at])).toEqual(
      ledger.headings.map((heading) => [heading.text, `line ${heading.witness.start.line}`]),
    );
    const essay = await open('/');
    for (const row of rows) {
      const id = row.href?.split('#')[1] ?? '';
      expect(row.href).toBe(`${base}#${id}`);
      expect(await essay.locator(`h2[id="${id}"]`).textContent()).toBe(row.heading);
    }
    await essay.close();
    await page.close();
  });

  it('credits the Marxists Internet Archive as its notice asks, and gives the edition’s licence', async () => {
    const page = await open('/about/');
    const credits = squash(await page.locator('#credits').locator('xpath=..').textContent());
    expect(credits).toContain('Marxists Internet Archive (www.marxists.org)');
    // The notice as the witness has it, scrape damage ("P lease") included.
    expect(credits).toContain('P lease credit "Marxists Internet Archive" as your source');
    expect(credits).toContain(
      "The edition's own apparatus (decisions, notes, timeline) may be copied and adapted with credit to Kirov Reader.",
    );
    const sources = squash(await page.locator('#sources').locator('xpath=..').textContent());
    for (const document of documents) {
      expect(sources).toContain(document.title);
      expect(sources).toContain(squash(document.source.credit));
      if (document.translator) expect(sources).toContain(document.translator);
    }
    await page.close();
  });

  it('gives a citation with the address the site is served from', async () => {
    const page = await open('/about/');
    const served = env.site.url('/');
    await expect
      .poll(async () => squash(await page.locator('.citation').textContent()))
      .toBe(
        `Leon Trotsky, “On the Kirov Assassination” (December 1934), translated by John G. Wright. In Kirov Reader, edited by The Kirov Reader editors. ${served}`,
      );
    await page.close();
  });
});

describe('/names/', () => {
  it('lists every entry of content/index once, grouped by kind, alphabetically', async () => {
    const page = await open('/names/');
    const shown = await page.$$eval('.name-entry', (items) =>
      items.map((item) => ({
        id: item.id,
        kind: item.getAttribute('data-kind'),
        name: item.querySelector('h3')?.textContent,
      })),
    );
    expect(shown.map((entry) => entry.id).toSorted()).toEqual(
      indexEntries.map((entry) => entry.id).toSorted(),
    );
    const kinds = ['person', 'organisation', 'place', 'term'];
    expect(shown.map((entry) => entry.kind)).toEqual(
      shown.map((entry) => entry.kind).toSorted((a, b) => kinds.indexOf(a ?? '') - kinds.indexOf(b ?? '')),
    );
    for (const kind of kinds) {
      const names = shown.filter((entry) => entry.kind === kind).map((entry) => entry.name ?? '');
      expect(names).toEqual(names.toSorted((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    }
    expect(await page.locator('h2').allTextContents()).toEqual([
      'People',
      'Organisations',
      'Places',
      'Terms',
    ]);
    await page.close();
  });

  it('shows each entry’s description, its aliases and its source', async () => {
    const page = await open('/names/');
    for (const entry of indexEntries) {
      const item = page.locator(`[id="${entry.id}"]`);
      expect(squash(await item.locator('.description').textContent())).toBe(entry.description);
      if (entry.aliases.length > 0) {
        expect(await item.locator('.aliases').textContent()).toBe(`also: ${entry.aliases.join(', ')}`);
      }
      expect(squash(await item.locator('.source').textContent())).toBe(
        `Source: ${squash(entry.source.title)}`,
      );
      if (entry.source.url)
        expect(await item.locator('.source a').getAttribute('href')).toBe(entry.source.url);
    }
    await page.close();
  });

  it('links each entry only to passages whose text contains its name or an alias', async () => {
    const page = await open('/names/');
    const links = await page.$$eval('.name-entry', (items) =>
      items.map((item) => ({
        id: item.id,
        hrefs: [...item.querySelectorAll('.mentions a:not(.note-link)')].map(
          (a) => a.getAttribute('href') ?? '',
        ),
      })),
    );
    const textsByPath = new Map<string, Record<string, string>>();
    for (const document of documents) {
      const documentPage = await open(document.path);
      textsByPath.set(`${base}${document.path.slice(1)}`, await passageTexts(documentPage));
      await documentPage.close();
    }
    let checked = 0;
    for (const { id, hrefs } of links) {
      const entry = indexEntries.find((e) => e.id === id);
      if (!entry) throw new Error(`no content/index file for #${id}`);
      expect(hrefs.length, `${id} has no links`).toBeGreaterThan(0);
      for (const href of hrefs) {
        const [path = '', passageId = ''] = href.split('#');
        const text = textsByPath.get(path)?.[passageId];
        expect(text, `${href} (from ${id}) is not a passage`).toBeDefined();
        expect(mentionPattern(entry).test(text ?? ''), `${href} does not mention ${entry.name}`).toBe(true);
        mentionPattern(entry).lastIndex = 0;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(indexEntries.length);
    await page.close();
  });

  it('links an entry to its marginal note where it has one', async () => {
    const page = await open('/names/');
    const noteLinks = await page.$$eval('.name-entry .note-link', (anchors) =>
      anchors.map((a) => ({ entry: a.closest('.name-entry')?.id ?? '', href: a.getAttribute('href') ?? '' })),
    );
    const withNotes = indexEntries.filter((entry) => entry.note !== undefined);
    expect(noteLinks.map((link) => link.entry).toSorted()).toEqual(
      withNotes.map((entry) => entry.id).toSorted(),
    );
    const idsByPath = new Map<string, string[]>();
    for (const document of documents) {
      const documentPage = await open(document.path);
      idsByPath.set(
        `${base}${document.path.slice(1)}`,
        await documentPage.$$eval('[id]', (all) => all.map((e) => e.id)),
      );
      await documentPage.close();
    }
    for (const link of noteLinks) {
      const note = withNotes.find((entry) => entry.id === link.entry)?.note;
      const [path = '', hash = ''] = link.href.split('#');
      expect(hash).toBe(`note-${note}`);
      expect(idsByPath.get(path), `${link.href} has no note`).toContain(hash);
    }
    await page.close();
  });

  it('lands on the paragraph when a link is followed', async () => {
    const page = await open('/names/');
    await page.locator('[id="smolny"] .mentions a').first().click();
    await page.waitForURL(/#/);
    const target = await page.$eval(':target', (element) => ({
      className: element.className,
      text: element.querySelector(':scope > p')?.textContent ?? '',
    }));
    expect(target.className).toContain('passage');
    expect(target.text).toContain('Smolny');
    await page.close();
  });
});

describe('on a 320px phone', () => {
  it.each(['/about/', '/names/'])('%s does not scroll sideways', async (path) => {
    const page = await open(path, 320);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    await page.close();
  });
});
