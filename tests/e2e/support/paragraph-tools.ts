import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/*
 * The paragraph tools (¶ number → the "Tools" menu button → Copy link, Present, Add to handout,
 * Handout (n), Cite) as the browser tests reach and read them, and the selection a reader leaves in a
 * paragraph's words.
 */

/** From this width the tools sit in the ¶ gutter and follow the pointer; below, a bar for the tapped ¶. */
export const GUTTER_WIDTH = 832;

/** The tools fade out rather than hide (so that they stay focusable): "1" is shown, "0" not. */
export function toolsOpacity(page: Page, id: string): Promise<string | null> {
  return page.evaluate((passageId) => {
    const toolbar = document.getElementById(passageId)?.querySelector(':scope > .pt');
    return toolbar ? getComputedStyle(toolbar).opacity : null;
  }, id);
}

/** Brings up the tools for a passage as a reader does at that width: pointer, or tapping its ¶ number. */
export async function summonTools(page: Page, id: string, width: number): Promise<Locator> {
  if (width >= GUTTER_WIDTH) {
    // The tools' script may still be loading on a busy machine: the pointer comes again until they answer.
    await expect
      .poll(async () => {
        await page.mouse.move(0, 0);
        await page.hover(`[id="${id}"] > p`);
        return toolsOpacity(page, id);
      })
      .toBe('1');
  } else {
    await page.click(`[id="${id}"] > .pn`);
    await expect.poll(() => toolsOpacity(page, id)).toBe('1');
  }
  return page.locator(`[id="${id}"] > .pt`);
}

/**
 * Brings up the tools for a passage (see summonTools) and opens their menu, as a reader does: a tap on
 * the ¶ number opens it on a phone; from the gutter width, a click on "Tools". Returns the menu, whose
 * items are `menuitem`s (Add to handout a `menuitemcheckbox`); an item read after it was chosen, in a
 * closed menu, is found with `includeHidden`.
 */
export async function openToolsMenu(page: Page, id: string, width: number): Promise<Locator> {
  const tools = await summonTools(page, id, width);
  const button = tools.getByRole('button', { name: /^Tools for ¶/ });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  // By its role in the markup, so that an item can still be read once choosing it has closed the menu.
  const menu = tools.locator('[role="menu"]');
  await menu.waitFor();
  return menu;
}

/** Resolves once no CSS transition or animation of the page is running: what moves has come to rest. */
export async function transitionsDone(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {})));
    // Two frames: what a finished transition sets off (a scroll, a ResizeObserver) lands in the next one.
    for (let frame = 0; frame < 2; frame++) await new Promise((done) => requestAnimationFrame(done));
  });
}

/** The ¶ numbers of the passages shown (a handout shows some), as printed: "¶ 2" with a no-break space. */
export function visibleParagraphNumbers(page: Page): Promise<(string | null | undefined)[]> {
  return page.$$eval('.passage', (elements) =>
    elements
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => element.querySelector(':scope > .pn')?.textContent),
  );
}

/** The text of the focused element: which tool the keyboard is on. */
export function activeText(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.textContent ?? null);
}

/** The page does not scroll sideways. */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/**
 * Selects words of a passage's first paragraph, across the notes' marks and links inside it, as a
 * reader's mouse or keyboard would leave them selected.
 */
export async function selectWords(page: Page, passageId: string, words: string): Promise<void> {
  await page.evaluate(
    ({ passageId, words }) => {
      const paragraph = document.getElementById(passageId)?.querySelector(':scope > p');
      if (!paragraph) throw new Error(`no passage ${passageId}`);
      const nodes: [Text, number][] = [];
      let text = '';
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push([node as Text, text.length]);
        text += (node as Text).data;
      }
      const start = text.indexOf(words);
      if (start === -1) throw new Error(`"${words}" not in ${passageId}`);
      const end = start + words.length;
      const at = (offset: number, last: boolean) => {
        const found = nodes.findLast(
          ([node, from]) => (last ? from < offset : from <= offset) && from + node.length >= offset,
        );
        if (!found) throw new Error(`offset ${offset} not found`);
        return [found[0], offset - found[1]] as const;
      };
      const range = document.createRange();
      range.setStart(...at(start, false));
      range.setEnd(...at(end, true));
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
    },
    { passageId, words },
  );
}
