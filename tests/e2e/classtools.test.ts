import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { base, essayAndObituary, passageNumbered, passagesOf, readAnnotationFiles } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { citationTexts, essayCitation } from './support/citation-texts.ts';
import {
  activeText,
  fitsWidth,
  openToolsMenu,
  selectWords,
  toolsOpacity,
  visibleParagraphNumbers,
} from './support/paragraph-tools.ts';

/*
 * The class tools as a teacher meets them at a desktop, a tablet and a phone width: copying a
 * paragraph's link and citation, landing on a linked paragraph, handouts, printing, present mode, the
 * theme toggle: the tools that write the address the site is served from, with its base path. The rest
 * of the class tools have files of their own: handout.test.ts, citations.test.ts, present-mode.test.ts,
 * paragraph-tools-placement.test.ts.
 */

const env = useSiteInBrowser();

const widths = [1280, 820, 390] as const;

const { essay, obituary } = essayAndObituary();
const passages = passagesOf(essay.id);
const passage = (n: number) => passageNumbered(n);
/** Where the reader's paragraph lives, as the site (at its test origin) links it. */
const readerUrl = (id: string) => `${env.site.url('/')}#${id}`;

const openPage = (path: string, width: number, options: { colorScheme?: 'light' | 'dark' } = {}) =>
  env.open(path, { width, colorScheme: options.colorScheme ?? 'light' });

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe.each(widths)('at %i px wide', (width) => {
  it('copies the exact link of a paragraph and says so', async () => {
    const target = passage(3);
    const page = await openPage('/', width);
    const menu = await openToolsMenu(page, target.id, width);
    expect(await page.locator(`[id="${target.id}"] > .pt`).getAttribute('aria-label')).toBe(`Tools for ¶ 3`);
    await menu.getByRole('menuitem', { name: 'Copy link' }).click();
    await expect.poll(() => clipboard(page)).toBe(readerUrl(target.id));
    expect(await page.locator('.pt-live').textContent()).toBe('Link copied');
  });

  it('shows Chicago and MLA citations that name the ¶ and the URL, each with its own copy button', async () => {
    const target = passage(5);
    const page = await openPage('/', width);
    const menu = await openToolsMenu(page, target.id, width);
    const cite = menu.getByRole('menuitem', { name: 'Cite', includeHidden: true });
    expect(await cite.getAttribute('aria-expanded')).toBe('false');
    await cite.click();
    expect(await cite.getAttribute('aria-expanded')).toBe('true');
    const citation = essayCitation(essay, env.site, target);
    const shown = await page.locator('#pt-cite .pt-c').allTextContents();
    expect(shown).toEqual(citationTexts(citation));
    expect(shown[0]).toContain(
      `Leon Trotsky, “On the Kirov Assassination” (December 1934), trans. John G. Wright, Kirov Reader, par. 5, accessed `,
    );
    expect(shown[2]).toContain(`Kirov Reader, ${env.site.url('/')}. Accessed `);
    await page.getByRole('button', { name: 'Copy the MLA in-text citation' }).click();
    await expect.poll(() => clipboard(page)).toBe('(Trotsky, par. 5)');
    expect(await fitsWidth(page)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await cite.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#pt-cite').count()).toBe(0);
  });

  it('lands a link on its paragraph: highlighted, in view, and covered by nothing fixed or sticky', async () => {
    const target = passage(passages.length - 3);
    const page = await openPage(`/#${target.id}`, width);
    // The tools come up for a linked paragraph; wait for them, so that all that will cover the page has.
    await page.locator(`[id="${target.id}"] > .pt`).waitFor({ state: 'attached' });
    // On a loaded machine the browser scrolls to the fragment a moment after the load event.
    const inUpperHalf = () =>
      page.$eval(`[id="${target.id}"]`, (element) => {
        const { top } = element.getBoundingClientRect();
        return top >= 0 && top < window.innerHeight / 2;
      });
    await expect.poll(inUpperHalf).toBe(true);
    const state = await page.$eval(`[id="${target.id}"]`, (element) => {
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + 3, box.top + 3);
      return {
        isTarget: element.matches(':target'),
        top: box.top,
        viewport: window.innerHeight,
        hitInside: hit !== null && element.contains(hit),
        background: getComputedStyle(element).backgroundColor,
        page: getComputedStyle(document.body).backgroundColor,
      };
    });
    expect(state.isTarget).toBe(true);
    expect(state.top).toBeGreaterThanOrEqual(0);
    expect(state.top).toBeLessThan(state.viewport / 2);
    expect(state.hitInside).toBe(true);
    expect(state.background).not.toBe(state.page);
  });

  it('shows exactly the paragraphs of ?handout=2,4-5 under a heading that names them', async () => {
    const page = await openPage('/?handout=2,4-5', width);
    const heading = page.locator('.handout h2');
    await heading.waitFor();
    expect(await heading.textContent()).toBe('Handout: ¶ 2, 4–5');
    expect(await visibleParagraphNumbers(page)).toEqual(['¶\u00a02', '¶\u00a04', '¶\u00a05']);
    expect(await page.locator('.handout').getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
  });

  it('switches to dark mode with the header toggle and remembers it after a reload', async () => {
    const page = await openPage('/', width, { colorScheme: 'light' });
    const toggle = page.locator('header.site').getByRole('button', { name: 'Dark mode' });
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await bodyBackground(page)).toBe('rgb(253, 252, 248)');
    await toggle.click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await bodyBackground(page)).toBe('rgb(21, 21, 19)');
    await page.reload();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await bodyBackground(page)).toBe('rgb(21, 21, 19)');
    await toggle.click();
    await page.reload();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await bodyBackground(page)).toBe('rgb(253, 252, 248)');
  });

  it('scrolls no page sideways: reader with tools, present mode', async () => {
    const page = await openPage(`/#${passage(2).id}`, width);
    await page.locator('.pt').waitFor({ state: 'attached' });
    expect(await fitsWidth(page)).toBe(true);
    await page.goto(env.site.url(`/p/${passage(2).id}/`));
    expect(await fitsWidth(page)).toBe(true);
  });
});

describe('the paragraph tools', () => {
  it('follow the keyboard: Tab from a ¶ number goes to its tools', async () => {
    const target = passage(2);
    const page = await openPage('/', 1280);
    await page.focus(`[id="${target.id}"] > .pn`);
    await expect.poll(() => toolsOpacity(page, target.id)).toBe('1');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      name: document.activeElement?.getAttribute('aria-label'),
      passage: document.activeElement?.closest('.passage')?.id,
    }));
    expect(focused).toEqual({ name: 'Tools for ¶ 2', passage: target.id });
    expect(await toolsOpacity(page, target.id)).toBe('1');
    // Hidden again once the keyboard has moved on past the tools: one menu button, one Tab past it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.pt'))).toBeNull();
    expect(await toolsOpacity(page, target.id)).toBe('0');
  });

  // A paragraph costs its ¶ number, its tools, one stop for its dates and one for its notes' words
  // (the arrow keys reach the others: notes.test.ts), however many of each it has: ¶ 51 has six
  // notes' words, ¶ 59 four, and three dates with more behind "+N".
  for (const [reading, width] of [
    [essay, 1280],
    [essay, 820],
    [essay, 390],
    [obituary, 1280],
  ] as const) {
    it(`cost at most 4 Tab presses from one ¶ number to the next, at ${width} px on ${reading.path}`, async () => {
      const numbered = passagesOf(reading.id);
      const numbers = numbered.map((passage) => passage.n);
      const first = numbered[0];
      if (!first) throw new Error(`the browser tests need paragraphs in the document "${reading.id}"`);
      const page = await openPage(reading.path, width);
      await page.focus(`[id="${first.id}"] > .pn`);
      await expect.poll(() => toolsOpacity(page, first.id)).toBe('1');
      // On a phone the tools, loaded by this first focus, open their menu for the ¶ number that asked
      // for them; the walk starts from the number itself.
      await page.focus(`[id="${first.id}"] > .pn`);
      // Where each Tab press lands, kept by the page: a ¶ number ("¶ 6"), the tools ("tools"), or else ("text").
      await page.evaluate(() => {
        const stops: string[] = [];
        Object.assign(window, { stops });
        document.addEventListener('focusin', (event) => {
          const at = event.target instanceof Element ? event.target : null;
          stops.push(at?.matches('.pn') ? (at.textContent ?? '') : at?.closest('.pt') ? 'tools' : 'text');
        });
      });
      const stops = () => page.evaluate(() => (window as unknown as { stops: string[] }).stops);
      const last = `¶\u00a0${numbers.at(-1)}`;
      // Eight presses between two looks at where they landed: the walk is hundreds of presses.
      for (let presses = 0; presses < 8 * numbers.length && !(await stops()).includes(last); presses += 8) {
        for (let press = 0; press < 8; press++) await page.keyboard.press('Tab');
      }
      // The presses from each number to the next, and how many stopped in the tools, up to the last number.
      const landed = await stops();
      const walked: { from: number; presses: number; inTools: number }[] = [];
      let from = first.n;
      let presses = 0;
      let inTools = 0;
      for (const stop of landed.slice(0, landed.indexOf(last) + 1)) {
        presses++;
        if (stop === 'tools') inTools++;
        if (stop.startsWith('¶')) {
          walked.push({ from, presses, inTools });
          from = Number(stop.slice(2));
          presses = 0;
          inTools = 0;
        }
      }
      expect(walked.map((step) => step.from)).toEqual(numbers.slice(0, -1));
      expect(walked.filter((step) => step.presses > 4 || step.inTools !== 1)).toEqual([]);
    });
  }

  it('open as a menu from their button, by the keys of the WAI-ARIA menu button pattern', async () => {
    const target = passage(6);
    const page = await openPage('/', 1280);
    await page.focus(`[id="${target.id}"] > .pn`);
    await expect.poll(() => toolsOpacity(page, target.id)).toBe('1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Tools for ¶ 6',
    );
    // The button's state, the menu's, and where the focus is, read at once.
    const state = () =>
      page.evaluate(() => ({
        expanded: document.getElementById('pt-m')?.getAttribute('aria-expanded'),
        menu: document.getElementById('pt-menu')?.checkVisibility() ?? false,
        focus: document.activeElement?.textContent,
      }));
    expect(await state()).toEqual({ expanded: 'false', menu: false, focus: 'Tools' });
    const steps: [string, string][] = [
      ['Enter', 'Copy link'],
      ['ArrowDown', 'Present'],
      ['End', 'Cite'],
      ['ArrowDown', 'Copy link'],
      ['ArrowUp', 'Cite'],
      ['Home', 'Copy link'],
    ];
    for (const [key, focus] of steps) {
      await page.keyboard.press(key);
      expect({ key, ...(await state()) }).toEqual({ key, expanded: 'true', menu: true, focus });
    }
    expect(await page.getByRole('menu').getByRole('menuitem').allTextContents()).toEqual([
      'Copy link',
      'Present',
      'Handout (0)',
      'Cite',
    ]);
    expect(await page.getByRole('menu').getByRole('menuitemcheckbox').allTextContents()).toEqual([
      'Add to handout',
    ]);
    await page.keyboard.press('Escape');
    expect(await state()).toEqual({ expanded: 'false', menu: false, focus: 'Tools' });
    await page.keyboard.press('Space');
    expect(await state()).toEqual({ expanded: 'true', menu: true, focus: 'Copy link' });
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    expect(await state()).toEqual({ expanded: 'true', menu: true, focus: 'Copy link' });
    // Tab leaves the menu, which closes behind it, for the next ¶ number (whose tools the toolbar then shows).
    await page.keyboard.press('Tab');
    expect(await state()).toEqual({ expanded: 'false', menu: false, focus: '¶\u00a07' });
  });

  it('are passed by the skip link, which leads past the timeline rail to the text', async () => {
    const page = await openPage('/', 1280);
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Skip to the text');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      inMain: document.activeElement?.closest('main') != null,
      inRail: document.activeElement?.closest('.rail') != null,
    }));
    expect(focused).toEqual({ inMain: true, inRail: false });
  });

  it('link to the present mode of their paragraph', async () => {
    const target = passage(4);
    const page = await openPage('/', 1280);
    const menu = await openToolsMenu(page, target.id, 1280);
    expect(await menu.getByRole('menuitem', { name: 'Present' }).getAttribute('href')).toBe(
      `${base}p/${target.id}/`,
    );
  });

  it('offer a link to the selected sentence, as a text fragment', async () => {
    const target = passage(1);
    const sentence =
      'They cannot but understand that the restoration of capitalism would first of all signify the total extermination of the revolutionary generation, themselves, of course, included.';
    const page = await openPage('/', 1280);
    await selectWords(page, target.id, sentence);
    const button = page.getByRole('button', { name: 'Copy link to this sentence' });
    await button.waitFor({ state: 'visible' });
    await button.click();
    await expect
      .poll(() => clipboard(page))
      .toBe(`${readerUrl(target.id)}:~:text=They%20cannot%20but,of%20course%2C%20included.`);
  });

  it('put a handout together: paragraphs added from their tools open as ?handout=, in the order chosen', async () => {
    const page = await openPage('/', 1280);
    for (const n of [4, 2]) {
      const menu = await openToolsMenu(page, passage(n).id, 1280);
      await menu.getByRole('menuitemcheckbox', { name: 'Add to handout' }).click();
    }
    expect(await page.locator('.pt-live p').textContent()).toBe('¶ 2 added. Handout: ¶ 4, 2.');
    // Checked in the menu of a paragraph the handout holds.
    const checked = (await openToolsMenu(page, passage(2).id, 1280)).getByRole('menuitemcheckbox', {
      name: 'Add to handout',
    });
    expect(await checked.getAttribute('aria-checked')).toBe('true');
    await page.locator('.pt-live').getByRole('button', { name: 'Show handout' }).click();
    await page.getByRole('dialog', { name: 'Handout' }).getByRole('link', { name: 'Open handout' }).click();
    await page.waitForURL(env.site.url(`/?handout=${passage(4).id},${passage(2).id}`));
    await page.locator('.handout h2').waitFor();
    expect(await page.locator('.handout h2').textContent()).toBe('Handout: ¶ 4, 2');
    expect(await visibleParagraphNumbers(page)).toEqual(['¶\u00a04', '¶\u00a02']);
  });

  it('say clearly when a handout link cannot be read, and show the whole text', async () => {
    const page = await openPage('/?handout=9-7', 390);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'This handout link cannot be read: Unexpected range "9-7" in "9-7", expected the smaller number first, as in 7-9. The whole text is shown below.',
    );
    expect((await visibleParagraphNumbers(page)).length).toBe(passages.length);
  });
});

describe('at 320 px wide, the narrowest screen the site supports', () => {
  it('scrolls sideways nowhere: the tools bar, an open citation, a handout, present mode', async () => {
    const target = passage(passages.length - 1);
    const page = await openPage(`/#${target.id}`, 320);
    const menu = await openToolsMenu(page, target.id, 320);
    await menu.getByRole('menuitem', { name: 'Cite' }).click();
    await page.locator('#pt-cite').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.goto(env.site.url('/?handout=1,3'));
    await page.locator('.handout h2').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.goto(env.site.url(`/p/${target.id}/`));
    expect(await fitsWidth(page)).toBe(true);
  });
});

describe('printing', () => {
  it('prints ¶ numbers, each paragraph’s URL and its notes as numbered footnotes, without interface', async () => {
    const page = await openPage(`/?handout=1-2`, 1280);
    await page.locator('.handout h2').waitFor();
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const shown = (element: Element) => element.getClientRects().length > 0;
      const passages = [...document.querySelectorAll('.passage')].filter(shown);
      return {
        numbers: passages.map((p) => p.querySelector(':scope > .pn')?.textContent),
        urls: passages.map((p) => getComputedStyle(p, '::after').content),
        notes: passages.map((p) =>
          [...p.querySelectorAll('aside.note')].filter(shown).map((note) => {
            const style = getComputedStyle(note);
            const box = note.getBoundingClientRect();
            const text = p.querySelector(':scope > p')?.getBoundingClientRect();
            return {
              number: note.querySelector('.note-n')?.textContent,
              flow: `${style.position} ${style.float}`,
              belowText: text !== undefined && box.top >= text.bottom,
            };
          }),
        ),
        interface: [...document.querySelectorAll('header.site, button, nav, .pt, .rail, .pd')].filter(shown)
          .length,
        heading: document.querySelector('.handout h2')?.textContent,
      };
    });
    expect(printed.numbers).toEqual(['¶\u00a01', '¶\u00a02']);
    expect(printed.urls).toEqual([`"${readerUrl(passage(1).id)}"`, `"${readerUrl(passage(2).id)}"`]);
    // Every note of ¶ 1, numbered from 1 as footnotes.
    const notesOfFirst = readAnnotationFiles().filter((note) => note.data.target.passage === passage(1).id);
    expect(printed.notes[0]?.map((note) => note.number)).toEqual(
      notesOfFirst.map((_, index) => `${index + 1}`),
    );
    for (const note of printed.notes.flat())
      expect(note).toMatchObject({ flow: 'static none', belowText: true });
    expect(printed.interface).toBe(0);
    expect(printed.heading).toBe('Handout: ¶ 1–2');
  });
});

describe('present mode', () => {
  it('shows one paragraph large, with a QR code for the reader’s link; → goes on, Esc goes back', async () => {
    const target = passage(2);
    const page = await openPage(`/p/${target.id}/`, 1280);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    expect(await page.locator('h1').textContent()).toBe('¶ 2');
    const text = await page.locator('.present-text > p').first().textContent();
    expect(text?.slice(0, 40)).toBe(target.text.slice(0, 40));
    const fontSize = await page.$eval('.present-text > p', (p) =>
      Number.parseFloat(getComputedStyle(p).fontSize),
    );
    expect(fontSize).toBeGreaterThanOrEqual(24);
    expect(await page.locator('svg.qr-code path').count()).toBeGreaterThan(0);
    // The address the page is served from, whatever the build was told (present-mode.test.ts decodes the code).
    await expect
      .poll(() => page.locator('.present-qr figcaption a').textContent())
      .toBe(readerUrl(target.id));
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(env.site.url(`/p/${passage(3).id}/`));
    expect(await page.locator('h1').textContent()).toBe('¶ 3');
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(env.site.url(`/p/${target.id}/`));
    await page.keyboard.press('Escape');
    await page.waitForURL(readerUrl(target.id));
  });
});

function bodyBackground(page: Page) {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}
