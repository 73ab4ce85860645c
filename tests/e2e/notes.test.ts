import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type AnnotationFile, parseAnnotationFile } from '../../src/lib/annotations/parse-annotation-file.ts';
import { base, readDocuments, readPassageFiles } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';

const env = useSiteInBrowser();

const annotationsDir = new URL('../../content/annotations/', import.meta.url);
const annotations: AnnotationFile[] = readdirSync(annotationsDir)
  .filter((name) => name.endsWith('.md'))
  .map((name) =>
    parseAnnotationFile(readFileSync(new URL(name, annotationsDir), 'utf8'), `content/annotations/${name}`),
  );
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

async function open(path: string, width: number, options: { javaScript?: boolean } = {}): Promise<Page> {
  const context = await env.browser.newContext({
    viewport: { width, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
  await page.goto(env.site.url(path));
  return page;
}

/** Every visible note box that overlaps another note or a paragraph of the text, and the page's overflow. */
function measureLayout(page: Page) {
  return page.evaluate(() => {
    const boxes = (selector: string) =>
      [...document.querySelectorAll<HTMLElement>(selector)]
        .map((element) => ({
          name: element.id || element.closest('.passage')?.id || selector,
          box: element.getBoundingClientRect(),
        }))
        .filter(({ box }) => box.width > 0 && box.height > 0);
    const notes = boxes('.note');
    const texts = boxes('.passage > p');
    const meet = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const overlaps: string[] = [];
    notes.forEach((note, index) => {
      for (const other of notes.slice(index + 1))
        if (meet(note.box, other.box)) overlaps.push(`${note.name} × ${other.name}`);
      for (const text of texts)
        if (meet(note.box, text.box)) overlaps.push(`${note.name} × text of ${text.name}`);
    });
    return {
      notes: notes.length,
      overlaps,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
  });
}

describe('marginal notes in the margin (768 px and wider)', () => {
  for (const width of [1280, 820]) {
    for (const path of pagesWithNotes) {
      it(`at ${width} px on ${path}, every note is shown beside the text, overlapping neither another note nor the text`, async () => {
        const page = await open(path, width);
        const layout = await measureLayout(page);
        expect(layout.notes).toBe(await page.locator('.note').count());
        expect(layout.notes).toBeGreaterThan(0);
        expect(layout.overlaps).toEqual([]);
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
        await page.context().close();
      });
    }

    it(`at ${width} px, each note starts at its words' line or, when the note before is in the way, just below it`, async () => {
      const page = await open('/', width);
      const placed = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLAnchorElement>('a.note-ref')].map((ref) => {
          const note = document.getElementById(ref.hash.slice(1));
          return {
            id: note?.id,
            line: ref.getClientRects()[0]?.top ?? Number.NaN,
            top: note?.getBoundingClientRect().top ?? Number.NaN,
            bottom: note?.getBoundingClientRect().bottom ?? Number.NaN,
          };
        }),
      );
      expect(placed.length).toBeGreaterThan(0);
      placed.forEach((note, index) => {
        const previous = placed[index - 1];
        expect(note.top, `${note.id} starts above its words`).toBeGreaterThanOrEqual(note.line - 1);
        if (previous)
          expect(note.top, `${note.id} starts above the note before`).toBeGreaterThan(previous.bottom);
        const pushed = previous !== undefined && note.top > note.line + 1;
        if (!pushed)
          expect(Math.abs(note.top - note.line), `${note.id} is not at its words' line`).toBeLessThan(2);
      });
      await page.context().close();
    });
  }

  it('without JavaScript, the notes float in the margin, stacked, overlapping neither each other nor the text', async () => {
    const page = await open('/', 1280, { javaScript: false });
    const layout = await measureLayout(page);
    expect(layout.notes).toBe(essayNotes.length);
    expect(layout.overlaps).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    await page.context().close();
  });

  it('each note’s words link to the note, and its back link returns to the words', async () => {
    const page = await open('/', 1280);
    const ref = page.locator('#ref-kamenev');
    expect(await ref.getAttribute('href')).toBe('#note-kamenev');
    await ref.click();
    expect(new URL(page.url()).hash).toBe('#note-kamenev');
    await expect
      .poll(() => page.locator('#note-kamenev').evaluate((note) => note.matches(':target')))
      .toBe(true);
    await page.locator('#note-kamenev a', { hasText: 'Back to the text' }).click();
    expect(new URL(page.url()).hash).toBe('#ref-kamenev');
    const inView = await ref.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await page.context().close();
  });

  it('hovering a note’s words lights up the note, and hovering the note lights up the words', async () => {
    const page = await open('/', 1280);
    await page.locator('#ref-stalin').hover();
    expect(await page.locator('#note-stalin').getAttribute('class')).toBe('note is-hot');
    await page.locator('#note-stalin').hover();
    expect(await page.locator('#ref-stalin').getAttribute('class')).toBe('note-ref is-hot');
    await page.mouse.move(0, 0);
    expect(await page.locator('#note-stalin').getAttribute('class')).toBe('note');
    await page.context().close();
  });
});

describe('marginal notes on a phone (390 px)', () => {
  it('folds the notes behind their words, with no horizontal scrolling', async () => {
    const page = await open('/', 390);
    const layout = await measureLayout(page);
    expect(layout.notes).toBe(0);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    await page.context().close();
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
    const layout = await measureLayout(page);
    expect(layout.overlaps).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);

    await page.keyboard.press('Escape');
    expect(await ref.getAttribute('aria-expanded')).toBe('false');
    expect(await note.isVisible()).toBe(false);
    expect(await ref.evaluate((element) => element === document.activeElement)).toBe(true);

    await page.keyboard.press(' ');
    expect(await ref.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press(' ');
    expect(await ref.getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  it('without JavaScript, shows every note after its paragraph', async () => {
    const page = await open('/', 390, { javaScript: false });
    const layout = await measureLayout(page);
    expect(layout.notes).toBe(await page.locator('.note').count());
    expect(layout.notes).toBeGreaterThan(0);
    expect(layout.overlaps).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    await page.context().close();
  });
});

describe('/notes.json', () => {
  it('lists every annotation file, numbered as on the page, with its target, text and sources', async () => {
    const response = await fetch(env.site.url('/notes.json'));
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const notes = (await response.json()) as {
      id: string;
      n: number;
      kind: string;
      title: string;
      document: string;
      passage: string;
      quote: string;
      prefix: string | null;
      suffix: string | null;
      url: string;
      text: string;
      sources: { title: string; url: string | null }[];
      related: string[];
    }[];
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
        n: Number(aside.querySelector('.note-title .note-n')?.textContent),
        text: [...aside.querySelectorAll(':scope > p:not([class])')]
          .map((p) => p.textContent?.replace(/\s+/g, ' ').trim())
          .join('\n\n'),
      })),
    );
    expect(shown).toEqual(
      notes.filter((note) => note.document === essay.id).map(({ id, n, text }) => ({ id, n, text })),
    );
    await page.context().close();
  });
});
