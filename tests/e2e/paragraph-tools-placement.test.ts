import { describe, expect, it } from 'vitest';
import { passageNumbered } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { selectWords, toolsOpacity, transitionsDone } from './support/paragraph-tools.ts';

/*
 * Where the paragraph tools stand, and what they say when a link leads nowhere: never over the ¶ number
 * the keyboard is on, shut for a paragraph reached by a link, off the next paragraph's number, the
 * sentence-link button off the selected words, out of the way of search results.
 */

const env = useSiteInBrowser();

const idOf = (n: number) => passageNumbered(n).id;

describe('on a 390 px phone', () => {
  it('the bar never covers the focused ¶ number, stays shut for a followed link, and gives way to search results', async () => {
    const page = await env.open('/', { width: 390, height: 844 });
    for (const n of [6, 8, 16]) {
      const id = idOf(n);
      // The ¶ number near the bottom of the screen, where Tab brings it without scrolling.
      await page.$eval(`[id="${id}"] > .pn`, (number) =>
        window.scrollBy(0, number.getBoundingClientRect().bottom - (window.innerHeight - 20)),
      );
      await page.focus(`[id="${id}"] > .pn`);
      await expect.poll(() => toolsOpacity(page, id)).toBe('1');
      await transitionsDone(page);
      const overlap = await page.evaluate((passageId) => {
        const number = document
          .getElementById(passageId)
          ?.querySelector(':scope > .pn')
          ?.getBoundingClientRect();
        const bar = document.querySelector('.pt')?.getBoundingClientRect();
        return number && bar ? Math.max(0, number.bottom - bar.top) : -1;
      }, id);
      expect(overlap, `¶ ${n}`).toBe(0);
    }

    const id = idOf(20);
    const linked = await env.open(`/#${id}`, { width: 390, height: 844 });
    await linked.locator(`[id="${id}"] > .pt`).waitFor({ state: 'attached' });
    await transitionsDone(linked);
    expect(await toolsOpacity(linked, id)).toBe('0');

    await linked.click(`[id="${id}"] > .pn`);
    await expect.poll(() => toolsOpacity(linked, id)).toBe('1');
    await linked.getByRole('combobox', { name: 'Search the edition' }).fill('Kamenev');
    await expect.poll(() => linked.locator('.search-status').textContent()).toContain('“Kamenev”');
    expect(await linked.locator('.pt').isVisible()).toBe(false);
  });
});

describe('beside the text', () => {
  it('keeps ¶ 36’s open tools off “¶ 37”', async () => {
    const page = await env.open('/');
    await page.hover(`[id="${idOf(36)}"] > p`);
    await expect.poll(() => toolsOpacity(page, idOf(36))).toBe('1');
    const overlap = await page.evaluate(
      ([tools = '', next = '']) => {
        const a = document.getElementById(tools)?.querySelector(':scope > .pt')?.getBoundingClientRect();
        const b = document.getElementById(next)?.querySelector(':scope > .pn')?.getBoundingClientRect();
        if (!a || !b) return null;
        return a.bottom > b.top && b.bottom > a.top && a.right > b.left && b.right > a.left;
      },
      [idOf(36), idOf(37)],
    );
    expect(overlap).toBe(false);
  });

  it('puts “Copy link to this sentence” where it covers none of the selected words', async () => {
    // Words across two lines of a paragraph with notes in the margin (1280) or under it (390).
    for (const width of [1280, 390]) {
      const page = await env.open('/', { width });
      await selectWords(
        page,
        idOf(1),
        'They cannot but understand that the restoration of capitalism would first of all signify',
      );
      await page.getByRole('button', { name: 'Copy link to this sentence' }).waitFor({ state: 'visible' });
      const covered = await page.$eval(`[id="${idOf(1)}"] > p`, (element) => {
        const box = document.querySelector('.pt-frag')?.getBoundingClientRect();
        const range = document.getSelection()?.getRangeAt(0);
        if (!box || !range) return null;
        // The selected words of the paragraph itself, line by line.
        const inParagraph = document.createRange();
        inParagraph.selectNodeContents(element);
        if (range.compareBoundaryPoints(Range.START_TO_START, inParagraph) > 0)
          inParagraph.setStart(range.startContainer, range.startOffset);
        if (range.compareBoundaryPoints(Range.END_TO_END, inParagraph) < 0)
          inParagraph.setEnd(range.endContainer, range.endOffset);
        return [...inParagraph.getClientRects()].some(
          (r) =>
            r.width > 0 &&
            box.bottom > r.top &&
            r.bottom > box.top &&
            box.right > r.left &&
            r.right > box.left,
        );
      });
      expect(covered, `at ${width} px`).toBe(false);
    }
  });
});

describe('a link to an anchor the page lacks', () => {
  it('says so, and how to find the paragraph', async () => {
    const page = await env.open('/#zinoviev-and-kamenev-are-no-fool');
    await expect
      .poll(() => page.locator('.pt-live p').textContent())
      .toBe(
        'No paragraph on this page has the link “#zinoviev-and-kamenev-are-no-fool”: it may be mistyped or cut short. Search (press /) finds a paragraph by its words.',
      );
  });
});
