import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { essayAndObituary, type PassageFile, passagesOf } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';

/*
 * The reading pages as a reader meets them: the essay and the obituary with every passage, ¶ number
 * and anchor from content/passages, its headings, its statement that the witness is incomplete, a
 * linked paragraph in view, and all of it with JavaScript off and steady while the scripts load.
 */

const env = useSiteInBrowser();

const { essay, obituary } = essayAndObituary();
const essayPassages = passagesOf(essay.id);
const obituaryPassages = passagesOf(obituary.id);

/** What a reader sees of each passage, in page order. */
function readPassages(page: Page) {
  return page.$$eval('.passage', (elements) =>
    elements.map((element) => {
      const number = element.querySelector(':scope > a.pn');
      return {
        id: element.id,
        number: number?.textContent ?? null,
        href: number?.getAttribute('href') ?? null,
        text: element.querySelector(':scope > p')?.textContent?.trim() ?? '',
      };
    }),
  );
}

function expectedPassages(passages: readonly PassageFile[]) {
  return passages.map((passage) => ({
    id: passage.id,
    number: `¶\u00a0${passage.n}`,
    href: `#${passage.id}`,
  }));
}

describe('the essay page', () => {
  it('shows the essay’s title, authors and every passage with its ¶ number and anchor, in order', async () => {
    const page = await env.open('/');
    expect(await page.locator('h1').textContent()).toBe(essay.title);
    expect(await page.title()).toContain(essay.title);
    const byline = await page.locator('.byline').textContent();
    for (const author of essay.authors) expect(byline).toContain(author);
    const shown = await readPassages(page);
    expect(shown.map(({ id, number, href }) => ({ id, number, href }))).toEqual(
      expectedPassages(essayPassages),
    );
    expect(shown.every((passage) => passage.text.length > 0)).toBe(true);
  });

  it('shows the essay’s section headings as h2, in order, each with an anchor', async () => {
    const expected = essayPassages
      .map((passage) => passage.section)
      .filter((section, index, all): section is string => section !== null && section !== all[index - 1]);
    expect(expected.length).toBeGreaterThan(0);
    const page = await env.open('/');
    const headings = await page.$$eval('main h2', (elements) =>
      elements.map((element) => ({ text: element.textContent, id: element.id })),
    );
    expect(headings.map((heading) => heading.text)).toEqual(expected);
    expect(headings.every((heading) => /^[a-z0-9-]+$/.test(heading.id))).toBe(true);
    expect(new Set(headings.map((heading) => heading.id)).size).toBe(headings.length);
  });

  it('says in plain words that the scraped page prints the obituary before the essay, linking both', async () => {
    const page = await env.open('/');
    const note = page.locator('.witness-note');
    expect((await note.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      `In the scraped web page this edition is made from, ${obituary.title} is printed before this text.`,
    );
    expect(await note.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      new URL(env.site.url('/witness/')).pathname,
      new URL(env.site.url(obituary.path)).pathname,
    ]);
  });

  it('tells the reader in the header that the scraped page is incomplete, without the editorial word', async () => {
    const page = await env.open('/');
    const statement = page.locator('article > header .completeness');
    expect(await statement.textContent()).toContain(
      'The scraped page is incomplete beyond the gaps marked […]',
    );
    expect(await statement.isVisible()).toBe(true);
    // "Witness" is the apparatus's word, explained on /about/; the first screen speaks plainly.
    expect(await page.locator('article > header').textContent()).not.toMatch(/witness/i);
    expect(await page.locator('meta[name="description"]').getAttribute('content')).not.toMatch(/witness/i);
  });

  it('shows the first words of the text on the first screen of a 390 × 844 phone, the caveats folded into a line that opens', async () => {
    const page = await env.open('/', { width: 390, height: 844, hasTouch: true, isMobile: true });
    // The scripts have run (the notes folded, the search box in place): what they add stays out of the way.
    await page.locator('html.notes-folded').waitFor({ state: 'attached' });
    await page.getByRole('combobox', { name: 'Search the edition' }).waitFor();
    const firstLine = await page.$eval('.passage > p', (text) => {
      const box = text.getBoundingClientRect();
      return {
        top: Math.round(box.top),
        bottom: Math.round(box.top + Number.parseFloat(getComputedStyle(text).lineHeight)),
      };
    });
    expect(
      firstLine.bottom,
      `the first line of ¶ 1 spans y=${firstLine.top}–${firstLine.bottom}`,
    ).toBeLessThanOrEqual(844);
    // Folded, the caveats still say what they are about, and open to say it whole.
    const caveats = page.locator('article > header details.caveats');
    expect(await caveats.locator('summary').textContent()).toBe(
      `Incomplete; printed after ${obituary.title}`,
    );
    expect(await page.locator('article > header .completeness').isVisible()).toBe(false);
    await caveats.locator('summary').click();
    expect(await page.locator('article > header .completeness').isVisible()).toBe(true);
    expect(await page.locator('article > header .witness-note').isVisible()).toBe(true);
  });

  /** How many links each line of the site's navigation holds, and whether each lies whole on the screen. */
  const navigationLines = (page: Page) =>
    page.$$eval('header.site nav li', (items) => {
      const shown = items.filter((item) => item.checkVisibility());
      return {
        perLine: [...Map.groupBy(shown, (item) => Math.round(item.getBoundingClientRect().top)).values()].map(
          (line) => line.length,
        ),
        cut: shown
          .filter((item) => {
            const box = item.getBoundingClientRect();
            return box.left < 0 || box.right > document.documentElement.clientWidth;
          })
          .map((item) => item.textContent?.trim()),
      };
    });

  it.each([820, 1280])(
    'never leaves one link of the site’s navigation alone on a line at %i px',
    async (width) => {
      const { perLine, cut } = await navigationLines(await env.open('/', { width }));
      expect(perLine.reduce((sum, count) => sum + count, 0)).toBe(6);
      expect(perLine.filter((count) => count === 1)).toEqual([]);
      expect(cut).toEqual([]);
    },
  );

  it('shows every link of the site’s navigation whole on a 390 px phone, the pages’ links on one line', async () => {
    const { perLine, cut } = await navigationLines(await env.open('/', { width: 390 }));
    // Each document's long title on a line of its own, then Timeline, Index, About and My notes.
    expect(perLine).toEqual([1, 1, 4]);
    expect(cut).toEqual([]);
  });

  it('scrolls a linked paragraph into view and highlights it as the :target', async () => {
    const target = essayPassages.at(-2);
    if (!target) throw new Error('the essay needs at least two passages');
    const page = await env.open(`/#${target.id}`);
    const state = await page.$eval(`[id="${target.id}"]`, (element) => {
      const box = element.getBoundingClientRect();
      return {
        isTarget: element.matches(':target'),
        inView: box.top >= 0 && box.top < window.innerHeight,
        scrolled: window.scrollY,
        background: getComputedStyle(element).backgroundColor,
        bodyBackground: getComputedStyle(document.body).backgroundColor,
      };
    });
    expect(state.isTarget).toBe(true);
    expect(state.inView).toBe(true);
    expect(state.scrolled).toBeGreaterThan(0);
    expect(state.background).not.toBe(state.bodyBackground);
  });

  it('can be read with JavaScript turned off', async () => {
    const page = await env.open('/', { javaScriptEnabled: false });
    const shown = await readPassages(page);
    expect(shown.map((passage) => passage.id)).toEqual(essayPassages.map((passage) => passage.id));
    const first = page.locator('.passage').first();
    expect(await first.isVisible()).toBe(true);
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is the rendered text, so this proves the text is laid out without scripts
    expect((await first.innerText()).length).toBeGreaterThan(20);
  });

  // At 1200 px the header's links, the search box and the switch only just share a line: a switch whose
  // place were not kept would wrap onto a line of its own when it shows (32 px down).
  it.each([1280, 1200, 820, 390])(
    'keeps the text in place at %ipx while its scripts add the search box, the switch and the notes',
    async (width) => {
      /** Where the title, each paragraph and each paragraph's date marks stand, before the scripts run (they never do) and after. */
      const layout = async (scripts: boolean) => {
        const page = await (await env.newContext({ width })).newPage();
        if (!scripts) await page.route('**/_astro/*.js', (route) => route.abort());
        await page.goto(env.site.url('/'));
        if (scripts) {
          await page.getByRole('combobox', { name: 'Search the edition' }).waitFor();
          await page.locator('html.notes-placed, html.notes-folded').waitFor({ state: 'attached' });
        } else expect(await page.locator('[data-site-search]').isHidden()).toBe(true);
        const tops = await page.$$eval('main h1, .passage > p, .passage > .pd', (elements) =>
          elements.map(
            (element) =>
              `${element.closest('.passage')?.id ?? 'h1'} ${element.className}: ${Math.round(element.getBoundingClientRect().top)}`,
          ),
        );
        await page.context().close();
        return tops;
      };
      const before = await layout(false);
      expect(before.length).toBeGreaterThan(essayPassages.length);
      expect(await layout(true)).toEqual(before);
    },
  );
});

describe('the obituary page', () => {
  it('shows the obituary’s title and every passage with its ¶ number and anchor, in order', async () => {
    const page = await env.open(obituary.path);
    expect(await page.locator('h1').textContent()).toBe(obituary.title);
    const shown = await readPassages(page);
    expect(shown.map(({ id, number, href }) => ({ id, number, href }))).toEqual(
      expectedPassages(obituaryPassages),
    );
    expect(obituaryPassages.length).toBeGreaterThan(0);
  });
});

describe('requests', () => {
  it('never leave the site’s origin', async () => {
    const page = await env.browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    for (const path of ['/', obituary.path, `/#${essayPassages[0]?.id}`]) {
      await page.goto(env.site.url(path), { waitUntil: 'networkidle' });
    }
    expect(requested.length).toBeGreaterThanOrEqual(3);
    expect(requested.filter((url) => !url.startsWith(`${env.site.origin}/`))).toEqual([]);
  });
});
