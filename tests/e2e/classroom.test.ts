import jsQR from 'jsqr';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chicagoBibliography,
  localIsoDate,
  mlaWorksCited,
  type PassageCitation,
  plainCitation,
} from '../../src/lib/cite/citation.ts';
import { escapeRegExp } from '../../src/lib/escape-regexp.ts';
import { essayAndObituary, passagesOf } from './site.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { citationTexts } from './support/citation-texts.ts';

/*
 * The class tools in a classroom: the site served from a school's own address (never the one it was
 * built for), a projector of any common shape, a handout prepared one day and printed the next, a
 * citation a librarian accepts, search that finds the words, and a keyboard or screen-reader user.
 */

const env = useSiteInBrowser();

const { essay: essayDocument, obituary: obituaryDocument } = essayAndObituary();
const essay = passagesOf(essayDocument.id);
const idOf = (n: number, passages = essay) => {
  const found = passages.find((p) => p.n === n);
  if (!found) throw new Error(`no ¶ ${n}`);
  return found.id;
};
/** The paragraph's address as the school's server serves it. */
const servedUrl = (id: string, path = '/') => `${env.site.url(path)}#${id}`;

const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close();
});

async function newContext(
  width: number,
  height = 800,
  options: {
    storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
    javaScriptEnabled?: boolean;
  } = {},
): Promise<BrowserContext> {
  const context = await env.browser.newContext({ viewport: { width, height }, ...options });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.site.origin });
  contexts.push(context);
  return context;
}

async function open(path: string, width: number, height = 800): Promise<Page> {
  const page = await (await newContext(width, height)).newPage();
  await page.goto(env.site.url(path));
  return page;
}

/** Decodes the QR code drawn as SVG in the page: rendered to a canvas, read with jsQR. */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const pixels = await page.$eval(selector, async (svg) => {
    const size = 400;
    const source = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size, size);
    context.drawImage(image, 0, 0, size, size);
    // As base64: a plain array of 640,000 numbers is slow to bring over.
    const bytes = context.getImageData(0, 0, size, size).data;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { size, data: btoa(binary) };
  });
  const rgba = new Uint8ClampedArray(Buffer.from(pixels.data, 'base64'));
  return jsQR(rgba, pixels.size, pixels.size)?.data ?? null;
}

describe('1. the address the site is served from', () => {
  it('is what the present mode’s QR code opens, on a build made without KIROV_SITE', async () => {
    const id = idOf(41);
    const page = await open(`/p/${id}/`, 1280, 720);
    const caption = page.locator('.present-qr figcaption a');
    await expect.poll(() => caption.textContent(), { timeout: 5000 }).toBe(servedUrl(id));
    await expect.poll(() => decodeQr(page, 'svg.qr-code'), { timeout: 5000 }).toBe(servedUrl(id));
    expect(servedUrl(id)).not.toContain('localhost:4321');
  });

  it('heads the printed page and the “How to cite” model on /about/', async () => {
    const page = await open('/', 1280);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('.print-url a').textContent()).toBe(env.site.url('/'));
    await page.goto(env.site.url('/about/'));
    const model = page.locator('#cite ~ .citation a');
    await expect.poll(() => model.textContent()).toBe(env.site.url('/'));
    expect(await page.locator('#cite').locator('..').locator('a[data-served-url]').last().textContent()).toBe(
      servedUrl(idOf(1)),
    );
  });
});

describe('2. present mode on a projector', () => {
  // 4:3 projectors (1024×768, 1400×1050), 16:9 (1280×720, 1920×1080); ¶ 1 has three notes, ¶ 4 and
  // the last paragraph were the ones whose ←/→ bar fell off the screen.
  const screens = [
    [1024, 768],
    [1280, 720],
    [1920, 1080],
    [1400, 1050],
  ] as const;
  const paragraphs = [1, 4, essay.length - 4];
  for (const [width, height] of screens) {
    it(`keeps the ←/→ bar and the QR code on a ${width}×${height} screen, at sizes read from the back`, async () => {
      const context = await newContext(width, height);
      const page = await context.newPage();
      for (const n of paragraphs) {
        await page.goto(env.site.url(`/p/${idOf(n)}/`));
        const layout = await page.evaluate(() => {
          const box = (selector: string) => {
            const element = document.querySelector(selector);
            if (!element) throw new Error(`${selector} missing`);
            const { top, bottom, left, right, width } = element.getBoundingClientRect();
            return { top, bottom, left, right, width };
          };
          const note = document.querySelector('.present .note p:not(.note-src)');
          return {
            viewport: { width: window.innerWidth, height: window.innerHeight },
            nav: box('.present-nav'),
            next: box('.present-nav a[data-key="Escape"]'),
            qr: box('svg.qr-code'),
            text: Number.parseFloat(
              getComputedStyle(document.querySelector('.present-text p') as Element).fontSize,
            ),
            note: note ? Number.parseFloat(getComputedStyle(note).fontSize) : null,
          };
        });
        const inside = (b: { top: number; bottom: number; left: number; right: number }) =>
          b.top >= 0 && b.left >= 0 && b.bottom <= layout.viewport.height && b.right <= layout.viewport.width;
        expect(inside(layout.nav), `¶ ${n}: the ←/→ bar at ${JSON.stringify(layout.nav)}`).toBe(true);
        expect(inside(layout.next), `¶ ${n}: “Back to the reader”`).toBe(true);
        expect(inside(layout.qr), `¶ ${n}: the QR code at ${JSON.stringify(layout.qr)}`).toBe(true);
        // About two fifths of the screen's height: on a 2 m screen, a phone reads it from 6 m and more.
        expect(layout.qr.width, `¶ ${n}: QR code width`).toBeGreaterThanOrEqual(
          layout.viewport.height * 0.35,
        );
        expect(layout.text, `¶ ${n}: text size`).toBeGreaterThanOrEqual(24);
        if (layout.note !== null) expect(layout.note, `¶ ${n}: notes’ size`).toBeGreaterThanOrEqual(18);
      }
    });
  }
});

describe('3. the handout', () => {
  it('is reached from a ¶ number in at most 5 Tab presses, and kept on the device across sessions', async () => {
    const context = await newContext(1280);
    const page = await context.newPage();
    await page.goto(env.site.url('/'));
    for (const n of [41, 1, 36]) {
      await page.focus(`[id="${idOf(n)}"] > .pn`);
      // The tools load with the first focus in the text.
      await expect.poll(() => toolsOpacity(page, idOf(n))).toBe('1');
      for (let presses = 1; presses <= 5; presses++) {
        await page.keyboard.press('Tab');
        if ((await activeText(page)) === 'Add to handout') break;
      }
      expect(await activeText(page)).toBe('Add to handout');
      await page.keyboard.press('Enter');
    }
    await page.focus(`[id="${idOf(36)}"] > .pn`);
    let presses = 0;
    while (presses < 5 && !(await activeText(page))?.startsWith('Handout')) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await activeText(page)).toBe('Handout (3)');
    expect(presses).toBeLessThanOrEqual(5);
    await page.keyboard.press('Enter');
    const tray = page.getByRole('dialog', { name: 'Handout' });
    expect(await trayNumbers(page)).toEqual(['¶ 41', '¶ 1', '¶ 36']);
    // Reorder: ¶ 1 first; remove ¶ 36.
    await tray.getByRole('button', { name: 'Move up ¶ 1' }).click();
    await tray.getByRole('button', { name: 'Remove ¶ 36' }).click();
    expect(await trayNumbers(page)).toEqual(['¶ 1', '¶ 41']);
    expect(await tray.getByRole('link', { name: 'Open handout' }).getAttribute('href')).toBe(
      `${new URL(env.site.url('/')).pathname}?handout=1,41`,
    );

    // The next day: a new browser session on the same device.
    const storage = await context.storageState();
    const nextDay = await newContext(1280, 800, { storageState: storage });
    const later = await nextDay.newPage();
    await later.goto(env.site.url('/'));
    await later.hover(`[id="${idOf(2)}"] > p`);
    await later.locator('.pt').getByRole('button', { name: 'Handout (2)' }).click();
    expect(await trayNumbers(later)).toEqual(['¶ 1', '¶ 41']);
    await later.getByRole('link', { name: 'Open handout' }).click();
    await later.waitForURL(`${env.site.url('/')}?handout=1,41`);
    await later.locator('.handout h2').waitFor();
    expect(await visibleNumbers(later)).toEqual(['¶\u00a01', '¶\u00a041']);
  });

  it('prints, in the teacher’s order, the citation, its own link and QR code, each paragraph’s URL and the notes’ sources, and no “Data:” line', async () => {
    const page = await open('/?handout=41,1', 1280);
    await page.locator('.handout-qr svg').waitFor();
    // Chromium's PDF of the handout is a page or two, not the whole essay's sixteen.
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/gu)?.length).toBeLessThanOrEqual(2);
    await page.emulateMedia({ media: 'print' });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for print is what is asserted, hidden parts excluded
    const printed = await page.evaluate(() => document.body.innerText);
    const handoutUrl = `${env.site.url('/')}?handout=41,1`;
    const bibliography = plainCitation(
      chicagoBibliography({
        ...citedEssay(),
        paragraph: 0,
        url: env.site.url('/'),
        accessed: localIsoDate(new Date()),
      }),
    );
    expect(printed).toContain(`Cite as: ${bibliography}`);
    expect(printed).toContain(`This handout online: ${handoutUrl}`);
    expect(await decodeQr(page, '.handout-qr svg')).toBe(handoutUrl);
    expect(await visibleNumbers(page)).toEqual(['¶\u00a041', '¶\u00a01']);
    const urls = await page.$$eval('.passage', (elements) =>
      elements
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => getComputedStyle(e, '::after').content),
    );
    expect(urls).toEqual([`"${servedUrl(idOf(41))}"`, `"${servedUrl(idOf(1))}"`]);
    // ¶ 1's notes (Zinoviev, Kamenev, Stalin) print their sources' addresses.
    const sources = await page.$$eval(`[id="${idOf(1)}"] .note-src a[href^="http"]`, (links) =>
      links.map((link) => getComputedStyle(link, '::after').content),
    );
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) expect(source).toMatch(/^" <https?:\/\/[^>]+>"$/u);
    expect(printed).not.toContain('Data');
    expect(printed).not.toContain('All passages as JSON');
    // The whole essay has more than 50 paragraphs; the handout prints two.
    expect((await visibleNumbers(page)).length).toBe(2);
  });

  it('says in print, with JavaScript off, that a handout needs it rather than silently printing the whole text', async () => {
    const context = await newContext(1280, 800, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.site.url('/?handout=1,36,41'));
    await page.emulateMedia({ media: 'print' });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for print is what is asserted, hidden parts excluded
    const printed = await page.evaluate(() => document.body.innerText);
    expect(printed).toContain(
      'Printed without JavaScript, so the whole text: a handout link (?handout=) needs JavaScript.',
    );
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.print-nojs').isVisible()).toBe(false);
  });
});

function citedEssay(): Omit<PassageCitation, 'paragraph' | 'url' | 'accessed'> {
  return {
    authors: [{ given: 'Leon', family: 'Trotsky' }],
    title: essayDocument?.title ?? '',
    date: essayDocument?.date ?? null,
    translator: essayDocument?.translator ?? null,
    edition: 'Kirov Reader',
    documentUrl: env.site.url('/'),
  };
}

describe('4. citations', () => {
  it('give ¶ 41 of the essay in Chicago (note and bibliography) and MLA (works cited in italics, in-text)', async () => {
    const id = idOf(41);
    const page = await open('/', 1280);
    await page.hover(`[id="${id}"] > p`);
    await page.locator(`[id="${id}"] > .pt`).getByRole('button', { name: 'Cite' }).click();
    const citation: PassageCitation = {
      ...citedEssay(),
      paragraph: 41,
      url: servedUrl(id),
      accessed: localIsoDate(new Date()),
    };
    const shown = await page.locator('#pt-cite .pt-c').allTextContents();
    expect(shown).toEqual(citationTexts(citation));
    expect(shown[0]).toMatch(
      /^Leon Trotsky, “On the Kirov Assassination” \(December 1934\), trans\. John G\. Wright, /u,
    );
    expect(shown[1]).toMatch(/^Trotsky, Leon\. “On the Kirov Assassination\.” December 1934\. /u);
    expect(shown[2]).not.toContain('par.');
    expect(shown[3]).toBe('(Trotsky, par. 41)');
    expect(await page.locator('#pt-cite .pt-c i').allTextContents()).toEqual(['Kirov Reader']);
    await page.getByRole('button', { name: 'Copy the MLA works cited citation' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(plainCitation(mlaWorksCited(citation)));
  });

  it('cite the obituary by a description, its newspaper and its date, not by the edition’s label', async () => {
    const obituary = passagesOf(obituaryDocument.id);
    const id = idOf(2, obituary);
    const page = await open('/obituary/', 1280);
    await page.hover(`[id="${id}"] > p`);
    await page.locator(`[id="${id}"] > .pt`).getByRole('button', { name: 'Cite' }).click();
    const shown = await page.locator('#pt-cite .pt-c').allTextContents();
    const url = servedUrl(id, '/obituary/');
    expect(shown[0]).toMatch(
      new RegExp(
        `^Obituary of Sergei Kirov, Pravda, December 2, 1934, Kirov Reader, par\\. 2, accessed .+, ${escapeRegExp(url)}\\.$`,
        'u',
      ),
    );
    expect(shown[2]).toMatch(/^Obituary of Sergei Kirov\. Pravda, 2 Dec\. 1934\. Kirov Reader, /u);
    expect(shown[3]).toBe('(Obituary of Sergei Kirov, par. 2)');
    expect(shown.join(' ')).not.toContain('(opening)');
    expect(await page.locator('#pt-cite .pt-c i').allTextContents()).toContain('Pravda');
  });
});

describe('5. search', () => {
  it('puts ¶ 41, which opens with “individual terrorism”, above paragraphs that only share its heading', async () => {
    const page = await open('/', 1280);
    await page.getByRole('searchbox', { name: 'Search the edition' }).fill('individual terrorism');
    await expect
      .poll(() => page.locator('.search-status').textContent(), { timeout: 10_000 })
      .toContain('“individual terrorism”');
    const first = page.locator('.search-list > li > a').first();
    expect(await first.textContent()).toMatch(/^¶ 41 · /u);
    expect(await first.getAttribute('href')).toContain(`#${idOf(41)}`);
  });

  it('marks the searched words on arrival apart from the target paragraph’s highlight, by 3:1 or more', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await env.browser.newContext({
        viewport: { width: 1280, height: 800 },
        colorScheme: scheme,
      });
      contexts.push(context);
      const page = await context.newPage();
      const id = idOf(41);
      await page.goto(`${env.site.url('/')}?hl=${encodeURIComponent('individual terrorism')}#${id}`);
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

describe('6. keyboard and screen reader', () => {
  it('makes the Copy buttons the next Tab stops after “Cite”', async () => {
    const page = await open('/', 1280);
    await page.focus(`[id="${idOf(5)}"] > .pn`);
    // The tools load with the first focus in the text.
    await expect.poll(() => toolsOpacity(page, idOf(5))).toBe('1');
    for (let i = 0; i < 8 && (await activeText(page)) !== 'Cite'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const next: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      next.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null));
    }
    expect(next).toEqual([
      'Copy the Chicago note citation',
      'Copy the Chicago bibliography citation',
      'Copy the MLA works cited citation',
      'Copy the MLA in-text citation',
    ]);
  });

  it('names each date mark by its date and its event, so that no two alike lead to different events', async () => {
    const page = await open('/', 1280);
    const marks = await page.$$eval('.pd a', (links) =>
      links.map((link) => ({
        name: link.textContent?.replace(/\s+/gu, ' ').trim() ?? '',
        href: link.getAttribute('href'),
      })),
    );
    const byName = new Map<string, Set<string | null>>();
    for (const { name, href } of marks) byName.set(name, (byName.get(name) ?? new Set()).add(href));
    const ambiguous = [...byName].filter(([, hrefs]) => hrefs.size > 1).map(([name]) => name);
    expect(ambiguous).toEqual([]);
    const second = await page.$$eval(`[id="${idOf(2)}"] .pd a`, (links) =>
      links.map((link) => link.textContent),
    );
    expect(second.length).toBeGreaterThanOrEqual(2);
    for (const name of second) expect(name).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}: \S/u);
  });

  it('at 390 px: the bar never covers the focused ¶ number, stays shut for a followed link, and gives way to search results', async () => {
    const page = await open('/', 390, 844);
    for (const n of [6, 8, 16]) {
      const id = idOf(n);
      // The ¶ number near the bottom of the screen, where Tab brings it without scrolling.
      await page.$eval(`[id="${id}"] > .pn`, (number) =>
        window.scrollBy(0, number.getBoundingClientRect().bottom - (window.innerHeight - 20)),
      );
      await page.focus(`[id="${id}"] > .pn`);
      await expect.poll(() => toolsOpacity(page, id)).toBe('1');
      await page.waitForTimeout(100);
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

    const linked = await open(`/#${idOf(20)}`, 390, 844);
    await linked.locator(`[id="${idOf(20)}"] > .pt`).waitFor({ state: 'attached' });
    await linked.waitForTimeout(200);
    expect(await toolsOpacity(linked, idOf(20))).toBe('0');

    await linked.click(`[id="${idOf(20)}"] > .pn`);
    await expect.poll(() => toolsOpacity(linked, idOf(20))).toBe('1');
    await linked.getByRole('searchbox', { name: 'Search the edition' }).fill('Kamenev');
    await expect
      .poll(() => linked.locator('.search-status').textContent(), { timeout: 10_000 })
      .toContain('“Kamenev”');
    expect(await linked.locator('.pt').isVisible()).toBe(false);
  });
});

describe('7. dead ends', () => {
  it('says so when a link’s paragraph anchor does not exist', async () => {
    const page = await open('/#zinoviev-and-kamenev-are-no-fool', 1280);
    await expect
      .poll(() => page.locator('.pt-live p').textContent())
      .toBe(
        'No paragraph on this page has the link “#zinoviev-and-kamenev-are-no-fool”: it may be mistyped or cut short. Search (press /) finds a paragraph by its words.',
      );
  });

  it('keeps ¶ 36’s open tools off “¶ 37”', async () => {
    const page = await open('/', 1280);
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
      const page = await open('/', width);
      const paragraph = `[id="${idOf(1)}"] > p`;
      await page.$eval(paragraph, (element) => {
        const words =
          'They cannot but understand that the restoration of capitalism would first of all signify';
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(words) ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + words.length);
          document.getSelection()?.removeAllRanges();
          document.getSelection()?.addRange(range);
          return;
        }
      });
      const button = page.getByRole('button', { name: 'Copy link to this sentence' });
      await button.waitFor({ state: 'visible' });
      const covered = await page.$eval(paragraph, (element) => {
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

describe('the class tools with axe', () => {
  it('find no violations with the citations open, the handout tray open, and in present mode on a projector', async () => {
    const page = await open('/', 1280);
    const id = idOf(41);
    await page.hover(`[id="${id}"] > p`);
    await page.locator(`[id="${id}"] > .pt`).getByRole('button', { name: 'Cite' }).click();
    await page.locator('#pt-cite').waitFor();
    let violations = await runAxe(page);
    expect(violations.length, formatViolations(violations)).toBe(0);
    await page.locator(`[id="${id}"] > .pt`).getByRole('button', { name: 'Add to handout' }).click();
    await page.locator(`[id="${id}"] > .pt`).getByRole('button', { name: 'Handout (1)' }).click();
    await page.getByRole('dialog', { name: 'Handout' }).waitFor();
    violations = await runAxe(page);
    expect(violations.length, formatViolations(violations)).toBe(0);
    const present = await open(`/p/${idOf(1)}/`, 1024, 768);
    violations = await runAxe(present);
    expect(violations.length, formatViolations(violations)).toBe(0);
  });
});

function activeText(page: Page) {
  return page.evaluate(() => document.activeElement?.textContent ?? null);
}

function trayNumbers(page: Page) {
  return page.locator('.pt-tray-list li > b').allTextContents();
}

function visibleNumbers(page: Page) {
  return page.$$eval('.passage', (elements) =>
    elements
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => e.querySelector(':scope > .pn')?.textContent),
  );
}

function toolsOpacity(page: Page, id: string) {
  return page.evaluate((passageId) => {
    const toolbar = document.getElementById(passageId)?.querySelector(':scope > .pt');
    return toolbar ? getComputedStyle(toolbar).opacity : null;
  }, id);
}

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
