import type { BrowserContext, Page } from 'playwright-core';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { WebAnnotation } from '../../src/lib/reader-notes/web-annotation.ts';
import { downloadedText, useSiteInBrowser } from './support/built-site.ts';
import { seedNotes } from './support/many-notes.ts';
import { annotationOn, highlight, marksOf } from './support/reader-notes.ts';

/*
 * Keeping a reader's notes, in Chromium against the build: the browser asked to keep them at the
 * first note, My notes saying where they live and whether it agreed, the backup one click away, a
 * weekly reminder for notes never saved to a file, an import shown before it is written; and the
 * smaller promises around them: a selection over two paragraphs, a note's image from elsewhere,
 * the Markdown export's links.
 */

const env = useSiteInBrowser();
const FIRST = 'zinoviev-and-kamenev-are-no-fools';
const SECOND = 'the-goal-of-the-maneuver-is';

/**
 * A browser whose storage manager grants persistence when asked (`grant`) or never does, as
 * Firefox after the reader's yes or Chromium for a little-used site; it counts the asks.
 */
async function storage(context: BrowserContext, grant: boolean): Promise<void> {
  await context.addInitScript((grant) => {
    const asks: number[] = [];
    Object.assign(window, { persistAsks: asks });
    StorageManager.prototype.persisted = async () => localStorage.getItem('test-persisted') === '1';
    StorageManager.prototype.persist = async () => {
      asks.push(Date.now());
      if (grant) localStorage.setItem('test-persisted', '1');
      return grant;
    };
  }, grant);
}

async function open(path: string, grant = false): Promise<Page> {
  const context = await env.newContext({ width: 1280, height: 900, acceptDownloads: true });
  await storage(context, grant);
  const page = await context.newPage();
  await page.goto(env.site.url(path));
  return page;
}

const asks = (page: Page) =>
  page.evaluate(() => (window as unknown as { persistAsks: number[] }).persistAsks.length);

/** How many annotation records the device keeps. */
const records = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open('kirov-reader-notes');
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('notes')) return resolve(0);
          const count = db.transaction('notes').objectStore('notes').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      }),
  );

/** A note on `exact` in `passage` of the site's root, made on 1 November 2026. */
const annotation = (id: string, exact: string, passage: string, extra: Partial<WebAnnotation> = {}) =>
  annotationOn(env.site.url('/'), id, passage, exact, { created: '2026-11-01T10:00:00.000Z', ...extra });

const file = (name: string, items: WebAnnotation[]) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify({ type: 'AnnotationCollection', first: { items } })),
});

describe('keeping the notes', () => {
  it('asks the browser to keep them at the first note, and My notes says it agreed and where they live', async () => {
    const page = await open('/', true);
    expect(await asks(page)).toBe(0);
    await highlight(page, FIRST, 'no fools');
    await expect.poll(() => asks(page)).toBe(1);
    await page.goto(env.site.url('/my-notes/'));
    const keep = page.locator('section.mn-keep');
    await keep.locator('.mn-kept', { hasText: 'Persistent storage' }).waitFor();
    expect(await keep.locator('h2').textContent()).toBe('Where your notes live');
    expect(await keep.locator('p').first().textContent()).toBe(
      'Your note is kept in this browser, on this device only: not in an account, not on another device, not with the edition.',
    );
    expect(await keep.locator('.mn-kept').textContent()).toBe(
      'Persistent storage granted: this browser has agreed to keep them, and will not clear them to free space.',
    );
  }, 60_000);

  it('says when the browser has not agreed, and offers to ask it again', async () => {
    const page = await open('/', false);
    await highlight(page, FIRST, 'no fools');
    await expect.poll(() => asks(page)).toBe(1);
    await page.goto(env.site.url('/my-notes/'));
    const kept = page.locator('.mn-kept');
    await kept.locator('button').waitFor();
    expect(await kept.textContent()).toBe(
      'Persistent storage not granted: this browser may clear them to free space, and Safari clears them after seven days without a visit. Ask the browser to keep them',
    );
    await kept.locator('button', { hasText: 'Ask the browser to keep them' }).click();
    await page
      .locator('.rn-live', {
        hasText: 'The browser did not grant persistent storage: save a backup file to be safe.',
      })
      .waitFor();
  }, 60_000);

  it('backs the notes up in one click on My notes, and says when', async () => {
    const page = await open('/');
    await highlight(page, FIRST, 'no fools');
    await page.goto(env.site.url('/my-notes/'));
    const backup = page.locator('.mn-backup');
    await backup.locator('button').waitFor();
    expect(await backup.textContent()).toBe('Never saved to a file. Back up my notes (JSON)');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Back up my notes (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^my-notes-\d{4}-\d\d-\d\d\.json$/);
    const saved = JSON.parse(await downloadedText(download));
    expect(saved.first.items.map((a: WebAnnotation) => a.target.selector[0].exact)).toEqual(['no fools']);
    await page.locator('.rn-live', { hasText: `Backup saved as ${download.suggestedFilename()}` }).waitFor();
    expect(await backup.textContent()).toMatch(
      /^Last saved to a file on \d+ \w+ \d{4} at \d\d:\d\d\. Back up/,
    );
  }, 60_000);

  it('reminds, quietly and at most once a week, of notes never saved to a file', async () => {
    const page = await open('/');
    await highlight(page, FIRST, 'no fools');
    // Not in the visit that made the note: the page decides once every note has been read and drawn,
    // which it marks, and which on a busy machine comes after a highlight made at once.
    const allRead = () =>
      page.waitForFunction(() => performance.getEntriesByName('reader-notes:settled').length > 0);
    await allRead();
    const reminder = page.locator('aside.rn-remind');
    expect(await reminder.count()).toBe(0);
    await page.reload();
    await reminder.waitFor();
    expect(await reminder.locator('p').first().textContent()).toBe(
      'Your note is kept only in this browser and never saved to a file. Where your notes live ',
    );
    expect(await page.getByRole('dialog').count()).toBe(0);
    // Shown once: not again the same week.
    await page.reload();
    await allRead();
    expect(await reminder.count()).toBe(0);
    // A week later, again; saved from it, no more.
    const weekAgo = () =>
      localStorage.setItem(
        'kirov-reader-notes-reminded',
        new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString(),
      );
    await page.evaluate(weekAgo);
    await page.reload();
    await reminder.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      reminder.getByRole('button', { name: 'Save a backup file of your notes' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^my-notes-.*\.json$/);
    expect(await reminder.count()).toBe(0);
    await page.evaluate(weekAgo);
    await page.reload();
    await allRead();
    expect(await reminder.count()).toBe(0);
  }, 90_000);

  it('shows what an import will add, replace and skip before it writes, and writes only on Confirm', async () => {
    const page = await open('/my-notes/');
    const kept = annotation('urn:uuid:10000000-0000-4000-8000-000000000001', 'no fools', FIRST);
    await page.locator('#mn-import').setInputFiles(file('first.json', [kept]));
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page.locator('.rn-live', { hasText: '1 added' }).waitFor();
    expect(await records(page)).toBe(1);

    const newer = {
      ...kept,
      modified: '2026-12-01T10:00:00.000Z',
      body: { type: 'TextualBody' as const, value: 'Changed.' },
    };
    const copy = { ...kept, id: 'urn:uuid:10000000-0000-4000-8000-000000000002' };
    const fresh = annotation(
      'urn:uuid:10000000-0000-4000-8000-000000000003',
      'restoration of capitalism',
      FIRST,
    );
    const second = file('second.json', [newer, copy, fresh]);
    await page.locator('#mn-import').setInputFiles(second);
    const plan = page.locator('.mn-plan');
    await plan.waitFor();
    expect(await plan.locator('h4').textContent()).toBe('Import second.json into My notes?');
    expect(
      await plan
        .locator(':scope > ul > li')
        .evaluateAll((items) => items.map((li) => li.firstChild?.textContent)),
    ).toEqual(['1 to add', '1 to replace with a newer version', '1 to skip: already here']);
    expect(await plan.locator(':scope > ul > li').nth(0).locator('li').allTextContents()).toEqual([
      '“restoration of capitalism”',
    ]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mn-preview-title');
    expect(await records(page)).toBe(1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page
      .locator('.rn-live', { hasText: 'Import of second.json cancelled: nothing was written.' })
      .waitFor();
    expect(await records(page)).toBe(1);
    expect(await plan.count()).toBe(0);

    await page.locator('#mn-import').setInputFiles(second);
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page.locator('.rn-live', { hasText: '1 added, 1 updated, 1 already here' }).waitFor();
    expect(await records(page)).toBe(2);
    await page.locator('.mn-item .rn-body', { hasText: 'Changed.' }).waitFor();
  }, 60_000);
});

describe('around the notes', () => {
  it('highlights a selection over two paragraphs in each, and says so before', async () => {
    const page = await open('/');
    await page.evaluate(
      ({ first, second }) => {
        const from = document.querySelector(`#${first} > p`)?.lastChild as Text;
        const to = document.querySelector(`#${second} > p`)?.firstChild as Text;
        const range = document.createRange();
        range.setStart(from, from.length - 12);
        range.setEnd(to, 10);
        document.getSelection()?.removeAllRanges();
        document.getSelection()?.addRange(range);
      },
      { first: FIRST, second: SECOND },
    );
    const bar = page.locator('.rn-bar');
    await bar.locator('.rn-across').waitFor();
    expect(await bar.locator('.rn-across').textContent()).toBe(
      'Over 2 paragraphs: Highlight marks each; a note goes on the words in the first.',
    );
    const ends = await page.evaluate(
      ({ first, second }) => [
        (document.querySelector(`#${first} > p`)?.textContent ?? '').trimEnd().slice(-12).trim(),
        (document.querySelector(`#${second} > p`)?.textContent ?? '').slice(0, 10).trim(),
      ],
      { first: FIRST, second: SECOND },
    );
    await bar.getByRole('button', { name: 'Highlight' }).click();
    await page.locator('.rn-live', { hasText: 'Highlighted in 2 paragraphs.' }).waitFor();
    expect((await marksOf(page, FIRST)).join('')).toBe(ends[0]);
    expect((await marksOf(page, SECOND)).join('')).toBe(ends[1]);
  }, 60_000);

  it('refuses a note that shows an image from another site, naming it, and keeps the text', async () => {
    const page = await open('/');
    const { selectWords } = await import('./support/paragraph-tools.ts');
    await selectWords(page, FIRST, 'no fools');
    await page.locator('.rn-bar button', { hasText: 'Note' }).click();
    const text = 'See ![map](https://maps.example/leningrad.png) for the Smolny.';
    await page.locator('reader-note textarea').fill(text);
    await page.locator('reader-note button', { hasText: 'Save' }).click();
    const error = page.locator('reader-note .rn-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      'Your note was not saved: the note shows an image from another site (“![map](https://maps.example/leningrad.png)”, at character 5); the edition loads nothing from elsewhere: write the image’s address as a plain link, without the “!” (or the <img>).',
    );
    expect(await page.locator('reader-note textarea').inputValue()).toBe(text);
    expect(await records(page)).toBe(0);
  }, 60_000);

  it('never writes a javascript: or another site’s address into the Markdown export', async () => {
    const page = await open('/my-notes/');
    await seedNotes(page, [
      annotation('urn:uuid:20000000-0000-4000-8000-000000000001', 'no fools', FIRST, {
        body: {
          type: 'TextualBody',
          value: 'Read [this](javascript:alert(1)) and <https://elsewhere.example/>.',
        },
      }),
      {
        ...annotation('urn:uuid:20000000-0000-4000-8000-000000000002', 'Words gone', 'gone'),
        target: {
          source: 'https://elsewhere.example/#gone',
          selector: [{ type: 'TextQuoteSelector', exact: 'Words gone' }],
        },
      },
    ]);
    await page.reload();
    await page.locator('.mn-item').nth(1).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export all as Markdown' }).click(),
    ]);
    const markdown = await downloadedText(download);
    const addresses: string[] = [];
    const walk = (node: { type: string; url?: string; value?: string; children?: unknown[] }) => {
      if (node.url !== undefined) addresses.push(node.url);
      if (node.type === 'html') addresses.push(`html: ${node.value}`);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(unified().use(remarkParse).parse(markdown) as never);
    expect(addresses).toEqual([`${env.site.url('/')}#${FIRST}`]);
    expect(markdown).toContain('(was on a page outside this edition, not linked)');
  }, 60_000);
});
