import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PublishedNote } from '../../src/lib/search/search-records.ts';
import { base, readAnnotationFiles, readDocuments, readPassageFiles } from './site.ts';
import { formatViolations, runAxe, scopeFor } from './support/axe.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import {
  type MarginLayout,
  marginFigures,
  measureMargin,
  NEAR_PX,
  settleNotes,
} from './support/margin-notes.ts';

/*
 * The edition's marginal notes as a reader meets them: beside their words in the margin (one margin or
 * two), opened in place and closed with Escape, under their paragraph on a phone, with JavaScript and
 * without, to axe, and as /notes.json. One file because every test checks the notes of
 * content/annotations, read once here, against the page they are on; the layout's pure part has its
 * unit tests (tests/unit/margin-layout.test.ts), and the distances measured here are the ones
 * `npm run bench` prints (support/margin-notes.ts).
 */

const env = useSiteInBrowser();

const annotations = readAnnotationFiles();
const documents = readDocuments();
const documentOf = new Map(readPassageFiles().map((passage) => [passage.id, passage.document]));
const essay = documents.find((document) => document.path === '/');
if (!essay) throw new Error('the edition file must have an essay at "/"');
/** The notes on the essay's page. */
const essayNotes = annotations.filter((note) => documentOf.get(note.data.target.passage) === essay.id);
/** The site path of each document that has notes. */
const pagesWithNotes = documents
  .filter((document) => annotations.some((note) => documentOf.get(note.data.target.passage) === document.id))
  .map((document) => document.path);

const open = (path: string, width: number, options: { javaScript?: boolean } = {}): Promise<Page> =>
  env.open(path, { width, height: 900, javaScriptEnabled: options.javaScript ?? true });

/**
 * The notes shown, `count` of them, overlap neither each other nor the words of any paragraph, and the
 * page does not scroll sideways.
 */
function expectClear(layout: MarginLayout, count: number): void {
  expect(layout.notes.length).toBe(count);
  expect([...layout.overlaps, ...layout.overText]).toEqual([]);
  expect(layout.scrollsSideways).toBe(false);
}

describe('marginal notes in the margin (768 px and wider)', () => {
  for (const width of [1280, 820]) {
    for (const path of pagesWithNotes) {
      it(`at ${width} px on ${path}, every note is shown beside the text, overlapping neither another note nor the text`, async () => {
        const page = await open(path, width);
        const count = await page.locator('aside.note').count();
        expect(count).toBeGreaterThan(0);
        expectClear(await measureMargin(page), count);
      });
    }
  }

  it('without JavaScript, the notes float in the margin, stacked, overlapping neither each other nor the text', async () => {
    const page = await open('/', 1280, { javaScript: false });
    expectClear(await measureMargin(page), essayNotes.length);
  });

  it('without JavaScript, each note’s words link to the note, which opens, and its back link returns to the words', async () => {
    const page = await open('/', 1280, { javaScript: false });
    const ref = page.locator('#ref-kamenev');
    expect(await ref.getAttribute('href')).toBe('#note-kamenev');
    await ref.click();
    expect(new URL(page.url()).hash).toBe('#note-kamenev');
    await page.locator('#note-kamenev summary').click();
    await page.getByRole('link', { name: 'Back to ¶ 1, “Kamenev”' }).click();
    expect(new URL(page.url()).hash).toBe('#ref-kamenev');
    const inView = await ref.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
  });

  it('hovering a note’s words lights up the note, and hovering the note lights up the words', async () => {
    const page = await open('/', 1280);
    await settleNotes(page);
    const hot = (selector: string) => page.locator(selector).evaluate((e) => e.classList.contains('is-hot'));
    await page.locator('#ref-stalin').hover();
    expect(await hot('#note-stalin')).toBe(true);
    await page.locator('#note-stalin').hover();
    expect(await hot('#ref-stalin')).toBe(true);
    await page.mouse.move(0, 0);
    expect(await hot('#note-stalin')).toBe(false);
    expect(await hot('#ref-stalin')).toBe(false);
  });

  it('names every link of the notes so that it makes sense alone: one name, one destination', async () => {
    for (const path of pagesWithNotes) {
      // Without scripting the words of a note are a link too (with it, a button that opens the note).
      const page = await open(path, 1280, { javaScript: false });
      const links = await page.$$eval('aside.note a[href], a.note-ref', (anchors) =>
        anchors.map((anchor) => ({
          // A note's words are named with their number, which notes.css adds as " note 4".
          name: `${anchor.textContent ?? ''}${anchor.matches('.note-ref') ? ` note ${anchor.getAttribute('data-n')}` : ''}`
            .replace(/\s+/g, ' ')
            .trim(),
          href: (anchor as HTMLAnchorElement).href,
          back: anchor.matches('.note-src ~ p:last-child > a'),
        })),
      );
      const back = links.filter((link) => link.back);
      expect(back.length).toBe(await page.locator('aside.note').count());
      for (const link of back) expect(link.name).toMatch(/^Back to (¶ \d+, “.+”|gap \d+ in ¶ \d+)$/);
      const destinations = new Map<string, Set<string>>();
      for (const link of links)
        destinations.set(link.name, (destinations.get(link.name) ?? new Set()).add(link.href));
      const clashing = [...destinations].filter(([, hrefs]) => hrefs.size > 1).map(([name]) => name);
      expect(clashing, `${path}: link names that lead to different places`).toEqual([]);
    }
  });
});

describe('notes beside their words (1024 px and wider), closed and after opening one', () => {
  /** Bounds the distances and checks that no note overlaps another or the text column. */
  function expectBeside(layout: MarginLayout, count: number, when: string): void {
    const figures = marginFigures(layout.notes);
    const far = layout.notes.filter((note) => Math.abs(note.offset) > NEAR_PX);
    expect(figures.count, when).toBe(count);
    expect(
      figures.nearShare,
      `${when}: notes more than ${NEAR_PX} px from their words: ${JSON.stringify(far)}`,
    ).toBeGreaterThanOrEqual(0.95);
    expect(figures.max, when).toBeLessThanOrEqual(450);
    expect(layout.overlaps, when).toEqual([]);
    expect(layout.covering, when).toEqual([]);
    expect(layout.scrollsSideways, when).toBe(false);
  }

  for (const path of pagesWithNotes) {
    const count = annotations.filter(
      (note) => documents.find((d) => d.id === documentOf.get(note.data.target.passage))?.path === path,
    ).length;
    // The narrowest margin, the common laptop, and the widest screen; the cross-engine suite checks
    // 1280 px again in Chromium, Firefox and WebKit.
    for (const width of [1024, 1280, 1920]) {
      it(`on ${path} at ${width} px`, async () => {
        const page = await open(path, width);
        await settleNotes(page);
        const closed = await measureMargin(page);
        expectBeside(closed, count, 'closed');
        const ids = closed.notes.map((note) => note.id);
        // The first, a middle and the last note: opened from their words, then closed with Escape.
        for (const id of new Set([ids[0], ids[Math.floor(ids.length / 2)], ids.at(-1)])) {
          const ref = page.locator(`a.note-ref[href="#${id}"]`);
          await ref.scrollIntoViewIfNeeded();
          // What the reader sees: the note and its words where they were on the screen. (The page's
          // scroll offset may change by the height the paragraph tools lend a short paragraph above,
          // which the browser's scroll anchoring absorbs without anything visible moving.)
          const onScreen = (noteId: string | undefined) => ({
            top: Math.round(document.getElementById(noteId ?? '')?.getBoundingClientRect().top ?? Number.NaN),
            words: Math.round(
              document.querySelector(`a.note-ref[href="#${noteId}"]`)?.getBoundingClientRect().top ??
                Number.NaN,
            ),
          });
          // The pointer comes to the words first: the paragraph tools it summons stay on that
          // paragraph (lengthening it if short) after the note closes, so the layout the notes must
          // return to is the one with the tools there.
          await ref.hover();
          await expect
            .poll(() =>
              page.evaluate(
                (noteId) =>
                  document
                    .querySelector(`a.note-ref[href="#${noteId}"]`)
                    ?.closest('.passage')
                    ?.querySelector(':scope > .pt') != null,
                id,
              ),
            )
            .toBe(true);
          await settleNotes(page);
          const shown = await measureMargin(page);
          expectBeside(shown, count, `with the tools on the paragraph of ${id}`);
          const before = await page.evaluate(onScreen, id);
          await ref.click();
          await settleNotes(page);
          expect(await ref.getAttribute('aria-expanded')).toBe('true');
          const opened = {
            ...(await page.evaluate(onScreen, id)),
            open: await page.evaluate(
              (noteId) => document.querySelector(`#${noteId} details`)?.hasAttribute('open'),
              id,
            ),
          };
          expect(opened, `${id} opens where it stands, and the page does not move`).toEqual({
            ...before,
            open: true,
          });
          const open = await measureMargin(page);
          expect(open.overlaps, `${id} open`).toEqual([]);
          expect(open.covering, `${id} open`).toEqual([]);
          await page.keyboard.press('Escape');
          await settleNotes(page);
          expect(await ref.getAttribute('aria-expanded')).toBe('false');
          const after = await measureMargin(page);
          expectBeside(after, count, `after opening and closing ${id}`);
          const rounded = (layout: MarginLayout) =>
            layout.notes.map((n) => `${n.id} ${Math.round(n.offset)}`);
          expect(rounded(after), `closing ${id} puts every note back`).toEqual(rounded(shown));
        }
      });
    }
  }
});

describe('an opened note reads as one text', () => {
  /**
   * How each note of the essay reads once open: for every note, the lines its text is shown on
   * (as the browser renders them: a paragraph or a line break starts a new line) that hold its text
   * whole, and how many more times its first words are shown than its title and text have them (the short
   * form's first words, left standing above the whole text, would be one more). A note whose short form ends mid-sentence
   * and whose text goes on in a new paragraph has no line with its whole text.
   */
  async function readNotes(page: Page): Promise<{ id: string; whole: number; repeated: number }[]> {
    const response = await fetch(env.site.url('/notes.json'));
    const published = (await response.json()) as (PublishedNote & { document: string })[];
    const texts = published
      .filter((note) => note.document === essay?.id)
      .map((note) => ({ id: note.id, title: note.title, text: note.text }));
    expect(texts.length).toBe(essayNotes.length);
    return page.evaluate((notes) => {
      const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
      return notes.map(({ id, title, text }) => {
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, with its line breaks, is what is checked
        const shown = (document.getElementById(`note-${id}`) as HTMLElement).innerText;
        const lines = shown.split('\n').map(flat);
        const opening = flat(text).slice(0, 24);
        const count = (within: string) => flat(within).split(opening).length - 1;
        return {
          id,
          whole: lines.filter((line) => line.includes(flat(text))).length,
          repeated: count(shown) - count(title) - count(text),
        };
      });
    }, texts);
  }

  const unbroken = () =>
    essayNotes
      .map((note) => ({ id: note.id, whole: 1, repeated: 0 }))
      .toSorted((a, b) => a.id.localeCompare(b.id));
  const sorted = (notes: { id: string }[]) => notes.toSorted((a, b) => a.id.localeCompare(b.id));

  for (const width of [1280, 390]) {
    it(`at ${width} px, every note on / opened from its words shows its text once, without a break`, async () => {
      const page = await open('/', width);
      await settleNotes(page);
      // Each note opened by its words, as a click or a tap opens it (sixty clicks of Playwright's
      // would outlast the test's time).
      const expanded = await page.$$eval('a.note-ref', (refs) =>
        refs.map((ref) => {
          (ref as HTMLElement).click();
          return ref.getAttribute('aria-expanded');
        }),
      );
      expect(expanded).toEqual(essayNotes.map(() => 'true'));
      await settleNotes(page);
      expect(sorted(await readNotes(page))).toEqual(unbroken());
    });
  }

  it('in print, every note on / is a footnote that shows its text once, without a break', async () => {
    const page = await open('/', 1280);
    await settleNotes(page);
    await page.emulateMedia({ media: 'print' });
    expect(sorted(await readNotes(page))).toEqual(unbroken());
  });
});

describe('the placed margin and an open note, to axe', () => {
  // At the narrowest margin; the whole-site check (a11y.test.ts) runs axe on / at 1280 px, light and dark.
  it('has no violations at 1024 px, in light and dark, closed and with a note open', async () => {
    const width = 1024;
    const page = await open('/', width);
    await settleNotes(page);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const closed = await runAxe(page, scopeFor(scheme));
      expect(closed.length, `${width} px, ${scheme}:\n${formatViolations(closed)}`).toBe(0);
    }
    await page.locator('#ref-lenin').click();
    await settleNotes(page);
    const opened = await runAxe(page);
    expect(opened.length, `${width} px, a note open:\n${formatViolations(opened)}`).toBe(0);
    // Three axe runs of the essay, some seconds each on a busy machine (a11y.test.ts allows as much).
  }, 120_000);
});

describe('tapping a note’s words keeps its paragraph on screen', () => {
  for (const width of [820, 390]) {
    it(`at ${width} px`, async () => {
      const page = await env.open('/', { width, height: 900, hasTouch: true });
      await settleNotes(page);
      const ref = page.locator('#ref-nikolaev');
      await ref.scrollIntoViewIfNeeded();
      const scroll = await page.evaluate(() => scrollY);
      await ref.tap();
      await settleNotes(page);
      expect(await ref.getAttribute('aria-expanded')).toBe('true');
      expect(await page.locator('#note-nikolaev').isVisible()).toBe(true);
      expect(await page.evaluate(() => scrollY)).toBe(scroll);
      expect(new URL(page.url()).hash).toBe('');
      const paragraph = await page.locator('#ref-nikolaev').evaluate((element) => {
        const box = element.closest('.passage')?.getBoundingClientRect();
        return box ? { top: box.top, bottom: box.bottom } : undefined;
      });
      expect(paragraph && paragraph.bottom > 0 && paragraph.top < 900).toBe(true);
    });
  }
});

describe('marginal notes on a phone (390 px)', () => {
  it('folds the notes behind their words, with no horizontal scrolling', async () => {
    const page = await open('/', 390);
    await settleNotes(page);
    expectClear(await measureMargin(page), 0);
  });

  it('opens a note under its paragraph from the keyboard and closes it with Escape', async () => {
    const page = await open('/', 390);
    const ref = page.locator('#ref-zinoviev');
    const note = page.locator('#note-zinoviev');
    for (let presses = 0; presses < 60; presses++) {
      await page.keyboard.press('Tab');
      if (await ref.evaluate((element) => element === document.activeElement)) break;
    }
    expect(await ref.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await ref.getAttribute('role')).toBe('button');
    expect(await ref.getAttribute('aria-controls')).toBe('note-zinoviev');
    expect(await ref.getAttribute('aria-expanded')).toBe('false');
    expect(await note.isVisible()).toBe(false);

    await page.keyboard.press('Enter');
    expect(await ref.getAttribute('aria-expanded')).toBe('true');
    expect(await note.isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toBe('');
    const paragraph = await page.locator('#zinoviev-and-kamenev-are-no-fools > p').boundingBox();
    const box = await note.boundingBox();
    expect(box && paragraph && box.y >= paragraph.y + paragraph.height).toBe(true);
    expectClear(await measureMargin(page), 1);

    await page.keyboard.press('Escape');
    expect(await ref.getAttribute('aria-expanded')).toBe('false');
    expect(await note.isVisible()).toBe(false);
    expect(await ref.evaluate((element) => element === document.activeElement)).toBe(true);

    await page.keyboard.press(' ');
    expect(await ref.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press(' ');
    expect(await ref.getAttribute('aria-expanded')).toBe('false');
  });

  it('without JavaScript, shows every note after its paragraph', async () => {
    const page = await open('/', 390, { javaScript: false });
    expectClear(await measureMargin(page), essayNotes.length);
  });
});

/** The essay's paragraph with the most notes, and their ids: the words a keyboard reader crosses most. */
const [crowdedId, crowdedNotes] = [...Map.groupBy(essayNotes, (note) => note.data.target.passage)].reduce(
  (most, entry) => (entry[1].length > most[1].length ? entry : most),
);
const crowdedRefs = crowdedNotes.map((note) => `ref-${note.id}`).toSorted();

describe('a paragraph’s notes’ words, one Tab stop that the arrow keys cross', () => {
  for (const width of [1280, 390]) {
    it(`at ${width} px, Tab enters them once, the arrow keys reach each, Enter opens its note`, async () => {
      expect(crowdedRefs.length).toBeGreaterThanOrEqual(4);
      const page = await open('/', width);
      await settleNotes(page);
      /** The focused element: its id, its note's number, its description, and whether it shows a focus ring. */
      const focused = () =>
        page.evaluate(() => {
          const at = document.activeElement;
          const hint = document.getElementById(at?.getAttribute('aria-describedby') ?? '');
          return {
            id: at?.id ?? '',
            n: at instanceof HTMLElement ? Number(at.dataset.n) : 0,
            hint: hint?.textContent ?? null,
            ring: at ? getComputedStyle(at).outlineStyle : 'none',
          };
        });
      await page.focus(`[id="${crowdedId}"] > .pn`);
      // Its tools, maybe its dates, then its first note's words.
      for (let presses = 0; presses < 3 && !(await focused()).id.startsWith('ref-'); presses++)
        await page.keyboard.press('Tab');
      const first = await focused();
      expect(first).toMatchObject({ hint: 'Arrow keys: the paragraph’s other notes', ring: 'solid' });

      const reached = [first];
      for (let presses = 1; presses < crowdedRefs.length; presses++) {
        await page.keyboard.press('ArrowRight');
        reached.push(await focused());
      }
      // Every note's words of the paragraph, in the order of their numbers, each with the hint and a ring.
      expect(reached.map((stop) => stop.id).toSorted()).toEqual(crowdedRefs);
      expect(reached.map((stop) => stop.n)).toEqual(reached.map((_, index) => first.n + index));
      expect(reached.filter((stop) => stop.ring !== 'solid' || stop.hint === null)).toEqual([]);
      const lastId = reached.at(-1)?.id;
      // Round from the last to the first, and back; Home and End; Down and Up as Right and Left.
      for (const [key, id] of [
        ['ArrowRight', first.id],
        ['ArrowLeft', lastId],
        ['Home', first.id],
        ['End', lastId],
        ['Home', first.id],
        ['ArrowDown', reached[1]?.id],
        ['ArrowDown', reached[2]?.id],
        ['ArrowUp', reached[1]?.id],
        ['ArrowDown', reached[2]?.id],
      ] as const) {
        await page.keyboard.press(key);
        expect({ key, id: (await focused()).id }).toEqual({ key, id });
      }

      // Enter opens the third note where it stands.
      const third = reached[2]?.id ?? '';
      const ref = page.locator(`[id="${third}"]`);
      const note = page.locator(`[id="${third.replace(/^ref-/, 'note-')}"]`);
      expect(await ref.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('Enter');
      await settleNotes(page);
      expect(await ref.getAttribute('aria-expanded')).toBe('true');
      expect(await note.isVisible()).toBe(true);
      expect(new URL(page.url()).hash).toBe('');
      // Tab goes on into the open note's links (its summary is no Tab stop: the words open and close
      // it); Shift+Tab comes back to the words the reader left, the group's stop now.
      await page.keyboard.press('Tab');
      const inNote = await page.evaluate(() => document.activeElement?.closest('.note')?.id ?? null);
      expect(inNote).toBe(third.replace(/^ref-/, 'note-'));
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
      await page.keyboard.press('Shift+Tab');
      expect((await focused()).id).toBe(third);
    });
  }

  it('without JavaScript, each of the paragraph’s notes’ words and each note is a Tab stop of its own', async () => {
    const page = await open('/', 1280, { javaScript: false });
    await page.focus(`[id="${crowdedId}"] > .pn`);
    const stops: string[] = [];
    for (let presses = 0; presses < 4 * crowdedRefs.length; presses++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const at = document.activeElement;
        return at?.matches('.pn')
          ? 'next ¶'
          : at?.matches('summary')
            ? `summary of ${at.closest('.note')?.id}`
            : (at?.id ?? '');
      });
      if (stop === 'next ¶') break;
      stops.push(stop);
    }
    expect(stops.filter((stop) => stop.startsWith('ref-')).toSorted()).toEqual(crowdedRefs);
    expect(stops.filter((stop) => stop.startsWith('summary of')).length).toBe(crowdedRefs.length);
  });
});

describe('/notes.json', () => {
  it('lists every annotation file, numbered as on the page, with its target, text and sources', async () => {
    const response = await fetch(env.site.url('/notes.json'));
    // Served as JSON, which is UTF-8 by definition (RFC 8259), whatever charset the host adds.
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/u);
    const notes = (await response.json()) as (PublishedNote & { n: number; document: string })[];
    expect(notes.map((note) => note.id).toSorted()).toEqual(annotations.map((note) => note.id).toSorted());
    for (const note of notes) {
      const file = annotations.find((annotation) => annotation.id === note.id);
      expect(note).toEqual({
        id: file?.id,
        n: note.n,
        kind: file?.data.kind,
        title: file?.data.title,
        document: documentOf.get(file?.data.target.passage ?? ''),
        passage: file?.data.target.passage,
        quote: file?.data.target.quote,
        prefix: file?.data.target.prefix ?? null,
        suffix: file?.data.target.suffix ?? null,
        url: `${base}${documents.find((document) => document.id === note.document)?.path.slice(1)}#note-${note.id}`,
        text: note.text,
        sources: file?.data.sources.map((source) => ({ title: source.title, url: source.url ?? null })),
        related: file?.data.related,
      });
      expect(note.text.length).toBeGreaterThan(40);
    }

    const page = await open('/', 1280);
    const shown = await page.$$eval('aside.note', (asides) =>
      asides.map((aside) => ({
        id: aside.id.replace(/^note-/, ''),
        n: Number(aside.querySelector('.note-n')?.textContent),
        paragraphs: [...aside.querySelectorAll('details > p:not(.note-src, .note-src ~ p)')].map(
          (p) => p.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        ),
      })),
    );
    // The note's text as it reads when opened: its paragraphs, whole.
    const expected = notes.filter((note) => note.document === essay.id);
    expect(shown.map(({ id, n }) => ({ id, n }))).toEqual(expected.map(({ id, n }) => ({ id, n })));
    for (const [index, { paragraphs }] of shown.entries()) {
      expect(paragraphs.join('\n\n')).toBe(expected[index]?.text);
    }
  });
});
