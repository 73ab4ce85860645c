import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { escapeRegExp } from '../../src/lib/escape-regexp.ts';
import { parseAnnotations } from '../../src/lib/reader-notes/web-annotation.ts';
import { formatViolations, runAxe, scopeFor } from './support/axe.ts';
import { downloadedText, useSiteInBrowser } from './support/built-site.ts';
import { type MarginLayout, marginFigures, measureMargin, settleNotes } from './support/margin-notes.ts';
import { untilWorkerControls } from './support/offline.ts';
import { selectWords as select } from './support/paragraph-tools.ts';
import { highlight, marksOf } from './support/reader-notes.ts';
import { screenshot } from './support/screenshots.ts';

/*
 * The reader's own notes, in Chromium against the build: select words → Highlight or Note, kept
 * across reloads and offline, exported as Web Annotations and imported into another browser, a
 * class layer by link, notes of an older edition found again or listed as unplaced, keyboard only,
 * axe with the layer on, and the margin shared with the edition's notes. One file, one feature: every
 * test starts from the same few words of the first paragraphs and the helpers below that write notes
 * on them as a reader does; none may make a request outside the site (support/built-site.ts).
 */

const env = useSiteInBrowser();

/** A fresh browser profile (no notes yet) at a width, light or dark, and the page at `path` in it. */
function open(
  path: string,
  options: { width?: number; dark?: boolean; serviceWorkers?: 'allow' | 'block' } = {},
): Promise<Page> {
  return env.open(path, {
    width: options.width ?? 1280,
    height: 900,
    serviceWorkers: options.serviceWorkers ?? 'block',
    colorScheme: options.dark ? 'dark' : 'light',
    acceptDownloads: true,
  });
}

/** The site's root as the page was served, which a note written there names. */
const siteRoot = () => env.site.url('/');

const FIRST = 'zinoviev-and-kamenev-are-no-fools';
const SECOND = 'the-goal-of-the-maneuver-is';

async function note(page: Page, passage: string, words: string, text: string): Promise<void> {
  await select(page, passage, words);
  await page.locator('.rn-bar button', { hasText: 'Note' }).click();
  await page.locator('reader-note textarea').fill(text);
  await page.locator('reader-note button', { hasText: 'Save' }).click();
  await page.locator('reader-note .rn-body', { hasText: text }).waitFor();
}

describe("the reader's own notes", () => {
  it('keeps a highlight and a note across a reload, beside their words, labelled as the reader’s', async () => {
    const page = await open('/');
    await highlight(page, FIRST, 'no fools');
    await note(page, SECOND, 'redoubling the terror', 'Compare with the 1936 trial.');
    await page.reload();
    await page.locator('reader-note').first().waitFor();
    expect(await marksOf(page, FIRST)).toEqual(['no fools']);
    expect(await marksOf(page, SECOND)).toEqual(['redoubling the terror']);
    const notes = page.locator(`#${SECOND} reader-note`);
    expect(await notes.locator('.rn-label').textContent()).toBe('Your note');
    expect(await notes.locator('.rn-body').textContent()).toBe('Compare with the 1936 trial.');
    // Beside its words: in the right margin, by the marked line (within the 32 px the edition's
    // notes are held to: it shares the margin with the note on Nikolaev, whose words are on that line).
    const mark = await page.locator(`#${SECOND} mark.rn-own`).boundingBox();
    const box = await notes.boundingBox();
    const text = await page.locator(`#${SECOND} > p`).first().boundingBox();
    expect(box && text && box.x).toBeGreaterThan((text?.x ?? 0) + (text?.width ?? 0));
    expect(Math.abs((box?.y ?? 0) - (mark?.y ?? 0))).toBeLessThanOrEqual(32);
  }, 60_000);

  it('shows a note on its own document only, never on the same words elsewhere', async () => {
    const page = await open('/obituary/');
    await highlight(page, 'comrade-kirov-was-an-example-of', 'Kirov');
    await page.goto(env.site.url('/'));
    await page.locator('.rn-strip').waitFor();
    expect(await page.locator('.passage', { hasText: 'Kirov' }).count()).toBeGreaterThan(0);
    expect(await page.locator('mark.rn-mark').count()).toBe(0);
    expect(await page.locator('.rn-count').textContent()).toBe('0 notes on this page');
    await page.goto(env.site.url('/obituary/'));
    await page.locator('reader-note').waitFor();
    expect(await marksOf(page, 'comrade-kirov-was-an-example-of')).toEqual(['Kirov']);
  }, 60_000);

  it('prints the reader’s notes in a handout, under their paragraph, without their buttons', async () => {
    const page = await open('/');
    await note(page, SECOND, 'redoubling the terror', 'For the handout.');
    await page.goto(env.site.url('/?handout=2'));
    await page.locator('reader-note').waitFor();
    await page.emulateMedia({ media: 'print' });
    const printed = page.locator(`#${SECOND} reader-note`);
    expect(await printed.isVisible()).toBe(true);
    expect(await printed.locator('.rn-body').textContent()).toBe('For the handout.');
    expect(await printed.locator('.rn-actions').isVisible()).toBe(false);
    const text = await page.locator(`#${SECOND} > p`).first().boundingBox();
    const box = await printed.boundingBox();
    expect(box?.y).toBeGreaterThan((text?.y ?? 0) + (text?.height ?? 0) - 1);
    expect(await page.locator(`#${FIRST}`).isVisible()).toBe(false);
  }, 60_000);

  it('shows the notes offline once the site has been opened', async () => {
    const page = await open('/', { serviceWorkers: 'allow' });
    await untilWorkerControls(page);
    await page.context().setOffline(true);
    await page.reload();
    await highlight(page, FIRST, 'total extermination');
    await page.reload();
    await page.locator('reader-note').first().waitFor();
    expect(await marksOf(page, FIRST)).toEqual(['total extermination']);
    await page.goto(env.site.url('/my-notes/'));
    await page.locator('.mn-item').first().waitFor();
    expect(await page.locator('.mn-item a').allTextContents()).toEqual(['“total extermination”']);
  }, 60_000);

  it('creates and deletes a note with the keyboard alone, with undo', async () => {
    const page = await open('/');
    // A keyboard selection (caret browsing): extended with Shift+→, then Tab reaches the actions.
    await select(page, FIRST, 'Zinoviev group');
    await page.keyboard.press('Shift+ArrowRight');
    await page.locator('.rn-bar').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Highlight');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.type('A group tried in January 1935.');
    await page.keyboard.press('Control+Enter');
    await page.locator('reader-note .rn-body').waitFor();
    expect(await marksOf(page, FIRST)).toEqual(['Zinoviev group ']);
    // Focus is on the new note's first button (Edit); the next is Delete.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Edit');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('reader-note').count()).toBe(0);
    expect(await marksOf(page, FIRST)).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await page.keyboard.press('Enter');
    await page.locator('reader-note .rn-body').waitFor();
    expect(await page.locator('reader-note .rn-body').textContent()).toBe('A group tried in January 1935.');
  }, 60_000);

  it('exports Web Annotations that another browser imports, showing the same highlights by the same words', async () => {
    const page = await open('/');
    await highlight(page, FIRST, 'restoration of capitalism');
    await note(page, 'why-is-there-to-be-observed', 'Five Year Plans', 'First plan: 1928–1932.');
    await page.goto(env.site.url('/my-notes/'));
    await page.locator('.mn-item').nth(1).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button', { hasText: 'Export my notes (JSON)' }).click(),
    ]);
    const file = await downloadedText(download);
    // The same file, as the reader picks it on the other browser's My notes.
    const upload = {
      name: download.suggestedFilename(),
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    };
    const exported = JSON.parse(file);
    // The edition's own schema of a Web Annotation, as an import checks it.
    expect(parseAnnotations(file, 'export.json')).toHaveLength(2);
    expect(exported.type).toBe('AnnotationCollection');
    expect(exported.first.items).toHaveLength(2);
    for (const annotation of exported.first.items) {
      expect(annotation['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
      expect(annotation.type).toBe('Annotation');
      expect(annotation.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(annotation.target.source).toMatch(
        new RegExp(`^${escapeRegExp(siteRoot())}#(${FIRST}|why-is-there-to-be-observed)$`),
      );
      expect(annotation.target.selector[0].type).toBe('TextQuoteSelector');
      expect(annotation.target.selector[1].type).toBe('TextPositionSelector');
    }
    expect(
      exported.first.items.map(
        (a: { target: { selector: [{ exact: string }] } }) => a.target.selector[0].exact,
      ),
    ).toEqual(['restoration of capitalism', 'Five Year Plans']);

    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button', { hasText: 'Export all as Markdown' }).click(),
    ]);
    const md = await downloadedText(markdown);
    expect(md).toContain('> restoration of capitalism\n\n**Highlight**');
    expect(md).toContain('> Five Year Plans\n\n**Note:** First plan: 1928–1932.');

    const second = await open('/my-notes/');
    await second.locator('#mn-import').setInputFiles(upload);
    await second.locator('button', { hasText: 'Confirm import' }).click();
    await second.locator('.rn-live', { hasText: '2 added' }).waitFor();
    // Importing the same file again adds nothing: the preview says so, and offers no Confirm.
    // Picked again: the box emptied first, so that the browser reports the same file as a new choice.
    await second.locator('#mn-import').setInputFiles([]);
    await second.locator('#mn-import').setInputFiles(upload);
    await second.locator('.mn-plan', { hasText: 'Nothing in this file is new here.' }).waitFor();
    expect(await second.locator('.mn-plan li').first().textContent()).toBe('0 to add');
    expect(await second.locator('button', { hasText: 'Confirm import' }).count()).toBe(0);
    await second.goto(env.site.url('/'));
    await second.locator('reader-note').nth(1).waitFor();
    expect(await marksOf(second, FIRST)).toEqual(['restoration of capitalism']);
    expect(await marksOf(second, 'why-is-there-to-be-observed')).toEqual(['Five Year Plans']);
  }, 60_000);

  it('hands a class a layer of twenty questions in a link under 2,000 characters; a student answers one', async () => {
    const page = await open('/my-notes/');
    await page.locator('#mn-new-title').fill('Week 3');
    await page.locator('#mn-new-author').fill('Ms Ortega');
    await page.locator('button', { hasText: 'Make a class layer' }).click();
    await page.locator('label', { hasText: 'Class: Week 3 (Ms Ortega)' }).waitFor();
    await page.goto(env.site.url('/'));
    // Twenty questions, each on the opening words of a paragraph.
    const ids = await page
      .locator('article .passage')
      .evaluateAll((els) => els.slice(0, 20).map((el) => el.id));
    expect(ids).toHaveLength(20);
    for (const [i, id] of ids.entries()) {
      const words = await page
        .locator(`#${id} > p`)
        .first()
        .evaluate((p) => (p.textContent ?? '').slice(0, 28));
      await select(page, id, words.slice(0, words.lastIndexOf(' ')));
      await page.locator('.rn-bar button', { hasText: 'Question for “Week 3”' }).click();
      await page.locator('reader-note textarea').fill(`Question ${i + 1}: what does Trotsky argue here?`);
      await page.locator('reader-note textarea').press('Control+Enter');
      // Saved once the draft's text box gives way to the note, which the page draws after the device has kept it.
      await expect.poll(() => page.locator('reader-note textarea').count()).toBe(0);
      await expect.poll(() => page.locator('reader-note.rn-class').count()).toBe(i + 1);
    }
    await page.goto(env.site.url('/my-notes/'));
    await page.locator('button', { hasText: 'Class link' }).click();
    const link = await page.locator('.mn-share input').inputValue();
    expect(link.length).toBeLessThan(2000);
    expect(link.startsWith(`${env.site.url('/')}#layer=`)).toBe(true);
    const layerInTeacher = await page.evaluate(() => document.querySelector('.mn-share label')?.textContent);
    expect(layerInTeacher).toBe(`Link to “Week 3” (${link.length} characters) `);

    const student = await env.newContext({ width: 390, height: 900 });
    // What the status region says, kept as it is said: the message goes after a few seconds.
    await student.addInitScript(() => {
      const heard: string[] = [];
      Object.assign(window, { heard });
      new MutationObserver(() => {
        for (const live of document.querySelectorAll('.rn-live')) {
          const text = live.textContent?.trim();
          if (text && heard.at(-1) !== text) heard.push(text);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const phone = await student.newPage();
    await phone.goto(link);
    await expect.poll(() => phone.locator('reader-note.rn-class').count()).toBe(20);
    const heard = await phone.evaluate(() => (window as unknown as { heard: string[] }).heard);
    expect(heard).toContain(
      'Class layer added from a link: “Week 3” by Ms Ortega, 20 notes, kept on this device only.Undo',
    );
    expect(new URL(phone.url()).hash).toBe('');
    const question = phone.locator(`#${ids[0]} reader-note.rn-class`);
    // On a phone, folded under its paragraph until its label is pressed.
    expect(await question.locator('.rn-body').isVisible()).toBe(false);
    const fold = question.locator('button.rn-fold');
    expect(await fold.textContent()).toBe('Week 3: question');
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    expect(await question.locator('.rn-body').textContent()).toBe(
      'Question 1: what does Trotsky argue here?',
    );
    await question.locator('button', { hasText: 'Answer' }).click();
    await phone.locator('reader-note textarea').fill('That the charge is a fabrication.');
    await phone.locator('reader-note button', { hasText: 'Save' }).click();
    const answer = phone.locator(`#${ids[0]} reader-note.rn-own`);
    await answer.waitFor();
    expect(await answer.locator('.rn-question').textContent()).toBe(
      'Question: Question 1: what does Trotsky argue here?',
    );
    // Turned off, the layer leaves the margin; the student's answer stays.
    await phone.locator('.rn-strip label', { hasText: 'Class: Week 3' }).click();
    await expect.poll(() => phone.locator('reader-note.rn-class').count()).toBe(0);
    expect(await phone.locator('reader-note.rn-own').count()).toBe(1);

    // The decoded layer is the teacher's, note for note, kept on the student's device under the
    // teacher's key (link:…), apart from any layer made there.
    const stored = async (p: Page) =>
      p.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open('kirov-reader-notes');
            open.onsuccess = () => {
              const all = open.result.transaction('notes').objectStore('notes').getAll();
              all.onsuccess = () =>
                resolve(
                  (all.result as { layer: string; annotation: { id: string } }[])
                    .filter((r) => r.layer !== 'mine')
                    .map((r) => r.annotation)
                    .sort((a, b) => a.id.localeCompare(b.id)),
                );
            };
          }),
      );
    expect(
      await phone.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open('kirov-reader-notes');
            open.onsuccess = () => {
              const all = open.result.transaction('layers').objectStore('layers').getAllKeys();
              all.onsuccess = () => resolve((all.result as string[]).filter((k) => k !== 'mine'));
            };
          }),
      ),
    ).toEqual([expect.stringMatching(/^link:[A-Za-z0-9_-]{22}$/)]);
    expect(await stored(phone)).toEqual(await stored(page));
  }, 120_000);

  it('after a new release, lists every note as placed or could not be placed, none lost', async () => {
    // The new release is served by a route, which a service worker's own fetches would bypass.
    const page = await open('/');
    await highlight(page, FIRST, 'no fools');
    await highlight(page, SECOND, 'redoubling the terror');
    await highlight(page, 'why-is-there-to-be-observed', 'directly opposite character');
    await highlight(page, 'such-a-conclusion-would-be-however', 'one-sided');
    // A new release: ¶ 2 reworded, ¶ 3 merged into ¶ 4 (its id retired), ¶ 1 deleted (retired, its words gone).
    const data = JSON.parse(readFileSync('dist/passages.json', 'utf8'));
    const byId = (id: string) => data.passages.find((p: { id: string }) => p.id === id);
    byId(SECOND).text = byId(SECOND).text.replace('redoubling the terror', 'redoubling his terror');
    byId('such-a-conclusion-would-be-however').text =
      `${byId('why-is-there-to-be-observed').text} ${byId('such-a-conclusion-would-be-however').text}`;
    data.passages = data.passages.filter(
      (p: { id: string }) => p.id !== FIRST && p.id !== 'why-is-there-to-be-observed',
    );
    data.retired = [
      { id: FIRST, successor: SECOND, url: '/#the-goal-of-the-maneuver-is' },
      { id: 'why-is-there-to-be-observed', successor: 'such-a-conclusion-would-be-however', url: '/#such' },
    ];
    await page.route('**/passages.json', (route) => route.fulfill({ json: data }));
    await page.goto(env.site.url('/my-notes/'));
    await page.locator('#mn-unplaced').waitFor();
    expect(await page.locator('.mn-list h3').allTextContents()).toEqual([
      'On the Kirov Assassination, ¶ 2',
      'On the Kirov Assassination, ¶ 4',
    ]);
    expect(await page.locator('.mn-list h3 + ul').first().locator('a').allTextContents()).toEqual([
      '“redoubling his terror”',
    ]);
    expect(await page.locator('.mn-list h3 + ul').nth(1).locator('a').allTextContents()).toEqual([
      '“directly opposite character”',
      '“one-sided”',
    ]);
    expect(await page.locator('#mn-unplaced').textContent()).toBe('Could not be placed (1)');
    const lost = page.locator('#mn-unplaced ~ ul .mn-item');
    expect(await lost.locator('q').textContent()).toBe('no fools');
    expect(await lost.locator('.rn-question').textContent()).toBe(
      `Could not be placed: its words are no longer in paragraph #${SECOND}. It was on ${siteRoot()}#${FIRST}.`,
    );
  }, 60_000);

  // The reading page has no violation of its own (a11y.test.ts): with the layer on, the page holds the
  // reader's marks, a note and the selection's bar, and is held to none either, as My notes is.
  for (const width of [1280, 390]) {
    it(`passes axe with the layer on at ${width} px, light and dark, and on My notes`, async () => {
      const schemes = ['light', 'dark'] as const;
      const page = await open('/', { width });
      await note(page, FIRST, 'no fools', 'A note of my own.');
      await select(page, SECOND, 'redoubling the terror');
      await page.locator('.rn-bar').waitFor();
      for (const scheme of schemes) {
        await page.emulateMedia({ colorScheme: scheme });
        const withLayer = await runAxe(page, scopeFor(scheme));
        expect(withLayer.length, `${scheme}: ${formatViolations(withLayer)}`).toBe(0);
        await screenshot(page, `reader-notes-${width}-${scheme}`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `sideways scrolling at ${width}px`).toBeLessThanOrEqual(0);
      await page.goto(env.site.url('/my-notes/'));
      await page.locator('.mn-item').first().waitFor();
      for (const scheme of schemes) {
        await page.emulateMedia({ colorScheme: scheme });
        const onPage = await runAxe(page, scopeFor(scheme));
        expect(onPage.length, `${scheme}: ${formatViolations(onPage)}`).toBe(0);
        await screenshot(page, `my-notes-${width}-${scheme}`, true);
      }
    }, 120_000);
  }

  for (const width of [1280, 1920]) {
    it(`at ${width} px, shares the margin with the edition's notes: none covers another, each stays by its words`, async () => {
      const page = await open('/', { width });
      await settleNotes(page);
      const alone = await measureMargin(page);
      // ¶ 1 has edition notes on its first lines; the reader's note goes on its second line.
      await note(page, FIRST, 'restoration of capitalism', 'The charge of the January 1935 trial.');
      await settleNotes(page);
      /** Every item in the margin, the edition's and the reader's, and how far the reader's note is from its words. */
      const margin = () =>
        page.evaluate(() => {
          const items = [...document.querySelectorAll<HTMLElement>('aside.note, reader-note')]
            .filter((element) => getComputedStyle(element).visibility === 'visible')
            .map((element) => ({ name: element.id || 'reader-note', box: element.getBoundingClientRect() }));
          const overlaps: string[] = [];
          items.forEach((a, index) => {
            for (const b of items.slice(index + 1))
              if (
                a.box.left < b.box.right - 0.5 &&
                b.box.left < a.box.right - 0.5 &&
                a.box.top < b.box.bottom - 0.5 &&
                b.box.top < a.box.bottom - 0.5
              )
                overlaps.push(`${a.name} × ${b.name}`);
          });
          const mark = document.querySelector('mark.rn-own')?.getClientRects()[0];
          const own = document.querySelector('reader-note')?.getBoundingClientRect();
          return {
            overlaps,
            offset: Math.round((own?.top ?? Number.NaN) - (mark?.top ?? Number.NaN)),
            count: items.length,
          };
        });
      const expectEditionBeside = (layout: MarginLayout, when: string) => {
        const figures = marginFigures(layout.notes);
        expect(figures.count, when).toBe(alone.notes.length);
        expect(figures.nearShare, when).toBeGreaterThanOrEqual(0.95);
        expect(figures.max, when).toBeLessThanOrEqual(450);
        expect(layout.covering, when).toEqual([]);
        expect(layout.scrollsSideways, when).toBe(false);
      };
      const shared = await margin();
      expect(shared.count).toBe(alone.notes.length + 1);
      expect(shared.overlaps, 'with the reader’s note').toEqual([]);
      // ¶ 1's first lines carry three edition notes of two to four lines each (about 150 px, with
      // their gaps); at worst the reader's note waits below them, nearer when the layout allows.
      expect(
        Math.abs(shared.offset),
        `the reader’s note is ${shared.offset} px from its words`,
      ).toBeLessThanOrEqual(150);
      expectEditionBeside(await measureMargin(page), 'with the reader’s note');
      // Opening an edition note of ¶ 1 makes room for it; closing it puts everything back.
      const ref = page.locator(`#${FIRST} a.note-ref`).first();
      await ref.click();
      await settleNotes(page);
      expect((await margin()).overlaps, 'with an edition note open').toEqual([]);
      // The margin is laid out again over the next frames, later on a busy machine: waited for.
      await page.keyboard.press('Escape');
      await settleNotes(page);
      await expect.poll(margin).toEqual(shared);
      // Hiding the reader's notes gives the edition's notes their own layout back.
      await page.locator('.rn-toggle input').uncheck();
      await settleNotes(page);
      const offsets = (layout: MarginLayout) => layout.notes.map((n) => `${n.id} ${Math.round(n.offset)}`);
      await expect.poll(async () => offsets(await measureMargin(page))).toEqual(offsets(alone));
      await page.locator('.rn-toggle input').check();
      await settleNotes(page);
      await expect.poll(margin).toEqual(shared);
    }, 60_000);
  }
});
