import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chicagoBibliography, plainCitation } from '../../src/lib/cite/citation.ts';
import { HANDOUT_NUMBERS_FILE } from '../../src/lib/content-paths.ts';
import { handoutNumbersSchema } from '../../src/lib/passages/release-links.ts';
import { encodeLayer } from '../../src/lib/reader-notes/class-layer.ts';
import { ANNOTATION_CONTEXT } from '../../src/lib/reader-notes/model.ts';
import type { WebAnnotation } from '../../src/lib/reader-notes/web-annotation.ts';
import { essayAndObituary, passageNumbered, passagesOf, readAnnotationFiles } from './site.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { essayCitation } from './support/citation-texts.ts';
import { marginFigures, measureMargin, NEAR_PX, settleNotes } from './support/margin-notes.ts';
import {
  activeText,
  openToolsMenu,
  toolsOpacity,
  visibleParagraphNumbers,
} from './support/paragraph-tools.ts';
import { decodeQr } from './support/qr-code.ts';

/*
 * A handout as a teacher makes it with the keyboard one day and prints it the next: paragraphs chosen
 * from their tools, reordered in the tray, kept on the device, opened as ?handout= and printed with
 * the citation, its own link and QR code, each paragraph's address and the notes' sources. (Opening
 * ?handout= links at each width, and adding from the tools by pointer, are in classtools.test.ts.)
 */

const env = useSiteInBrowser();

const { essay: essayDocument } = essayAndObituary();
const idOf = (n: number) => passageNumbered(n).id;
const annotations = readAnnotationFiles();
/** The essay's ids by the ¶ numbers of release 0.1.0, when handout links named numbers. */
const frozen = handoutNumbersSchema.parse(JSON.parse(readFileSync(HANDOUT_NUMBERS_FILE, 'utf8'))).documents[
  essayDocument.id
];
/** The three longest paragraphs of the essay, the hard case for a printed handout. */
const longest = passagesOf(essayDocument.id)
  .toSorted((a, b) => b.text.length - a.text.length)
  .slice(0, 3);

const trayNumbers = (page: Page) => page.locator('.pt-tray-list li > b').allTextContents();

/**
 * The key presses from a ¶ number to the item of its tools' menu whose text passes `reached`: Tab to
 * the Tools button, Enter to open its menu, ArrowDown to the item (Infinity: not within 10).
 */
async function keysTo(page: Page, reached: (text: string) => boolean): Promise<number> {
  await page.keyboard.press('Tab');
  if ((await activeText(page)) !== 'Tools') return Number.POSITIVE_INFINITY;
  await page.keyboard.press('Enter');
  for (let presses = 2; presses <= 10; presses++) {
    if (reached((await activeText(page)) ?? '')) return presses;
    await page.keyboard.press('ArrowDown');
  }
  return Number.POSITIVE_INFINITY;
}

describe('a handout link', () => {
  it('names the paragraphs by id, and shows those, in its order', async () => {
    const ids = [idOf(41), idOf(1), idOf(36)];
    const page = await env.open(`/?handout=${ids.join(',')}`);
    await page.locator('.handout h2').waitFor();
    expect(await page.locator('.handout h2').textContent()).toBe('Handout: ¶ 41, 1, 36');
    expect(await visibleParagraphNumbers(page)).toEqual(['¶\u00a041', '¶\u00a01', '¶\u00a036']);
    expect(await page.locator('.handout-link a').textContent()).toBe(
      `${env.site.url('/')}?handout=${ids.join(',')}`,
    );
  });

  it('made with ¶ numbers (?handout=1,5,12) opens the paragraphs those numbers were, and gives their ids', async () => {
    const ids = [frozen?.[0], frozen?.[4], frozen?.[11]];
    expect(ids).toEqual([idOf(1), idOf(5), idOf(12)]);
    const page = await env.open('/?handout=1,5,12');
    await page.locator('.handout h2').waitFor();
    const shown = await page.$$eval('.passage', (elements) =>
      elements.filter((element) => element.getClientRects().length > 0).map((element) => element.id),
    );
    expect(shown).toEqual(ids);
    expect(await page.locator('.handout-link a').textContent()).toBe(
      `${env.site.url('/')}?handout=${ids.join(',')}`,
    );
    await page.locator('.handout-qr svg').waitFor();
    expect(await decodeQr(page, '.handout-qr svg')).toBe(`${env.site.url('/')}?handout=${ids.join(',')}`);
  });

  // The paragraphs with the most notes: the others are hidden, and their notes must not pull these away.
  const annotated = passagesOf(essayDocument.id)
    .map((passage) => ({
      id: passage.id,
      notes: annotations.filter((note) => note.data.target.passage === passage.id).length,
    }))
    .toSorted((a, b) => b.notes - a.notes)
    .slice(0, 3);
  for (const width of [1024, 1280, 1440, 1920]) {
    it(`stands each note within ${NEAR_PX} px of its words at ${width} px, as on the reading page`, async () => {
      const measure = async (passages: readonly { id: string }[]) => {
        const page = await env.open(`/?handout=${passages.map((p) => p.id).join(',')}`, {
          width,
          height: 900,
        });
        await page.locator('.handout h2').waitFor();
        await settleNotes(page);
        return measureMargin(page);
      };
      // A handout as a teacher makes one: the three longest paragraphs, every note beside its words.
      const usual = await measure(longest);
      expect(usual.notes).toHaveLength(
        annotations.filter((note) => longest.some((p) => p.id === note.data.target.passage)).length,
      );
      expect(marginFigures(usual.notes).max, JSON.stringify(usual.notes)).toBeLessThanOrEqual(NEAR_PX);
      expect([...usual.overlaps, ...usual.covering]).toEqual([]);
      // The densest three, one after another: 14 notes on some 40 lines, where a few must move up or down
      // two or three lines to make room (as on the reading page, where 95 % are within the bar); none is
      // pulled away by the hidden paragraphs' notes (they were 600–1,550 px away).
      const dense = await measure(annotated);
      expect(dense.notes).toHaveLength(annotated.reduce((sum, p) => sum + p.notes, 0));
      expect(marginFigures(dense.notes).max, JSON.stringify(dense.notes)).toBeLessThanOrEqual(3 * NEAR_PX);
      expect([...dense.overlaps, ...dense.covering]).toEqual([]);
    });
  }
});

describe('the handout', () => {
  it('is reached from a ¶ number in at most 5 key presses, and kept on the device across sessions', async () => {
    const context = await env.newContext();
    const page = await context.newPage();
    await page.goto(env.site.url('/'));
    for (const n of [41, 1, 36]) {
      await page.focus(`[id="${idOf(n)}"] > .pn`);
      // The tools load with the first focus in the text.
      await expect.poll(() => toolsOpacity(page, idOf(n))).toBe('1');
      expect(await keysTo(page, (text) => text === 'Add to handout')).toBeLessThanOrEqual(5);
      await page.keyboard.press('Enter');
    }
    await page.focus(`[id="${idOf(36)}"] > .pn`);
    expect(await keysTo(page, (text) => text.startsWith('Handout'))).toBeLessThanOrEqual(5);
    expect(await activeText(page)).toBe('Handout (3)');
    await page.keyboard.press('Enter');
    const tray = page.getByRole('dialog', { name: 'Handout' });
    expect(await trayNumbers(page)).toEqual(['¶ 41', '¶ 1', '¶ 36']);
    // Reorder: ¶ 1 first; remove ¶ 36.
    await tray.getByRole('button', { name: 'Move up ¶ 1' }).click();
    await tray.getByRole('button', { name: 'Remove ¶ 36' }).click();
    expect(await trayNumbers(page)).toEqual(['¶ 1', '¶ 41']);
    expect(await tray.getByRole('link', { name: 'Open handout' }).getAttribute('href')).toBe(
      `${new URL(env.site.url('/')).pathname}?handout=${idOf(1)},${idOf(41)}`,
    );

    // The next day: a new browser session on the same device.
    const nextDay = await env.newContext({ storageState: await context.storageState() });
    const later = await nextDay.newPage();
    await later.goto(env.site.url('/'));
    const laterMenu = await openToolsMenu(later, idOf(2), 1280);
    await laterMenu.getByRole('menuitem', { name: 'Handout (2)' }).click();
    expect(await trayNumbers(later)).toEqual(['¶ 1', '¶ 41']);
    await later.getByRole('link', { name: 'Open handout' }).click();
    await later.waitForURL(`${env.site.url('/')}?handout=${idOf(1)},${idOf(41)}`);
    await later.locator('.handout h2').waitFor();
    expect(await visibleParagraphNumbers(later)).toEqual(['¶\u00a01', '¶\u00a041']);
  });

  it('prints, in the teacher’s order, the citation, its own link and QR code, each paragraph’s URL and the notes’ sources, and no “Data:” line', async () => {
    const page = await env.open('/?handout=41,1');
    await page.locator('.handout-qr svg').waitFor();
    // Chromium's PDF of the handout is a page or two, not the whole essay's sixteen.
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/gu)?.length).toBeLessThanOrEqual(2);
    await page.emulateMedia({ media: 'print' });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for print is what is asserted, hidden parts excluded
    const printed = await page.evaluate(() => document.body.innerText);
    const handoutUrl = `${env.site.url('/')}?handout=${idOf(41)},${idOf(1)}`;
    const bibliography = plainCitation(chicagoBibliography(essayCitation(essayDocument, env.site, null)));
    expect(printed).toContain(`Cite as: ${bibliography}`);
    expect(printed).toContain(`This handout online: ${handoutUrl}`);
    expect(await decodeQr(page, '.handout-qr svg')).toBe(handoutUrl);
    expect(await visibleParagraphNumbers(page)).toEqual(['¶\u00a041', '¶\u00a01']);
    const urls = await page.$$eval('.passage', (elements) =>
      elements
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => getComputedStyle(e, '::after').content),
    );
    expect(urls).toEqual([`"${env.site.url('/')}#${idOf(41)}"`, `"${env.site.url('/')}#${idOf(1)}"`]);
    // Every source address of ¶ 1's notes is printed after its link.
    const sourceUrls = readAnnotationFiles()
      .filter((note) => note.data.target.passage === idOf(1))
      .flatMap((note) => note.data.sources.flatMap((source) => (source.url ? [source.url] : [])));
    expect(sourceUrls.length).toBeGreaterThan(0);
    const sources = await page.$$eval(`[id="${idOf(1)}"] .note-src a[href^="http"]`, (links) =>
      links.map((link) => getComputedStyle(link, '::after').content),
    );
    expect(sources.toSorted()).toEqual(sourceUrls.map((url) => `" <${url}>"`).toSorted());
    expect(printed).not.toContain('Data');
    expect(printed).not.toContain('All passages as JSON');
  });

  it('prints three of the longest paragraphs on at most two A4 pages, with the text’s caveat once and a line for a name', async () => {
    const page = await env.open(`/?handout=${longest.map((passage) => passage.id).join(',')}`);
    await page.locator('.handout-qr svg').waitFor();
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/gu)?.length).toBeLessThanOrEqual(2);
    await page.emulateMedia({ media: 'print' });
    expect(await visibleParagraphNumbers(page)).toEqual(longest.map((passage) => `¶\u00a0${passage.n}`));
    const caveat = essayDocument.completeness ?? '';
    expect(caveat.length).toBeGreaterThan(0);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for print is what is asserted, hidden parts excluded
    const printed = await page.evaluate(() => document.body.innerText);
    expect(printed.split(caveat.slice(0, 40)).length - 1).toBe(1);
    // A line to write a name on, a third of the page wide at least.
    const name = page.locator('.handout-name');
    expect(await name.isVisible()).toBe(true);
    expect(await name.textContent()).toBe('Name:');
    const line = await name.evaluate((element) => element.getBoundingClientRect().width);
    expect(line).toBeGreaterThanOrEqual(250);
  });

  it('prints a class layer’s questions under their paragraphs, each with room to answer, and not its screen panel', async () => {
    const layerId = 'urn:uuid:0b6f3c2e-9a41-4d3e-8f0a-2c5b7d9e1f34';
    const asked = longest.map((_, i) => `Question ${i + 1}: what does this paragraph claim?`);
    const questions: WebAnnotation[] = longest.map((passage, i) => ({
      '@context': ANNOTATION_CONTEXT,
      id: `${layerId}#q${i + 1}`,
      type: 'Annotation',
      motivation: 'questioning',
      body: { type: 'TextualBody', value: asked[i] ?? '' },
      target: {
        source: `${env.site.url('/')}#${passage.id}`,
        selector: [{ type: 'TextQuoteSelector', exact: passage.text.split(' ').slice(0, 4).join(' ') }],
      },
    }));
    const layer = await encodeLayer({
      id: layerId,
      title: 'Week 3',
      author: 'Ms Ortega',
      annotations: questions,
    });
    const page = await env.open(`/?handout=${longest.map((passage) => passage.id).join(',')}#layer=${layer}`);
    await page.locator('.handout-qr svg').waitFor();
    await page.locator('reader-note.rn-class').nth(2).waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for print is what is asserted, hidden parts excluded
    const printed = await page.evaluate(() => document.body.innerText);
    expect(printed).not.toContain('Question 1 of 3');
    for (const question of asked) expect(printed).toContain(question);
    // Room to answer: a box of 2.2 cm (83 CSS px) under each question.
    const rooms = await page.$$eval('reader-note.rn-class', (notes) =>
      notes.map((note) => Number.parseFloat(getComputedStyle(note, '::after').height)),
    );
    expect(rooms).toHaveLength(3);
    for (const room of rooms) expect(room).toBeGreaterThanOrEqual(80);
  });

  it('says in print, with JavaScript off, that a handout needs it rather than silently printing the whole text', async () => {
    const page = await env.open('/?handout=1,36,41', { javaScriptEnabled: false });
    await page.emulateMedia({ media: 'print' });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for print is what is asserted, hidden parts excluded
    const printed = await page.evaluate(() => document.body.innerText);
    expect(printed).toContain(
      'Printed without JavaScript, so the whole text: a handout link (?handout=) needs JavaScript.',
    );
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.print-nojs').isVisible()).toBe(false);
  });

  it('finds no axe violations with the handout tray open', async () => {
    const page = await env.open('/');
    await (await openToolsMenu(page, idOf(41), 1280))
      .getByRole('menuitemcheckbox', { name: 'Add to handout' })
      .click();
    await (await openToolsMenu(page, idOf(41), 1280)).getByRole('menuitem', { name: 'Handout (1)' }).click();
    await page.getByRole('dialog', { name: 'Handout' }).waitFor();
    const violations = await runAxe(page);
    expect(violations.length, formatViolations(violations)).toBe(0);
  });
});
