import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { essayAndObituary, passageNumbered, readPassageFiles } from './site.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { untilWorkerControls } from './support/offline.ts';

/*
 * Search as a student uses it: type in the header, read paragraph results with their ¶ numbers, land on
 * the words, marked apart from the linked paragraph's highlight; narrow by kind; get a clear answer when
 * nothing matches; and, once the site has been opened, search with the network off.
 */

const env = useSiteInBrowser();

const { essay: essayDocument } = essayAndObituary();

const openReader = (width = 1280) => env.open('/', { width, height: 900 });

/**
 * The reader at 1280 px shared by the tests that only search and read the results (env.shared), as a
 * fresh page has it: the Kind filter on all kinds, the box empty and the results gone.
 */
async function searchingReader(): Promise<Page> {
  const page = await env.shared('/', { width: 1280, height: 900 });
  await page.$$eval('select[data-filter]', (selects) => {
    for (const select of selects as HTMLSelectElement[]) {
      if (select.value === '') continue;
      select.value = '';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
  await page.getByRole('combobox', { name: 'Search the edition' }).fill('');
  await expect.poll(() => page.locator('.search-status').textContent()).toBe('');
  return page;
}

/**
 * Once the status line names this search, its first results are drawn; the rest come as their texts
 * arrive, and the list is busy (aria-busy) until they all have.
 */
async function untilWhole(page: Page) {
  await expect.poll(() => page.locator('.search-list').getAttribute('aria-busy')).toBeNull();
}

async function search(page: Page, term: string) {
  const input = page.getByRole('combobox', { name: 'Search the edition' });
  await input.fill(term);
  await expect.poll(() => page.locator('.search-status').textContent()).toMatch(new RegExp(`“${term}”`, 'u'));
  await untilWhole(page);
  return page.locator('.search-list > li');
}

/** The results' links and the count, once the status line names `shown` (the term searched). */
async function resultsFor(page: Page, typed: string, shown = typed) {
  const box = page.getByRole('combobox', { name: 'Search the edition' });
  const status = page.locator('.search-status');
  // From an empty box, so that the status read is this search's, not the one before.
  if ((await box.inputValue()) !== '') {
    await box.fill('');
    await expect.poll(() => status.textContent()).toBe('');
  }
  await box.fill(typed);
  await expect.poll(() => status.textContent()).toMatch(new RegExp(`“${shown}”`, 'u'));
  await untilWhole(page);
  return {
    status: (await status.textContent()) ?? '',
    note: (await page.locator('.search-note').isVisible())
      ? await page.locator('.search-note').textContent()
      : '',
    hrefs: await page
      .locator('.search-list > li a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    titles: await page.locator('.search-list .search-title').allTextContents(),
  };
}

/**
 * What each kind (Text, Note, Event, Apparatus) finds on its own for the search in the box, whose
 * results for all kinds number `total`: the Kind filter set to each in turn, from all kinds each time,
 * so that each count read is the one this kind gives.
 */
async function countsByKind(page: Page, total: number): Promise<number[]> {
  const status = page.locator('.search-status');
  const counts: number[] = [];
  for (const kind of ['Text', 'Note', 'Event', 'Apparatus']) {
    await page.getByLabel('Kind').selectOption('');
    await expect.poll(() => status.textContent()).toMatch(new RegExp(`^${total} results`, 'u'));
    await page.getByLabel('Kind').selectOption(kind);
    await expect.poll(() => status.textContent()).not.toMatch(new RegExp(`^${total} results`, 'u'));
    const text = (await status.textContent()) ?? '';
    counts.push(text.startsWith('Nothing') ? 0 : Number(text.match(/^(\d+) results?/u)?.[1]));
  }
  return counts;
}

describe('search', () => {
  it('finds a name in the spellings students learned, as the text spells it, and says so', async () => {
    const page = await searchingReader();
    const nikolaev = '“Nikolaiev” and “Nikolaev”, the spellings in this edition';
    for (const [typed, text, shown] of [
      ['Nikolayev', 'Nikolaiev', nikolaev],
      ['Nicolaiev', 'Nikolaiev', nikolaev],
      ['Zinovyev', 'Zinoviev', '“Zinoviev”, the spelling in this text'],
      ['Zinovief', 'Zinoviev', '“Zinoviev”, the spelling in this text'],
      ['Kamenyev', 'Kamenev', '“Kamenev”, the spelling in this text'],
    ] as const) {
      const label = text === 'Nikolaiev' ? 'Nikolaiev” or “Nikolaev' : text;
      const expected = await resultsFor(page, text, label);
      expect(expected.titles.filter((title) => title.startsWith('¶')).length, text).toBeGreaterThan(0);
      const found = await resultsFor(page, typed, label);
      expect(found.note, typed).toBe(`Showing results for ${shown}.`);
      expect(found.status, typed).toBe(expected.status);
      expect(found.hrefs, typed).toEqual(expected.hrefs);
    }
  });

  it('finds a name in every spelling the edition uses: the essay’s “Nikolaiev” and the notes’ “Nikolaev”', async () => {
    const page = await searchingReader();
    const more = page.getByRole('button', { name: 'Show more results' });
    const label = '“Nikolaiev” or “Nikolaev”';
    // The essay spells him Nikolaiev (and “the Nikolaievs”, ¶ 42); the notes and the timeline Nikolaev.
    const paragraphs = [2, 26, 27, 39, 40, 42, 53, 59];
    const notes = [
      "Note: Individual terrorism's Russian past",
      'Note: Leonid Nikolaev (1904–1934)',
      'Note: The assassination of Kirov, 1 December 1934',
      'Note: The “Leningrad Centre”',
      'Note: Who was behind the murder?',
    ];
    let first: string[] = [];
    for (const typed of ['Nikolaev', 'Nikolayev', 'Nikolaiev']) {
      const found = await resultsFor(page, typed, 'Nikolaiev” or “Nikolaev');
      expect(found.note, typed).toBe(
        'Showing results for “Nikolaiev” and “Nikolaev”, the spellings in this edition.',
      );
      const total = Number(found.status.match(/^(\d+) results/u)?.[1]);
      expect(found.status, typed).toBe(`${total} results for ${label}, the first 10 shown.`);
      // Paragraphs lead, then the notes, then the events; “Show more results” brings the rest.
      while (await more.isVisible()) {
        const before = await page.locator('.search-list > li').count();
        await more.click();
        await expect.poll(() => page.locator('.search-list > li').count()).toBeGreaterThan(before);
        await untilWhole(page);
      }
      const titles = await page.locator('.search-list .search-title').allTextContents();
      const kinds = await page.locator('.search-list .search-where').allTextContents();
      const hrefs = await page
        .locator('.search-list > li a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(titles.length, typed).toBe(total);
      expect(new Set(hrefs).size, `${typed}: each record once`).toBe(total);
      const numbers = titles
        .slice(0, paragraphs.length)
        .map((title) => Number(title.match(/^¶ (\d+)/u)?.[1]));
      expect(
        numbers.toSorted((a, b) => a - b),
        typed,
      ).toEqual(paragraphs);
      expect(titles.filter((title) => title.startsWith('Note: ')).toSorted(), typed).toEqual(notes);
      const ranks = kinds.map((where) => ['Note', 'Event'].findIndex((kind) => where.startsWith(kind)) + 1);
      expect(ranks, typed).toEqual(ranks.toSorted((a, b) => a - b));
      // On arrival, both spellings are marked: the note on Nikolaev holds both.
      expect(
        hrefs.find((href) => href.endsWith('#note-nikolaev')),
        typed,
      ).toContain(`?hl=${encodeURIComponent('Nikolaiev Nikolaev')}#`);
      if (first.length === 0) first = hrefs;
      else expect(hrefs, `${typed} lists what “Nikolaev” lists, in the same order`).toEqual(first);
    }
  });

  it('counts a record that holds both spellings once, in each kind and in the whole', async () => {
    const page = await searchingReader();
    // The note on Nikolaev holds both spellings.
    const found = await resultsFor(page, 'Nikolaev', 'Nikolaiev” or “Nikolaev');
    const total = Number(found.status.match(/^(\d+) results/u)?.[1]);
    const counts = await countsByKind(page, total);
    expect(counts.slice(0, 2)).toEqual([8, 5]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(total);
  });

  it('matches the searched word and its inflections, not a shorter stem’s other words', async () => {
    const page = await searchingReader();
    // No paragraph holds “witness”: an English stemmer cut it to “wit” and listed “with” and “within”.
    const witness = await resultsFor(page, 'witness');
    expect(witness.titles.filter((title) => title.startsWith('¶'))).toEqual([]);
    // “individual terrorism” still puts ¶ 41 first.
    const terrorism = await resultsFor(page, 'individual terrorism');
    expect(terrorism.titles[0]).toMatch(/^¶ 41 · /u);
    // The excerpts mark the searched words, never a stop word among them.
    await resultsFor(page, 'the bureaucracy of');
    const marks = (await page.locator('.search-list mark').allTextContents()).map((m) => m.toLowerCase());
    expect(marks).toContain('bureaucracy');
    expect(marks.filter((mark) => mark === 'the' || mark === 'of')).toEqual([]);
  });

  it('offers the nearest word of the edition for a word that matches nothing, and searches it', async () => {
    const page = await searchingReader();
    const found = await resultsFor(page, 'bureacracy', 'bureaucracy');
    expect(found.note).toBe('Nothing matched “bureacracy”. Did you mean “bureaucracy”?');
    expect(found.status).toMatch(/^\d+ results for “bureaucracy”/u);
    expect(found.hrefs.length).toBeGreaterThan(0);
  });

  it('moves through the results by ArrowDown and ArrowUp from the box, opens one by Enter', async () => {
    const page = await openReader();
    const box = page.getByRole('combobox', { name: 'Search the edition' });
    await resultsFor(page, 'Yaroslavsky');
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    const [first, second] = [options.nth(0), options.nth(1)];
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await second.getAttribute('id'));
    expect(await first.getAttribute('aria-selected')).toBe('false');
    await box.press('ArrowUp');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    // Focus stays in the box, so the reader can go on typing.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    const id = ((await first.getAttribute('href')) ?? '').split('#')[1] ?? '';
    await box.press('Enter');
    await page.waitForURL((url) => url.hash === `#${id}` && url.searchParams.get('hl') === 'Yaroslavsky');
  });

  it('finds “Zinoviev” in paragraphs, each result naming its ¶ number', async () => {
    const page = await searchingReader();
    const results = await search(page, 'Zinoviev');
    const titles = await results.locator('a').allTextContents();
    // Paragraphs lead, ten at a time: as many as name him, up to ten.
    const naming = readPassageFiles().filter((passage) => /\bZinoviev\b/u.test(passage.text)).length;
    expect(naming).toBeGreaterThan(1);
    expect(titles.filter((title) => /^¶ \d+/u.test(title)).length).toBeGreaterThanOrEqual(
      Math.min(10, naming),
    );
    expect(await page.locator('.search-status').textContent()).toMatch(/^\d+ results for “Zinoviev”/u);
    // The excerpt marks the matched word.
    expect(await results.first().locator('mark').first().textContent()).toMatch(/^Zinoviev/u);
  });

  it('lands on the paragraph of a result with the searched word highlighted and in view', async () => {
    const page = await openReader();
    const results = await search(page, 'Yaroslavsky');
    const link = results.locator('a', { hasText: /^¶ \d+/u }).first();
    const href = (await link.getAttribute('href')) ?? '';
    const id = href.split('#')[1] ?? '';
    await link.click();
    await page.waitForURL((url) => url.hash === `#${id}`);
    const mark = page.locator(`[id="${id}"] mark.search-hit`).first();
    await expect.poll(() => mark.textContent()).toBe('Yaroslavsky');
    await expect
      .poll(() =>
        mark.evaluate((element) => {
          const box = element.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
  });

  it('marks a searched word with a hyphen or an apostrophe, either apostrophe matching, and no stop word', async () => {
    const target = 'the-stalinist-bureaucracy-has-created-a';
    // Only the searched words are marked, never a stop word the paragraph is full of.
    const page = await env.open(`/?hl=${encodeURIComponent('the leader-cult of')}#${target}`);
    await expect
      .poll(() => page.locator(`[id="${target}"] mark.search-hit`).allTextContents())
      .toEqual(['leader-cult']);
    // …and the paragraph does hold both stop words.
    const words =
      (await page.locator(`[id="${target}"] > p`).textContent())?.toLowerCase().split(/\W+/u) ?? [];
    expect(words).toContain('the');
    expect(words).toContain('of');
    const lenin = await page.evaluate(
      () => [...document.querySelectorAll('.passage')].find((p) => p.textContent?.includes("Lenin's"))?.id,
    );
    expect(lenin).toBeTruthy();
    const other = await env.open(`/?hl=${encodeURIComponent('Lenin’s')}#${lenin}`);
    await expect
      .poll(() => other.locator(`[id="${lenin}"] mark.search-hit`).allTextContents())
      .toEqual(["Lenin's"]);
  });

  it('narrows results by kind', async () => {
    const page = await searchingReader();
    await search(page, 'Kamenev');
    const all = await page.locator('.search-list .search-where').allTextContents();
    expect(all.some((where) => where.startsWith('Note'))).toBe(true);
    await page.getByLabel('Kind').selectOption('Note');
    await expect
      .poll(async () =>
        (await page.locator('.search-list .search-where').allTextContents()).every((w) =>
          w.startsWith('Note'),
        ),
      )
      .toBe(true);
    const notes = await page.locator('.search-list > li').count();
    expect(notes).toBeGreaterThan(0);
    expect(notes).toBeLessThan(all.length);
  });

  it('shows ten results at a time, paragraphs first, and the next ten on “Show more results”', async () => {
    const page = await searchingReader();
    const results = await search(page, 'Stalin');
    const status = page.locator('.search-status');
    const total = Number((await status.textContent())?.match(/^(\d+) results/u)?.[1]);
    expect(total).toBeGreaterThan(10);
    expect(await status.textContent()).toBe(`${total} results for “Stalin”, the first 10 shown.`);
    expect(await results.count()).toBe(10);
    const more = page.getByRole('button', { name: 'Show more results' });
    await more.focus();
    await page.keyboard.press('Enter');
    const next = Math.min(20, total);
    await expect.poll(() => results.count()).toBe(next);
    // Focus moves to the first new result, so a keyboard reader goes on where they were.
    expect(
      await results
        .nth(10)
        .locator('a')
        .evaluate((link) => link === document.activeElement),
    ).toBe(true);
    const hrefs = await results
      .locator('a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(next);
    // Paragraphs lead: no note, event or apparatus entry stands before a paragraph.
    const kinds = await results.locator('.search-where').allTextContents();
    const ranks = kinds.map(
      (where) => ['Note', 'Event', 'Apparatus'].findIndex((kind) => where.startsWith(kind)) + 1,
    );
    expect(ranks[0]).toBe(0);
    expect(ranks).toEqual(ranks.toSorted((a, b) => a - b));
    // The count is the sum of what each kind finds on its own.
    const counts = await countsByKind(page, total);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(total);
  });

  it('draws the first results as their texts arrive, without waiting for the tenth, and announces the count once', async () => {
    const page = await openReader();
    // The results' texts (Pagefind's fragments) are held until the test lets them through.
    const held: Route[] = [];
    let holding = true;
    await page.context().route('**/pagefind/fragment/**', async (route) => {
      if (holding) held.push(route);
      else await route.continue();
    });
    await page.evaluate(() => {
      const region = document.querySelector('.search-announce');
      const heard: string[] = [];
      Object.assign(window, { heard });
      if (region)
        new MutationObserver(() => heard.push(region.textContent ?? '')).observe(region, {
          childList: true,
          characterData: true,
          subtree: true,
        });
    });
    const heard = () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    await page.getByRole('combobox', { name: 'Search the edition' }).fill('Stalin');
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await held[0]?.continue();
    // The first result is there, and the count, while the nine others are still on the way.
    await expect
      .poll(() => page.locator('.search-status').textContent())
      .toMatch(/^\d+ results for “Stalin”/u);
    const results = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    expect(await results.count()).toBe(1);
    expect(await results.first().textContent()).toMatch(/^¶ \d+.*Stalin/u);
    expect(await page.locator('.search-list').getAttribute('aria-busy')).toBe('true');
    const more = page.getByRole('button', { name: 'Show more results' });
    expect(await more.isVisible(), 'no button between the first result and the rest').toBe(false);
    expect(await heard(), 'nothing announced before the page is whole').toEqual([]);
    holding = false;
    for (const route of held.slice(1)) await route.continue();
    await untilWhole(page);
    expect(await results.count()).toBe(10);
    expect(await more.isVisible()).toBe(true);
    // Announced once, as the status line says it.
    expect(await heard()).toEqual([await page.locator('.search-status').textContent()]);
  });

  it('counts a result whose text cannot be fetched (offline and not kept), and says it shows when online', async () => {
    const page = await openReader();
    // The second result's text fails, as a fragment the device has not kept does offline.
    let asked = 0;
    await page.context().route('**/pagefind/fragment/**', async (route) => {
      if (++asked === 2) await route.abort('internetdisconnected');
      else await route.continue();
    });
    const results = await search(page, 'Stalin');
    const status = (await page.locator('.search-status').textContent()) ?? '';
    expect(status).toMatch(
      /^\d+ results for “Stalin”, the first 10 shown\. 1 of them is not kept on this device and will show when you are online\.$/u,
    );
    expect(await results.count()).toBe(9);
    expect(await page.locator('.search-announce').textContent()).toBe(status);
  });

  it('says clearly when nothing matches', async () => {
    const page = await searchingReader();
    await search(page, 'xylophonique');
    expect(await page.locator('.search-status').textContent()).toBe('Nothing matched “xylophonique”.');
    expect(await page.locator('.search-list > li').count()).toBe(0);
  });

  it('focuses the field with “/” and closes the results with Escape', async () => {
    const page = await openReader();
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await search(page, 'Smolny');
    await page.keyboard.press('Escape');
    expect(await page.locator('.search-results').isHidden()).toBe(true);
  });

  it.each([1280, 390])('has no axe violations with the results open, at %i px', async (width) => {
    const page = await openReader(width);
    await search(page, 'Kamenev');
    // With a result reached by the arrows, as a keyboard reader has it.
    await page.getByRole('combobox', { name: 'Search the edition' }).press('ArrowDown');
    await expect
      .poll(() =>
        page.getByRole('listbox', { name: 'Search results' }).getByRole('option', { selected: true }).count(),
      )
      .toBe(1);
    const violations = await runAxe(page);
    expect(violations.length, formatViolations(violations)).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `sideways scrolling at ${width}px with results open`).toBeLessThanOrEqual(0);
  });

  it('works offline once the site has been opened: reload with the network off and search', async () => {
    const page = await env.open('/', { width: 1280, height: 900, serviceWorkers: 'allow' });
    await untilWorkerControls(page);
    await page.context().setOffline(true);
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe(essayDocument.title);
    // A misspelt word too: the vocabulary is kept with the index.
    const found = await resultsFor(page, 'bureacracy', 'bureaucracy');
    expect(found.note).toBe('Nothing matched “bureacracy”. Did you mean “bureaucracy”?');
    expect(found.hrefs.length).toBeGreaterThan(0);
    // A name in two spellings: both searched and merged from the kept index, every detail at hand.
    const names = await resultsFor(page, 'Nikolayev', 'Nikolaiev” or “Nikolaev');
    expect(names.note).toBe('Showing results for “Nikolaiev” and “Nikolaev”, the spellings in this edition.');
    expect(names.status).toMatch(/^\d+ results for “Nikolaiev” or “Nikolaev”, the first 10 shown\.$/u);
    expect(names.titles.slice(0, 8).every((title) => title.startsWith('¶ '))).toBe(true);
    expect(names.titles.slice(8)).toContain('Note: Leonid Nikolaev (1904–1934)');
    await page.goto(env.site.url('/about/'));
    // The page itself, kept at the first visit, not the offline fallback.
    expect(await page.locator('h1').textContent()).toBe('About this edition');
  });

  it('puts ¶ 41, which opens with “individual terrorism”, above paragraphs that only share its heading', async () => {
    const page = await searchingReader();
    await search(page, 'individual terrorism');
    const first = page.locator('.search-list > li > a').first();
    expect(await first.textContent()).toMatch(/^¶ 41 · /u);
    expect(await first.getAttribute('href')).toContain(`#${passageNumbered(41).id}`);
  });

  it('marks the searched words on arrival apart from the target paragraph’s highlight, by 3:1 or more', async () => {
    const { id } = passageNumbered(41);
    for (const scheme of ['light', 'dark'] as const) {
      const page = await env.open(`/?hl=${encodeURIComponent('individual terrorism')}#${id}`, {
        colorScheme: scheme,
      });
      const mark = page.locator(`[id="${id}"] mark.search-hit`).first();
      await mark.waitFor();
      const colours = await mark.evaluate((element) => ({
        mark: getComputedStyle(element).backgroundColor,
        text: getComputedStyle(element).color,
        target: getComputedStyle(element.closest('.passage') as Element).backgroundColor,
      }));
      expect(colours.mark, scheme).not.toBe(colours.target);
      expect(
        contrast(colours.mark, colours.target),
        `${scheme}: mark against the target`,
      ).toBeGreaterThanOrEqual(3);
      expect(contrast(colours.mark, colours.text), `${scheme}: the marked words`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

/** WCAG contrast ratio of two computed colours (rgb() or rgba(), opaque). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r = 0, g = 0, bl = 0] = (colour.match(/[\d.]+/gu) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}
