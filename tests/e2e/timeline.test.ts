import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatPartialDate } from '../../src/lib/timeline/partial-date.ts';
import { sortEvents } from '../../src/lib/timeline/sort-events.ts';
import { base, essayAndObituary, readDocuments, readPassageFiles, readTimelineEvents } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';

/*
 * The timeline as a reader meets it, in one file because the rail, the date marks, /timeline/ and
 * /timeline.json all show one collection (content/timeline) and are checked against the same events
 * read here; the sub-path check (npm run check:subpath) runs this file by name, for the links the
 * rail and the marks write with the base.
 */

const env = useSiteInBrowser();

// What the pages are expected to show, read from the content files by the site's reader.
const events = sortEvents(readTimelineEvents().map(({ id, data }) => ({ id, ...data })));
const documents = readDocuments();
const passages = new Map(readPassageFiles().map((passage) => [passage.id, passage]));

function documentOf(passageId: string) {
  const document = documents.find((candidate) => candidate.id === passages.get(passageId)?.document);
  if (!document) throw new Error(`no document for passage ${passageId}`);
  return document;
}

/** The base-aware link to a passage, as a page prints it. */
const passageHref = (id: string) => `${base}${documentOf(id).path.slice(1)}#${id}`;
const eventHref = (id: string) => `${base}timeline/#${id}`;
const { essay, obituary } = essayAndObituary();

/** Where the rail on a document's page sends an event: its first passage on that page, else its first. */
function railHref(event: (typeof events)[number], documentId: string): string {
  const here = event.passages.find((id) => passages.get(id)?.document === documentId);
  const target = here ?? event.passages[0];
  return target ? passageHref(target) : eventHref(event.id);
}

const openPage = (width: number, path: string, javaScriptEnabled = true): Promise<Page> =>
  env.open(path, { width, javaScriptEnabled });

const railEntries = (page: Page) =>
  page.$$eval('.rail ol a', (links) =>
    links.map((link) => ({
      text: link.textContent?.replace(/\s+/g, ' ').trim(),
      href: link.getAttribute('href'),
    })),
  );

describe('the timeline rail at 1280 px', () => {
  it('lists every event in date order beside the text, each linking to its passage on this page', async () => {
    for (const document of [essay, obituary]) {
      const page = await openPage(1280, document.path);
      expect(await page.locator('.rail > summary').isVisible()).toBe(false);
      expect(await page.locator('.rail h2').textContent()).toBe('Timeline');
      expect(await railEntries(page)).toEqual(
        events.map((event) => ({
          text: `${formatPartialDate(event.date)} ${event.title}`,
          href: railHref(event, document.id),
        })),
      );
      const rail = await page.locator('.rail').boundingBox();
      const text = await page.locator('.passage > p').first().boundingBox();
      if (!rail || !text) throw new Error('the rail and the text must both be laid out');
      expect(rail.x + rail.width).toBeLessThanOrEqual(text.x);
      expect(rail.y).toBeLessThan(text.y + text.height);
    }
  });

  it('is open as a sidebar, with JavaScript (the disclosure itself opened) and without (by the stylesheet)', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await openPage(1280, '/', javaScriptEnabled);
      expect(await page.locator('.rail > summary').isVisible()).toBe(false);
      expect(
        await page
          .locator('.rail ol a')
          .evaluateAll((links) => links.every((link) => link.checkVisibility())),
      ).toBe(true);
      expect(await page.locator('.rail').evaluate((element) => (element as HTMLDetailsElement).open)).toBe(
        javaScriptEnabled,
      );
    }
  });

  it('stays in view (sticky) when the text scrolls', async () => {
    const page = await openPage(1280, '/');
    await page.evaluate(() => window.scrollTo(0, 3000));
    await page.waitForFunction(() => window.scrollY >= 3000);
    const rail = await page.locator('.rail').evaluate((element) => {
      const box = element.getBoundingClientRect();
      const links = [...element.querySelectorAll('ol a')].map((link) => link.getBoundingClientRect());
      return {
        top: box.top,
        bottom: box.bottom,
        linksInSight: links.filter((link) => link.top >= 0 && link.bottom <= window.innerHeight).length,
      };
    });
    expect(rail.top).toBeGreaterThanOrEqual(0);
    expect(rail.top).toBeLessThan(100);
    expect(rail.bottom).toBeGreaterThan(700);
    expect(rail.linksInSight).toBeGreaterThan(5);
  });

  it('stands in the page’s frame at 1920 px, its heading in sight and its top item whole as it follows the reading', async () => {
    const page = await env.open('/', { width: 1920, height: 1080 });
    // The follow-along scrolls the rail's list (smoothly): each state is read once the list has stood
    // still for ten frames.
    const railState = async () => {
      await page.waitForFunction(
        () =>
          new Promise<boolean>((resolve) => {
            const list = document.querySelector('.rail-list');
            let last = list?.scrollTop;
            let still = 0;
            const frame = () => {
              still = list?.scrollTop === last ? still + 1 : 0;
              last = list?.scrollTop;
              if (still >= 10) resolve(true);
              else requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          }),
      );
      return page.evaluate(() => {
        const rail = document.querySelector('.rail');
        const heading = rail?.querySelector('h2')?.getBoundingClientRect();
        const title = document.querySelector('.site-title')?.getBoundingClientRect();
        if (!rail || !heading || !title)
          throw new Error('the rail, its heading and the site title must be laid out');
        const top = Math.max(heading.bottom, 0);
        const first = [...rail.querySelectorAll('li')]
          .map((item) => item.getBoundingClientRect())
          .find((box) => box.bottom > top + 1);
        // The earliest event of the paragraphs in view, which the rail brings to its top when they do not all fit.
        const current = rail.querySelector('a[aria-current]')?.getBoundingClientRect();
        return {
          // The rail's left edge is the header's (its title's), as one grid.
          alignedWithHeader: Math.abs(rail.getBoundingClientRect().left - title.left) <= 1,
          headingInSight: heading.top >= 0 && heading.bottom <= window.innerHeight,
          // No item is cut by the heading or the window's edge: the first in sight starts below it.
          topItemWhole: first !== undefined && first.top >= top - 1,
          currentInSight:
            current === undefined || (current.top >= top - 1 && current.bottom <= window.innerHeight + 1),
        };
      });
    };
    const whole = { alignedWithHeader: true, headingInSight: true, topItemWhole: true, currentInSight: true };
    // At the top of the page ¶ 1–3 are in view, their four events too many for the rail's height.
    await page.waitForSelector('.rail a[aria-current]');
    expect(await railState()).toEqual(whole);
    for (const n of [20, 40, 55]) {
      await page.evaluate((index) => document.querySelectorAll('.passage')[index]?.scrollIntoView(), n - 1);
      expect(await railState()).toEqual(whole);
    }
  });

  it('takes the reader to the passage of the event clicked, as the :target', async () => {
    const event = events.find((candidate) => candidate.id === 'zinoviev-kamenev-arrested');
    const first = event?.passages[0];
    if (!first) throw new Error('zinoviev-kamenev-arrested must have passages');
    const page = await openPage(1280, '/');
    await page.locator('.rail a[data-e="zinoviev-kamenev-arrested"]').click();
    await page.waitForURL((url) => url.hash === `#${first}`);
    expect(await page.$eval(`[id="${first}"]`, (element) => element.matches(':target'))).toBe(true);
    const top = await page.$eval(`[id="${first}"]`, (element) => element.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(800);
  });

  it('highlights the events of the passages scrolled into view, without moving anything', async () => {
    const page = await openPage(1280, '/');
    // ¶ 27, "Nikolaiev is depicted by the Soviet press …", and the trial of Nikolaev, far down the rail.
    const trial = page.locator('.rail a[data-e="nikolaev-tried-and-shot"]');
    const before = await trial.boundingBox();
    expect(await trial.getAttribute('aria-current')).toBeNull();
    await page.$eval('[id="nikolaiev-is-depicted-by-the-soviet"]', (element) =>
      element.scrollIntoView({ block: 'center' }),
    );
    await page.waitForSelector('.rail a[data-e="nikolaev-tried-and-shot"][aria-current="true"]');
    expect(await page.locator('.rail a[data-e="kirov-born"]').getAttribute('aria-current')).toBeNull();
    // The rail has scrolled itself so that the highlighted event is in sight.
    await page.waitForFunction(() => {
      const link = document.querySelector('.rail a[data-e="nikolaev-tried-and-shot"]');
      const rail = document.querySelector('.rail');
      if (!link || !rail) return false;
      const inner = link.getBoundingClientRect();
      const outer = rail.getBoundingClientRect();
      return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.bottom <= window.innerHeight;
    });
    const after = await trial.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return { width: box.width, height: box.height, background: getComputedStyle(element).backgroundColor };
    });
    expect({ width: after.width, height: after.height }).toEqual({
      width: before?.width,
      height: before?.height,
    });
    expect(after.background).not.toBe('rgba(0, 0, 0, 0)');
  });
});

describe.each([
  [820, true],
  [390, true],
  [390, false],
])('the timeline rail at %i px (JavaScript %s)', (width, javaScriptEnabled) => {
  it('is folded behind a Timeline button that opens by keyboard and then lists every event', async () => {
    const page = await openPage(width, '/', javaScriptEnabled);
    const summary = page.locator('.rail > summary');
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toBe('Timeline');
    expect(await page.locator('.rail ol a').first().isVisible()).toBe(false);
    let presses = 0;
    while (!(await summary.evaluate((element) => element === document.activeElement))) {
      presses += 1;
      if (presses > 20) throw new Error('Tab never reached the Timeline button');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    expect(await page.locator('.rail').evaluate((element) => (element as HTMLDetailsElement).open)).toBe(
      true,
    );
    expect(
      await page.locator('.rail ol a').evaluateAll((links) => links.every((link) => link.checkVisibility())),
    ).toBe(true);
    expect(await railEntries(page)).toEqual(
      events.map((event) => ({
        text: `${formatPartialDate(event.date)} ${event.title}`,
        href: railHref(event, essay.id),
      })),
    );
  });

  it('takes the reader from an event to its passage, as the :target', async () => {
    const page = await openPage(width, '/obituary/', javaScriptEnabled);
    await page.locator('.rail > summary').click();
    await page.locator('.rail a[data-e="kirov-assassinated"]').click();
    await page.waitForURL((url) => url.hash === '#a-great-sorrow-has-befallen-our');
    expect(
      await page.$eval('[id="a-great-sorrow-has-befallen-our"]', (element) => element.matches(':target')),
    ).toBe(true);
  });
});

describe('the date marks on passages', () => {
  it('show, on every passage an event concerns, each date once, naming all its events and linking to the first on /timeline/', async () => {
    for (const document of [essay, obituary]) {
      const page = await openPage(1280, document.path);
      const shown = await page.$$eval('.passage', (elements) =>
        elements.map((element) => ({
          id: element.id,
          marks: [...element.querySelectorAll(':scope > .pd a')].map((link) => ({
            // What the eye reads (the date), and the link's name for a screen reader (date: event).
            text: link.firstChild?.textContent,
            href: link.getAttribute('href'),
            name: link.textContent,
          })),
        })),
      );
      const expected = shown.map(({ id }) => {
        const byDate = Map.groupBy(
          events.filter((event) => event.passages.includes(id)),
          (event) => formatPartialDate(event.date, 'short'),
        );
        return {
          id,
          marks: [...byDate].map(([date, alike]) => ({
            text: date,
            href: eventHref(alike[0]?.id ?? ''),
            name: `${date}: ${alike.map((event) => event.title).join('; ')}`,
          })),
        };
      });
      expect(shown).toEqual(expected);
      // No paragraph shows one date twice (¶ 2 once showed "1 Dec 1934 1 Dec 1934").
      const twice = shown.filter(({ marks }) => new Set(marks.map((mark) => mark.text)).size < marks.length);
      expect(twice.map(({ id }) => id)).toEqual([]);
      expect(shown.filter((passage) => passage.marks.length > 0).length).toBeGreaterThan(0);
    }
  });

  it('lead to the event on /timeline/', async () => {
    const page = await openPage(390, '/');
    // The paragraph has seven dates: 25 Dec 1934, its fourth, waits behind "+4".
    await page.locator('[id="when-the-first-dispatch-appeared-in"] .pd summary').click();
    await page
      .locator('[id="when-the-first-dispatch-appeared-in"] .pd a', { hasText: '25 Dec 1934' })
      .click();
    await page.waitForURL((url) => url.pathname === `${base}timeline/` && url.hash === '#le-temps-dispatch');
    const target = page.locator(':target');
    expect(await target.getAttribute('id')).toBe('le-temps-dispatch');
    expect(await target.locator('h2').textContent()).toBe(
      '25 December 1934 Le Temps prints a dispatch from Moscow',
    );
  });

  it.each([true, false])(
    'stand at the top of their own paragraph at 1280 px (JavaScript on: %s), never beside a later one',
    async (javaScript) => {
      const page = await env.open('/', { height: 900, javaScriptEnabled: javaScript });
      const misplaced = await page.$$eval('.passage:has(> .pd)', (elements) =>
        elements.flatMap((passage) => {
          const marks = passage.querySelector(':scope > .pd')?.getBoundingClientRect();
          const text = passage.querySelector(':scope > p')?.getBoundingClientRect();
          // The marks share the paragraph's first line, or take the line just above it.
          return marks && text && Math.abs(marks.top - text.top) <= marks.height + 1 ? [] : [passage.id];
        }),
      );
      expect(misplaced).toEqual([]);
    },
  );

  it.each([390, 820, 1280, 1920])(
    'show at most three dates beside a paragraph at %i px, then “+N” that opens the rest, and never narrow its lines',
    async (width) => {
      const page = await openPage(width, '/');
      const seen = await page.$$eval('.passage:has(> .pd)', (elements) =>
        elements.map((passage) => {
          const marks = passage.querySelector(':scope > .pd');
          const text = passage.querySelector(':scope > p');
          const box = marks?.getBoundingClientRect();
          const words = text?.getBoundingClientRect();
          const more = marks?.querySelector('summary');
          return {
            id: passage.id,
            shown: [...(marks?.querySelectorAll('a') ?? [])].filter((link) => link.checkVisibility()).length,
            all: marks?.querySelectorAll('a').length ?? 0,
            // "+4" to the eye, "+4 more dates" to a screen reader.
            more: more
              ? {
                  text: more.textContent,
                  name: more.getAttribute('aria-label'),
                  visible: more.checkVisibility(),
                }
              : null,
            // The marks' box shares no height with the text's: the text's lines keep their full width.
            besideText: box && words ? box.bottom > words.top + 1 && box.top < words.bottom - 1 : true,
          };
        }),
      );
      expect(seen.length).toBeGreaterThan(0);
      const expected = seen.map(({ id, all }) => ({
        id,
        shown: Math.min(all, 3),
        all,
        more:
          all > 3
            ? {
                text: `+${all - 3}`,
                name: `+${all - 3} more ${all - 3 === 1 ? 'date' : 'dates'}`,
                visible: true,
              }
            : null,
        besideText: false,
      }));
      expect(seen).toEqual(expected);
      // ¶ 59 has seven dates: three, then "+4", which opens the other four.
      const crowded = seen.find((passage) => passage.all === 7);
      if (!crowded) throw new Error('a paragraph with seven dates (¶ 59) is expected');
      const more = page.locator(`[id="${crowded.id}"] > .pd summary`);
      await more.focus();
      await page.keyboard.press('Enter');
      const opened = await page.$eval(`[id="${crowded.id}"] > .pd`, (marks) => ({
        shown: [...marks.querySelectorAll('a')].filter((link) => link.checkVisibility()).length,
        expanded: marks.querySelector('details')?.open,
      }));
      expect(opened).toEqual({ shown: 7, expanded: true });
    },
  );

  it('are one Tab stop per paragraph, whose dates the arrow keys reach, the ones behind “+N” once it is open', async () => {
    const page = await openPage(1280, '/');
    // ¶ 59: three dates, then "+4".
    const crowded = 'when-the-first-dispatch-appeared-in';
    const focused = () =>
      page.evaluate(() => {
        const at = document.activeElement;
        return {
          // The date (or "+4") as the eye reads it.
          text: at?.firstChild?.textContent ?? '',
          hint: document.getElementById(at?.getAttribute('aria-describedby') ?? '')?.textContent ?? null,
        };
      });
    await page.focus(`[id="${crowded}"] > .pn`);
    // Its tools, then its dates.
    for (let presses = 0; presses < 3 && (await focused()).text !== 'Dec 1925'; presses++)
      await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Dec 1925', hint: 'Arrow keys: the paragraph’s other dates' });
    const steps: [string, string][] = [
      ['ArrowRight', '24 Jul 1933'],
      ['ArrowRight', '16 Dec 1934'],
      ['ArrowRight', '+4'],
      // Closed, "+4" is the last: the dates behind it are out of the arrows' way.
      ['ArrowRight', 'Dec 1925'],
      ['End', '+4'],
      ['Enter', '+4'],
      ['ArrowRight', '25 Dec 1934'],
      ['ArrowDown', '15 Jan 1935'],
      ['End', '20 Aug 1940'],
      ['ArrowUp', '19 Aug 1936'],
      ['Home', 'Dec 1925'],
      ['ArrowLeft', '20 Aug 1940'],
    ];
    for (const [key, text] of steps) {
      await page.keyboard.press(key);
      expect({ key, text: (await focused()).text }).toEqual({ key, text });
    }
    // Tab leaves the dates for the notes' words, and Shift+Tab comes back to the date left last.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.matches('.note-ref'))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).text).toBe('20 Aug 1940');
    await page.keyboard.press('Enter');
    await page.waitForURL(
      (url) => url.pathname === `${base}timeline/` && url.hash === '#trotsky-assassinated',
    );
  });

  it('are named by their date and their event, so that no two alike lead to different events', async () => {
    const page = await openPage(1280, '/');
    const marks = await page.$$eval('.pd a', (links) =>
      links.map((link) => ({
        name: link.textContent?.replace(/\s+/gu, ' ').trim() ?? '',
        href: link.getAttribute('href'),
      })),
    );
    expect(marks.length).toBeGreaterThan(0);
    const byName = Map.groupBy(marks, (mark) => mark.name);
    const ambiguous = [...byName].filter(([, alike]) => new Set(alike.map((mark) => mark.href)).size > 1);
    expect(ambiguous.map(([name]) => name)).toEqual([]);
  });
});

describe('the /timeline/ page', () => {
  it('lists every event in date order with its date, title, summary, passages and source', async () => {
    const page = await openPage(1280, '/timeline/');
    expect(await page.locator('h1').textContent()).toBe('Timeline');
    expect(await page.locator('.rail').count()).toBe(0);
    const shown = await page.$$eval('li.event', (items) =>
      items.map((item) => ({
        id: item.id,
        heading: item.querySelector('h2')?.textContent,
        datetime: item.querySelector('h2 time')?.getAttribute('datetime'),
        context: item.querySelector('.ctx')?.textContent ?? null,
        summary: item.querySelector('h2 ~ p:not(.ctx)')?.textContent,
        passages: [...item.querySelectorAll('.in-text a')].map((link) => ({
          text: link.textContent?.replace(/\u00a0/g, ' '),
          href: link.getAttribute('href'),
        })),
        source: item.querySelector('.source')?.textContent,
        sourceLink: item.querySelector('.source a')?.getAttribute('href') ?? null,
      })),
    );
    expect(shown).toEqual(
      events.map((event) => ({
        id: event.id,
        heading: `${formatPartialDate(event.date)} ${event.title}`,
        datetime: event.date,
        context: event.context ? 'Context' : null,
        summary: event.summary,
        passages: event.passages.map((id) => ({
          text: `¶ ${passages.get(id)?.n} of ${documentOf(id).title}`,
          href: passageHref(id),
        })),
        source: `Source: ${event.source.text}${event.source.url ? ` ${event.source.url}` : ''}`,
        sourceLink: event.source.url ?? null,
      })),
    );
  });
});

describe('/timeline.json', () => {
  it('lists every event file with its id, date, precision, title, summary, passages and source', async () => {
    const response = await fetch(env.site.url('/timeline.json'));
    // Served as JSON, which is UTF-8 by definition (RFC 8259), whatever charset the host adds.
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/u);
    expect(await response.json()).toEqual(
      // Each event file as the schema reads it, its passage ids given their links, and its own link.
      events.map((event) => ({
        ...event,
        passages: event.passages.map((id) => ({ id, url: passageHref(id) })),
        source: { ...event.source, url: event.source.url ?? null },
        url: eventHref(event.id),
      })),
    );
  });
});

describe('no horizontal scrolling', () => {
  // Every page with the rail closed is checked at 1280, 820 and 390 px with axe (a11y.test.ts); here the
  // rail opened where it folds, and every timeline page on the narrowest phone.
  it.each([820, 390, 320])(
    'at %i px, on the documents, rail open or not (and at 320 px on /timeline/ too)',
    async (width) => {
      for (const path of [essay.path, obituary.path, ...(width === 320 ? ['/timeline/'] : [])]) {
        const page = await openPage(width, path);
        const overflow = () =>
          page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(await overflow()).toBe(0);
        if (width < 1200 && path !== '/timeline/') {
          await page.locator('.rail > summary').click();
          expect(await overflow()).toBe(0);
        }
      }
    },
  );
});
