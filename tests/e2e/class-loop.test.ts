import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE } from '../../src/integrations/site-address.ts';
import { type HandIn, handInFile } from '../../src/lib/class/hand-in.ts';
import { type Packet, packetLink } from '../../src/lib/class/packet.ts';
import { layerLink } from '../../src/lib/reader-notes/class-layer.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { selectWords } from './support/paragraph-tools.ts';
import { decodeQr } from './support/qr-code.ts';
import { screenshot } from './support/screenshots.ts';

/*
 * The class loop in Chromium against the build, as a teacher and a class go through it: the teacher
 * makes a packet on My notes; a student opens its link on a phone, reads "Question 1 of 3", moves on
 * by keyboard, answers, gives a name once and hands in one file; the teacher drops the class's files
 * on the class view. With KIROV_SCREENSHOTS=1, screenshots of each step (class-loop-*.png) are saved for
 * a person to look at (support/screenshots.ts).
 */

const env = useSiteInBrowser();

const ID = 'urn:uuid:11111111-2222-4333-8444-555555555555';
const FIRST = 'zinoviev-and-kamenev-are-no-fools';
const SECOND = 'the-goal-of-the-maneuver-is';

function packet(): Packet {
  return {
    id: ID,
    title: 'Week 3: the Kirov essay',
    teacher: 'Ms Rivera',
    due: '2026-12-11',
    paragraphs: [SECOND, FIRST],
    questions: [
      {
        id: `${ID}#q1`,
        passage: SECOND,
        exact: 'The goal of the maneuver',
        page: '',
        text: 'What is the maneuver?',
      },
      { id: `${ID}#q2`, passage: SECOND, exact: 'terrorist act', page: '', text: 'Whose act was it?' },
      { id: `${ID}#q3`, passage: FIRST, exact: 'no fools', page: '', text: 'Why does Trotsky say so?' },
    ],
    questionsLeftOut: 0,
  };
}

/** The class layers kept on the page's device (IndexedDB), the reader's own left out. */
function classLayersOn(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('kirov-reader-notes');
        open.onupgradeneeded = () => open.result.createObjectStore('layers', { keyPath: 'id' });
        open.onsuccess = () => {
          const all = open.result.transaction('layers').objectStore('layers').getAll();
          all.onsuccess = () =>
            resolve((all.result as { id: string }[]).map((l) => l.id).filter((id) => id !== 'mine'));
        };
      }),
  );
}

/** What the tools' live region (the "no paragraph" notice's place) says. */
const notice = (page: Page) => page.locator('.pt-live').textContent();

describe('opening a class packet or class link', () => {
  const links: [string, () => Promise<string>][] = [
    [
      'a class link (#layer=)',
      () => layerLink(env.site.url('/'), { id: ID, title: 'Week 3', author: 'Ms Rivera', annotations: [] }),
    ],
    ['a packet link (#packet=)', () => packetLink(env.site.url('/'), packet())],
    ['a text fragment (#id:~:text=)', async () => `${env.site.url('/')}#${FIRST}:~:text=no%20fools`],
  ];
  for (const [kind, link] of links) {
    it(`shows no notice about ${kind}`, async () => {
      const page = await (await env.newContext({ width: 390, height: 844 })).newPage();
      await page.goto(await link());
      await page.locator('.pt-live').waitFor({ state: 'attached' });
      await page.waitForTimeout(500);
      expect(await notice(page)).not.toContain('No paragraph');
      expect(await notice(page)).not.toContain('=');
    });
  }

  it('says in one line that a cut-short packet link cannot be read, and keeps nothing', async () => {
    const whole = await packetLink(env.site.url('/'), packet());
    const page = await (await env.newContext({ width: 390, height: 844 })).newPage();
    await page.goto(whole.slice(0, whole.length - 40));
    const line = page.locator('.class-unreadable');
    await line.waitFor();
    expect(await line.textContent()).toBe(
      'This class packet link cannot be read (it is cut short or damaged): ask your teacher for the packet’s link again, or for its file.',
    );
    const box = await line.boundingBox();
    expect(box?.height).toBeLessThan(120);
    expect(await notice(page)).not.toContain('No paragraph');
    expect(await classLayersOn(page)).toEqual([]);
  });

  it('shows the packet’s title, its paragraphs in order and "Question 1 of 3", unfolded; Next and Previous by keyboard', async () => {
    const page = await (await env.newContext({ width: 390, height: 844 })).newPage();
    await page.goto(await packetLink(env.site.url('/'), packet()));
    const panel = page.locator('.class-panel');
    await panel.locator('.cp-count').waitFor();
    expect(await panel.locator('h2').textContent()).toBe('Week 3: the Kirov essay');
    expect(await panel.locator('.cp-meta').textContent()).toBe(
      'From Ms Rivera · due Friday, December 11, 2026',
    );
    expect(
      await page.locator('article .passage:not([hidden])').evaluateAll((ps) => ps.map((p) => p.id)),
    ).toEqual([SECOND, FIRST]);
    expect(await panel.locator('.cp-count').textContent()).toBe('Question 1 of 3');
    expect(await panel.locator('.cp-question').isVisible()).toBe(true);
    expect(await panel.locator('.cp-question').textContent()).toBe('What is the maneuver?');
    await panel.getByRole('button', { name: 'Next question' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.locator('.cp-count').textContent()).toBe('Question 2 of 3');
    expect(await panel.locator('.cp-question').textContent()).toBe('Whose act was it?');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => panel.locator('.cp-count').textContent()).toBe('Question 3 of 3');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => panel.locator('.cp-count').textContent()).toBe('Question 2 of 3');
    await screenshot(page, 'class-loop-student-question-390');
  });
});

describe('handing in', () => {
  it('asks the name once, and makes one file naming the student and the address the page was served from', async () => {
    const context = await env.newContext({ width: 390, height: 844, acceptDownloads: true });
    const page = await context.newPage();
    const link = await packetLink(env.site.url('/'), packet());
    await page.goto(link);
    const panel = page.locator('.class-panel');
    await panel.locator('#cp-answer').fill('Blaming the opposition for the murder.');
    await panel.getByRole('button', { name: 'Next question' }).click();
    await expect.poll(() => panel.locator('.cp-count').textContent()).toBe('Question 2 of 3');
    await panel.locator('#cp-answer').fill('Nikolaev’s.');
    await panel.getByRole('button', { name: 'Hand in' }).click();
    // The answer is kept on the device first: the status follows once that write has completed.
    await expect
      .poll(() => panel.locator('.cp-status').textContent())
      .toBe('Write your name first: your teacher sees it on your answers.');
    await panel.locator('#cp-name').fill('Ana Diaz');
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Hand in' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('answers-ana-diaz-week-3-the-kirov-essay.html');
    const html = readFileSync((await file.path()) ?? '', 'utf8');
    const json = JSON.parse(
      /<script type="application\/ld\+json" id="hand-in">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}',
    );
    expect(json.creator).toEqual({ type: 'Person', name: 'Ana Diaz' });
    const items = json.first.items as {
      inReplyTo: string;
      body: { value: string };
      target: { source: string };
      creator: unknown;
    }[];
    expect(items.map((a) => [a.inReplyTo, a.body.value, a.target.source])).toEqual([
      [`${ID}#q1`, 'Blaming the opposition for the murder.', `${env.site.url('/')}#${SECOND}`],
      [`${ID}#q2`, 'Nikolaev’s.', `${env.site.url('/')}#${SECOND}`],
    ]);
    expect(html).not.toContain(DEFAULT_SITE);
    expect(items.every((a) => JSON.stringify(a.creator) === JSON.stringify(json.creator))).toBe(true);
    await screenshot(page, 'class-loop-student-handed-in-390');
    // The name is kept: the next visit does not ask again.
    await page.reload();
    await page.locator('#cp-name').waitFor();
    expect(await page.locator('#cp-name').inputValue()).toBe('Ana Diaz');
    // Copy as text gives the readable answers.
    await page.getByRole('button', { name: 'Copy as text' }).click();
    await expect
      .poll(() => page.locator('.cp-status').textContent())
      .toBe('Your answers are copied as text: paste them where your teacher asked.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n').slice(3, 6)).toEqual([
      'Question 1 of 3: What is the maneuver?',
      'On the words: “The goal of the maneuver”',
      'Answer: Blaming the opposition for the murder.',
    ]);
  }, 60_000);
});

function handIn(student: string, handedIn: string, answers: string[], over: Partial<HandIn> = {}): string {
  const p = packet();
  return handInFile({
    student,
    handedIn,
    packet: { id: p.id, title: p.title, teacher: p.teacher },
    edition: 'Kirov Reader',
    questions: p.questions.map((q) => ({ id: q.id, text: q.text, exact: q.exact })),
    answers: answers.flatMap((text, i) =>
      text
        ? [
            {
              '@context': 'http://www.w3.org/ns/anno.jsonld' as const,
              id: `urn:uuid:00000000-0000-4000-8000-${student.length}0000000000${i}`,
              type: 'Annotation' as const,
              motivation: 'replying' as const,
              created: handedIn,
              inReplyTo: p.questions[i]?.id ?? '',
              body: { type: 'TextualBody' as const, value: text },
              target: {
                source: `${env.site.url('/')}#${p.questions[i]?.passage}`,
                selector: [{ type: 'TextQuoteSelector' as const, exact: p.questions[i]?.exact ?? '' }] as [
                  { type: 'TextQuoteSelector'; exact: string },
                ],
              },
            },
          ]
        : [],
    ),
    ...over,
  });
}

const asFile = (name: string, text: string) => ({ name, mimeType: 'text/html', buffer: Buffer.from(text) });

/** The class view's table as text: a row per student, a cell per question. */
function tableText(page: Page): Promise<string[][]> {
  return page
    .locator('.cv-table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.firstChild?.textContent ?? '').trim())),
    );
}

describe('the class view', () => {
  it('takes three files at once: three students by three questions; a second hand-in replaces the first; another packet is set aside', async () => {
    const page = await env.open('/class/', { width: 1280, height: 900, acceptDownloads: true });
    const input = page.locator('.cv-pick input');
    await input.setInputFiles([
      asFile('ana.html', handIn('Ana Diaz', '2026-12-07T10:00:00Z', ['first try', '', ''])),
      asFile('ben.html', handIn('Ben Ode', '2026-12-07T10:05:00Z', ['b1', 'b2', 'b3'])),
      asFile('cy.html', handIn('Cy Lam', '2026-12-07T10:06:00Z', ['', 'c2', ''])),
    ]);
    await page.locator('.cv-table').waitFor();
    expect(await tableText(page)).toEqual([
      ['Ana Diaz', 'first try', '—', '—'],
      ['Ben Ode', 'b1', 'b2', 'b3'],
      ['Cy Lam', '—', 'c2', '—'],
    ]);
    expect(await page.locator('.cv-table thead th').allTextContents()).toEqual([
      'Student',
      'Q1What is the maneuver?',
      'Q2Whose act was it?',
      'Q3Why does Trotsky say so?',
    ]);
    // Each answer opens at its words.
    expect(await page.locator('.cv-table tbody tr').first().locator('a').getAttribute('href')).toBe(
      `${env.site.url('/')}#${SECOND}:~:text=The%20goal%20of%20the%20maneuver`,
    );
    await screenshot(page, 'class-loop-teacher-class-view-1280', true);

    await input.setInputFiles([
      asFile('ana-again.html', handIn('Ana Diaz', '2026-12-07T11:00:00Z', ['second try', 'a2', 'a3'])),
      asFile(
        'week4.html',
        handIn('Dee Fox', '2026-12-07T11:00:00Z', ['x', '', ''], {
          packet: {
            id: 'urn:uuid:99999999-2222-4333-8444-555555555555',
            title: 'Week 4',
            teacher: 'Ms Rivera',
          },
        }),
      ),
    ]);
    await expect
      .poll(() => tableText(page))
      .toEqual([
        ['Ana Diaz', 'second try', 'a2', 'a3'],
        ['Ben Ode', 'b1', 'b2', 'b3'],
        ['Cy Lam', '—', 'c2', '—'],
      ]);
    expect(await page.locator('.cv-set-aside li').allTextContents()).toEqual([
      'week4.html: answers to another packet (“Week 4”, not “Week 3: the Kirov essay”)',
    ]);
    expect(await page.locator('.cv-live').textContent()).toBe(
      'Read 2 files: 1 replaced an earlier hand-in, 1 set aside (listed below the table).',
    );
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync((await (await download).path()) ?? '', 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      'Student,Handed in,Answered,Q1: What is the maneuver?,Q2: Whose act was it?,Q3: Why does Trotsky say so?',
    );
    expect(csv[1]).toBe('Ana Diaz,2026-12-07 11:00,3 of 3,second try,a2,a3');
    expect(csv).toHaveLength(5);
  });
});

describe('finding the tools', () => {
  for (const width of [390, 1280]) {
    it(`shows My notes in the header on the first screen at ${width} px`, async () => {
      const page = await env.open('/', { width, height: width === 390 ? 844 : 800 });
      const link = page.locator('header.site a', { hasText: 'My notes' });
      expect(await link.getAttribute('href')).toBe(new URL(env.site.url('/my-notes/')).pathname);
      const box = await link.boundingBox();
      expect(
        box && box.y + box.height <= (width === 390 ? 844 : 800) && box.x >= 0 && box.x + box.width <= width,
      ).toBe(true);
    });
  }
});

describe('the whole loop', () => {
  it('teacher makes a packet on My notes; its link and QR code open it on a phone', async () => {
    const page = await env.open('/my-notes/', { width: 1280, height: 900 });
    await page.locator('#mn-new-title').fill('Week 5');
    await page.locator('#mn-new-author').fill('Ms Rivera');
    await page.locator('button', { hasText: 'Make a class layer' }).click();
    await page.locator('label', { hasText: 'Class: Week 5 (Ms Rivera)' }).waitFor();
    await page.goto(env.site.url('/'));
    // The notes have started (their strip is after the text) before words are selected.
    await page.locator('.rn-strip').waitFor({ state: 'attached' });
    for (const [id, words, question] of [
      [FIRST, 'no fools', 'Why does Trotsky say they are no fools?'],
      [SECOND, 'terrorist act', 'Whose act?'],
    ] as const) {
      await selectWords(page, id, words);
      await page.locator('.rn-bar button', { hasText: 'Question for “Week 5”' }).click();
      await page.locator('reader-note textarea').fill(question);
      await page.locator('reader-note textarea').press('Control+Enter');
      await expect.poll(() => page.locator('reader-note textarea').count()).toBe(0);
    }
    await page.goto(env.site.url('/my-notes/'));
    await page.getByRole('button', { name: 'Make a packet of Week 5' }).click();
    await page.getByLabel('Due date (optional)').fill('2026-12-18');
    await page.getByRole('button', { name: 'Make the packet' }).click();
    const linkField = page.locator('.mn-packet-out input');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link.startsWith(`${env.site.url('/')}#packet=`)).toBe(true);
    const caption = await page.locator('.mn-packet-qr figcaption').textContent();
    expect(caption).toMatch(/^The QR code carries (the whole packet|the title and the 2 paragraphs only)/);
    const scanned = await decodeQr(page, '.mn-packet-qr svg');
    expect(scanned?.startsWith(`${env.site.url('/')}#packet=`)).toBe(true);
    expect(scanned?.length).toBeLessThanOrEqual(287);
    await page.locator('.mn-packet').scrollIntoViewIfNeeded();
    await screenshot(page, 'class-loop-teacher-packet-1280');

    const phone = await (await env.newContext({ width: 390, height: 844 })).newPage();
    await phone.goto(link);
    await phone.locator('.cp-count').waitFor();
    expect(await phone.locator('.class-panel h2').textContent()).toBe('Week 5');
    expect(await phone.locator('.cp-count').textContent()).toBe('Question 1 of 2');
    expect(await phone.locator('.cp-question').textContent()).toBe('Why does Trotsky say they are no fools?');
    expect(await phone.locator('.cp-meta').textContent()).toBe(
      'From Ms Rivera · due Friday, December 18, 2026',
    );
    await phone.locator('.class-panel').scrollIntoViewIfNeeded();
    await screenshot(phone, 'class-loop-student-packet-390');
    const fromQr = await (await env.newContext({ width: 390, height: 844 })).newPage();
    await fromQr.goto(scanned ?? '');
    await fromQr.locator('.class-panel h2').waitFor();
    expect(await fromQr.locator('.class-panel h2').textContent()).toBe('Week 5');
  }, 240_000);
});

describe('on a touch screen', () => {
  it('says once that selecting words makes a note, and puts Highlight and Note below the words as 44 px targets', async () => {
    const page = await env.open('/', { width: 390, height: 844, hasTouch: true, isMobile: true });
    const hint = page.locator('.select-hint');
    await hint.waitFor();
    expect(await hint.locator('p').textContent()).toBe(
      'Tip: press and hold on a word, drag to select the words you want, then choose Highlight or Note below them. Your notes stay on this device; find them under My notes.',
    );
    await selectWords(page, FIRST, 'no fools');
    const bar = page.locator('.rn-bar');
    await bar.waitFor();
    const words = await page.evaluate(() => {
      const rects = document.getSelection()?.getRangeAt(0).getClientRects();
      const last = rects?.[rects.length - 1];
      return last ? last.bottom : 0;
    });
    const barBox = await bar.boundingBox();
    expect(barBox && barBox.y >= words).toBe(true);
    for (const name of ['Highlight', 'Note']) {
      const box = await bar.getByRole('button', { name }).boundingBox();
      expect([Math.round(box?.width ?? 0) >= 44, Math.round(box?.height ?? 0) >= 44], name).toEqual([
        true,
        true,
      ]);
    }
    await hint.getByRole('button', { name: 'Got it' }).click();
    expect(await hint.count()).toBe(0);
    await page.reload();
    await page.locator('.passage').first().waitFor();
    await page.waitForTimeout(500);
    expect(await page.locator('.select-hint').count()).toBe(0);
  }, 60_000);
});
