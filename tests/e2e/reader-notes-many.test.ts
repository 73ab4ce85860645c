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
 * takes a new highlight. How fast is measured by `npm run bench`, not here.
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
    await page.locator('.rn-count', { hasText: '10,000 notes on this page' }).waitFor({ timeout: 60_000 });
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
    // A new highlight is drawn, and counted.
    await highlight(page, 'zinoviev-and-kamenev-are-no-fools', 'no fools');
    await page.locator('.rn-count', { hasText: '10,001 notes on this page' }).waitFor();
  }, 240_000);
});
