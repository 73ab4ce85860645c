import { describe, expect, it } from 'vitest';
import { base, readDocuments, readLedger } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { passageTexts, squash, tableRows } from './support/page-text.ts';
import { fitsWidth } from './support/paragraph-tools.ts';

/*
 * /about/, the apparatus, as a reader meets it: every removal, gap and restored heading of the ledger
 * with its witness position, the witness itself, the sources and credits, and how to cite; and the
 * header's links to it.
 */

const ledger = readLedger();
const documents = readDocuments();

const env = useSiteInBrowser();

describe('the header', () => {
  it('links to the index and to /about/ under the base, and marks the current page', async () => {
    const page = await env.shared('/about/');
    const links = await page.$$eval('header.site nav a', (anchors) =>
      anchors.map((a) => ({
        text: a.textContent?.trim(),
        href: a.getAttribute('href'),
        current: a.getAttribute('aria-current'),
      })),
    );
    // The edition's own pages, then the reader's notes, then the class view (shown to a teacher only).
    expect(links.slice(-4)).toEqual([
      { text: 'Index', href: `${base}names/`, current: null },
      { text: 'About', href: `${base}about/`, current: 'page' },
      { text: 'My notes', href: `${base}my-notes/`, current: null },
      { text: 'Class view', href: `${base}class/`, current: null },
    ]);
  });
});

describe('/about/', () => {
  it('says plainly that the witness is incomplete beyond the marked gaps', async () => {
    const page = await env.shared('/about/');
    const statements = await page.$$eval('.completeness', (ps) =>
      ps.map((p) => p.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    );
    expect(statements).toContain(
      'On the Kirov Assassination: The scraped page is incomplete beyond the gaps marked […]: it also dropped sentences without a trace. Where a sentence points back to words that are not there, the edition marks the place; other losses cannot be seen, and no printed copy of the essay was available to check against.',
    );
    expect(statements).toContain(
      "Obituary of Sergei Kirov (opening): The scraped page has only the obituary's first three paragraphs, without its signatures.",
    );
  });

  it('shows the witness: file, SHA-256 and line count from the ledger', async () => {
    const page = await env.shared('/about/');
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
  });

  it('lists every removal of the ledger with its reason and witness line:column', async () => {
    const page = await env.shared('/about/');
    const rows = await tableRows(page, 'tr.removal', { reason: '.reason', at: '.at' });
    expect(rows.map(({ reason, at, witness }) => ({ reason, at, witness }))).toEqual(
      ledger.removals.map((removal) => ({
        reason: squash(removal.reason),
        at: `line ${removal.witness.start.line}:${removal.witness.start.column}`,
        witness: `${base}witness/#L${removal.witness.start.line}`,
      })),
    );
    rows.forEach((row, index) => {
      expect(row.text).toContain(squash(ledger.removals[index]?.text));
    });
  });

  it('takes a reader from a removal’s witness position to that line of the published witness', async () => {
    const removal = ledger.removals.find((r) => r.witness.start.line > 20);
    if (!removal) throw new Error('the ledger should have a removal after line 20');
    const { line, column } = removal.witness.start;
    const page = await env.open('/about/');
    await page
      .locator('tr.removal a.witness-at', { hasText: `line ${line}:${column}` })
      .first()
      .click();
    await page.waitForURL(`**/witness/#L${line}`);
    const target = page.locator(`#L${line}`);
    expect(await target.evaluate((li) => li.matches(':target'))).toBe(true);
    expect(await target.isVisible()).toBe(true);
    const text = (await target.locator('.lt').textContent()) ?? '';
    expect(text.slice(column - 1)).toContain(removal.text.slice(0, 30));
    await page.close();
  });

  it('folds a long removed text into a disclosure that opens with a click', async () => {
    const longest = ledger.removals.toSorted((a, b) => b.text.length - a.text.length)[0];
    if (!longest || longest.text.length <= 120) throw new Error('the ledger should have a long removal');
    const page = await env.open('/about/');
    const details = page.locator('tr.removal details').first();
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    await details.locator('summary').click();
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
    expect(await details.locator('.removed-text').isVisible()).toBe(true);
    await page.close();
  });

  it('lists every gap with its marker and status, rejected ones as “checked, not a gap”', async () => {
    const page = await env.shared('/about/');
    const rows = await tableRows(page, 'tr.gap', { marker: '.marker', status: '.status' });
    expect(rows.map(({ marker, status, href }) => ({ marker, status, href }))).toEqual(
      ledger.gaps.map((gap) => {
        const document = documents.find((d) => d.id === gap.document);
        return {
          marker: gap.marker ?? '—',
          status: gap.status === 'rejected' ? 'checked, not a gap' : gap.status,
          href: gap.passage === null || !document ? null : `${base}${document.path.slice(1)}#${gap.passage}`,
        };
      }),
    );
    rows.forEach((row, index) => {
      const gap = ledger.gaps[index];
      expect(row.text).toContain(squash(gap?.reason));
      if (gap?.status === 'restored') expect(row.text).toContain(squash(gap.source));
    });
  });

  it('links each marked gap to a passage that prints its marker', async () => {
    const page = await env.shared('/about/');
    const hrefs = await page.$$eval('tr.gap a[href*="#"]:not(.witness-at)', (anchors) =>
      anchors.map((a) => a.getAttribute('href') ?? ''),
    );
    const marked = ledger.gaps.filter((gap) => gap.marker !== null);
    expect(hrefs).toHaveLength(marked.length);
    const essay = await env.shared('/');
    const texts = await passageTexts(essay);
    marked.forEach((gap, index) => {
      expect(hrefs[index]).toBe(`${base}#${gap.passage}`);
      expect(texts[gap.passage ?? '']).toContain(gap.marker);
    });
  });

  it('lists the restored headings with their witness line, each linked to the heading', async () => {
    const page = await env.shared('/about/');
    const rows = await tableRows(page, 'tr.heading', { heading: '.heading-text', at: '.at' });
    expect(rows.map((row) => [row.heading, row.at])).toEqual(
      ledger.headings.map((heading) => [heading.text, `line ${heading.witness.start.line}`]),
    );
    const essay = await env.shared('/');
    for (const row of rows) {
      const id = row.href?.split('#')[1] ?? '';
      expect(row.href).toBe(`${base}#${id}`);
      expect(await essay.locator(`h2[id="${id}"]`).textContent()).toBe(row.heading);
    }
  });

  it('credits the Marxists Internet Archive as its notice asks, and gives the edition’s licence', async () => {
    const page = await env.shared('/about/');
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
  });

  it('gives a citation with the address the site is served from', async () => {
    const page = await env.shared('/about/');
    const served = env.site.url('/');
    await expect
      .poll(async () => squash(await page.locator('.citation').textContent()))
      .toBe(
        `Leon Trotsky, “On the Kirov Assassination” (December 1934), translated by John G. Wright. In Kirov Reader, edited by The Kirov Reader editors. ${served}`,
      );
  });

  it('does not scroll sideways on a 320 px phone', async () => {
    expect(await fitsWidth(await env.open('/about/', { width: 320 }))).toBe(true);
  });
});
