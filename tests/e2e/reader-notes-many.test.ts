import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distDir } from '../support/build-under-test.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { MANY_NOTES, manyAnnotations, seedNotes } from './support/many-notes.ts';
import { highlight } from './support/reader-notes.ts';

/*
 * A heavy reader's device, in Chromium against the build: ten thousand annotations over the essay
 * (some on the same words) load, every one is marked and reachable, and the page still answers and
 * takes a new highlight, marked where it falls; My notes lists them a hundred at a time. How fast
 * is measured by `npm run bench`, not here.
 */

const env = useSiteInBrowser();

describe('ten thousand notes', () => {
  it('marks every one, reaches each from its paragraph, and still takes a new highlight', async () => {
    const { passages } = JSON.parse(readFileSync(join(distDir, 'passages.json'), 'utf8')) as {
      passages: { id: string; text: string; document: string }[];
    };
    const annotations = manyAnnotations(
      passages.filter((p) => p.document === 'essay'),
      env.site.url('/'),
      MANY_NOTES,
    );
    const page = await env.open('/about/', { width: 1280, height: 900, serviceWorkers: 'block' });
    await seedNotes(page, annotations);
    await page.goto(env.site.url('/'));
    // The count and the layer's switch show as soon as the notes are counted, long before all are read.
    await page.locator('.rn-count', { hasText: '10,000 notes on this page' }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => performance.getEntriesByName('reader-notes:settled').length)).toBe(0);
    expect(await page.locator('.rn-toggle').textContent()).toBe(' My notes (10,000)');
    await page.waitForFunction(() => performance.getEntriesByName('reader-notes:settled').length > 0, null, {
      timeout: 60_000,
    });
    // Every annotation's words are marked, identical ranges in one mark, none nested.
    const marks = await page.evaluate(() => {
      const ids = new Set<string>();
      let nested = 0;
      for (const mark of document.querySelectorAll<HTMLElement>('mark.rn-mark')) {
        for (const id of mark.dataset.rn?.split(' ') ?? []) ids.add(id);
        if (mark.parentElement?.closest('mark.rn-mark')) nested++;
      }
      return { ids: ids.size, nested };
    });
    expect(marks).toEqual({ ids: MANY_NOTES, nested: 0 });
    // In the reader's own colours: green shade under the words, green edge beside the note.
    expect(
      await page.evaluate(() => ({
        mark: getComputedStyle(document.querySelector('mark.rn-own') as Element).backgroundColor,
        note: getComputedStyle(document.querySelector('reader-note[role="note"]') as Element).borderLeftColor,
      })),
    ).toEqual({ mark: 'rgb(220, 239, 220)', note: 'rgb(46, 125, 50)' });
    // Beside each paragraph its first notes and a button for the rest: together, every note.
    const reachable = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.passage')].reduce((sum, passage) => {
        const shown = passage.querySelectorAll(':scope > reader-note[role="note"]').length;
        const more = passage.querySelector(':scope > reader-note.rn-more-notes button')?.textContent ?? '0';
        return sum + shown + Number.parseInt(more.replace(/,/g, ''), 10);
      }, 0),
    );
    expect(reachable).toBe(MANY_NOTES);
    // The rest of a paragraph's notes on request, by keyboard, the focus on the first of them.
    const crowded = await page
      .locator('.passage:has(> reader-note.rn-more-notes)')
      .first()
      .getAttribute('id');
    const passage = page.locator(`[id="${crowded}"]`);
    const more = passage.locator(':scope > reader-note.rn-more-notes button');
    const hidden = Number.parseInt(((await more.textContent()) ?? '').replace(/,/g, ''), 10);
    const before = await passage.locator(':scope > reader-note[role="note"]').count();
    await more.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => passage.locator(':scope > reader-note[role="note"]').count())
      .toBe(before + hidden);
    expect(
      await page.evaluate(() => document.activeElement?.closest('reader-note')?.getAttribute('role')),
    ).toBe('note');
    // A new highlight is drawn, and counted; of its paragraph's marks only those of its words are
    // made again, the others stay as they were.
    const NEW = 'zinoviev-and-kamenev-are-no-fools';
    const marksBefore = await page.evaluate((id) => {
      const marks = [...document.querySelectorAll(`[id="${id}"] mark.rn-mark`)];
      (window as unknown as { kept: Element[] }).kept = marks;
      return marks.length;
    }, NEW);
    await highlight(page, NEW, 'no fools');
    await page.locator('.rn-count', { hasText: '10,001 notes on this page' }).waitFor();
    const after = await page.evaluate((id) => {
      const kept = (window as unknown as { kept: Element[] }).kept;
      const marks = [...document.querySelectorAll<HTMLElement>(`[id="${id}"] mark.rn-mark`)];
      const words = marks.filter((mark) => 'no fools'.includes(mark.textContent ?? '@'));
      return {
        kept: kept.filter((mark) => mark.isConnected).length,
        gone: kept
          .filter((mark) => !mark.isConnected)
          .every((mark) => 'no fools'.includes(mark.textContent ?? '@')),
        words: words.map((mark) => mark.textContent).join(''),
      };
    }, NEW);
    expect(after.words).toBe('no fools');
    expect(after.gone).toBe(true);
    expect(after.kept).toBeGreaterThanOrEqual(marksBefore - 3);
    // Drawn as a whole page draws it: the new note once, beside its words in the margin, and the
    // paragraph's marks the same as after a reload.
    const marksIn = (id: string) =>
      page.evaluate((id) => {
        const passage = document.getElementById(id) as HTMLElement;
        return [...passage.querySelectorAll<HTMLElement>('mark.rn-mark')].map(
          (mark) => `${mark.className}|${mark.dataset.rn}|${mark.textContent}`,
        );
      }, id);
    const highlighted = await marksIn(NEW);
    const newId = await page.evaluate((id) => {
      const kept = (window as unknown as { kept: HTMLElement[] }).kept;
      const before = new Set(kept.flatMap((mark) => mark.dataset.rn?.split(' ') ?? []));
      return [...document.querySelectorAll<HTMLElement>(`[id="${id}"] mark.rn-mark`)]
        .flatMap((mark) => mark.dataset.rn?.split(' ') ?? [])
        .find((rn) => !before.has(rn));
    }, NEW);
    expect(newId).toMatch(/^urn:uuid:/);
    const newNote = page.locator(`reader-note[data-rn="${newId}"]`);
    expect(await newNote.count()).toBe(1);
    expect(await newNote.evaluate((note) => note.dataset.marginFor && note.style.top !== '')).toBe(true);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('reader-notes:settled').length > 0, null, {
      timeout: 60_000,
    });
    const reloaded = await marksIn(NEW);
    expect(highlighted).toEqual(reloaded);
    // My notes shows the first hundred notes in reading order, and the next hundred on request;
    // its filter finds a note among all of them.
    await page.goto(env.site.url('/my-notes/'));
    const list = page.locator('.mn-list');
    await list.locator('.mn-item').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('#mn-notes').textContent()).toBe('Notes (10,001)');
    expect(await list.locator('.mn-item').count()).toBe(100);
    const showMore = list.getByRole('button', { name: 'Show 100 more of 9,901 notes' });
    await showMore.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => list.locator('.mn-item').count()).toBe(200);
    expect(await page.evaluate(() => document.activeElement?.closest('.mn-item') !== null)).toBe(true);
    await list.getByRole('button', { name: 'Show 100 more of 9,801 notes' }).waitFor();
    const last = annotations.findLast((annotation) => annotation.body)?.body?.value ?? '';
    await page.getByLabel('Filter by words').fill(last.slice(0, last.indexOf(':') + 1));
    await expect.poll(() => list.locator('.mn-item .rn-body').allTextContents()).toEqual([last]);
  }, 240_000);
});
