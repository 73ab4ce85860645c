import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeLayer } from '../../src/lib/reader-notes/class-layer.ts';
import { ANNOTATION_CONTEXT } from '../../src/lib/reader-notes/model.ts';
import type { WebAnnotation } from '../../src/lib/reader-notes/web-annotation.ts';
import { essayAndObituary, passageNumbered, passagesOf, readAnnotationFiles } from './site.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { decodeQr } from './support/qr-code.ts';

/*
 * Present mode (/p/<id>/) on a classroom's projector: the paragraph and its notes as large as fit the
 * screen, the ←/→ bar, and a QR code that opens the paragraph at the address the site is served from
 * (never the one it was built for). Stepping through it with the keys, at one width, is in
 * classtools.test.ts, which the sub-path check runs.
 */

const env = useSiteInBrowser();

const essay = passagesOf(essayAndObituary().essay.id);
const idOf = (n: number) => passageNumbered(n).id;

describe('the address in present mode', () => {
  it('is what the QR code opens, on a build made without KIROV_SITE', async () => {
    const id = idOf(41);
    const page = await env.open(`/p/${id}/`, { width: 1280, height: 720 });
    const served = `${env.site.url('/')}#${id}`;
    const caption = page.locator('.present-qr figcaption a');
    await expect.poll(() => caption.textContent(), { timeout: 5000 }).toBe(served);
    await expect.poll(() => decodeQr(page, 'svg.qr-code'), { timeout: 5000 }).toBe(served);
  });
});

describe('present mode on a projector', () => {
  // 4:3 projectors (1024×768, 1400×1050), 16:9 (1280×720, 1920×1080); ¶ 1 has three notes, ¶ 4 and
  // the fourth from last were the ones whose ←/→ bar fell off the screen.
  const screens = [
    [1024, 768],
    [1280, 720],
    [1920, 1080],
    [1400, 1050],
  ] as const;
  const paragraphs = [1, 4, essay.length - 4];
  for (const [width, height] of screens) {
    it(`keeps the ←/→ bar and the QR code on a ${width}×${height} screen, at sizes read from the back`, async () => {
      const page = await (await env.newContext({ width, height })).newPage();
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

  it('finds no axe violations on a 1024×768 projector', async () => {
    const page = await env.open(`/p/${idOf(1)}/`, { width: 1024, height: 768 });
    const violations = await runAxe(page);
    expect(violations.length, formatViolations(violations)).toBe(0);
  });
});

/** The text's size, and whether the QR code and its switch are shown (the switch pressed while it is). */
const qrState = (page: Page) =>
  page.evaluate(() => {
    const qr = document.querySelector('svg.qr-code');
    const toggle = document.querySelector<HTMLButtonElement>('[data-qr-toggle]');
    return {
      qr: qr !== null && qr.getClientRects().length > 0,
      pressed: toggle?.getAttribute('aria-pressed') ?? null,
      text: Number.parseFloat(
        getComputedStyle(document.querySelector('.present-text p') as Element).fontSize,
      ),
    };
  });

describe('the QR code in present mode', () => {
  it('is put away with Q or its button, which the text then fills, and stays away on the next paragraph', async () => {
    const context = await env.newContext({ width: 1024, height: 768 });
    const page = await context.newPage();
    // ¶ 4, the longest paragraph: the one the QR code's column made smallest.
    await page.goto(env.site.url(`/p/${idOf(4)}/`));
    const toggle = page.getByRole('button', { name: 'QR code' });
    const shown = await qrState(page);
    expect(shown).toMatchObject({ qr: true, pressed: 'true' });
    await page.keyboard.press('q');
    const away = await qrState(page);
    expect(away).toMatchObject({ qr: false, pressed: 'false' });
    // The text takes the room the code leaves: larger (by how much depends on the notes under it).
    expect(shown.text).toBeGreaterThanOrEqual(24);
    expect(away.text).toBeGreaterThan(shown.text + 1);
    // Remembered: the next paragraph opens without it.
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(env.site.url(`/p/${idOf(5)}/`));
    expect(await qrState(page)).toMatchObject({ qr: false, pressed: 'false' });
    await toggle.click();
    expect(await qrState(page)).toMatchObject({ qr: true, pressed: 'true' });
    await page.reload();
    expect(await qrState(page)).toMatchObject({ qr: true, pressed: 'true' });
  });
});

describe('a note opened in present mode', () => {
  const annotated = [...new Set(readAnnotationFiles().map((note) => note.data.target.passage))];
  // ¶ 4, the longest paragraph with notes (both of them fit open at once), and ¶ 1, with three notes
  // (which do not all fit open at once: the column then shows the one opened last whole).
  for (const [n, allFit] of [
    [4, true],
    [1, false],
  ] as const) {
    it(`refits ¶ ${n} so that nothing is outside the 1280×720 screen with a note open`, async () => {
      expect(annotated).toContain(idOf(n));
      const page = await env.open(`/p/${idOf(n)}/`, { width: 1280, height: 720 });
      const summaries = page.locator('.present-notes summary');
      const count = await summaries.count();
      expect(count).toBeGreaterThan(0);
      const cut = () =>
        page.evaluate(() => {
          const column = document.querySelector('.present-col') as HTMLElement;
          const nav = (document.querySelector('.present-nav') as HTMLElement).getBoundingClientRect();
          const outside = [...column.querySelectorAll('p, summary, li, h1')]
            // What is shown: a closed note's text is laid out but hidden (content-visibility).
            .filter((element) => element.checkVisibility())
            .filter((element) => {
              const box = element.getBoundingClientRect();
              return box.top < 0 || box.bottom > nav.top + 1 || box.right > window.innerWidth;
            })
            .map((element) => (element.textContent ?? '').slice(0, 40));
          return { scrolls: column.scrollHeight > column.clientHeight + 1, outside };
        });
      for (let i = 0; i < count; i++) {
        await summaries.nth(i).click();
        // The text is fitted when the note has opened (its toggle event, a task later).
        await expect
          .poll(cut, { message: `note ${i + 1} of ${count} open` })
          .toEqual({ scrolls: false, outside: [] });
        await summaries.nth(i).click();
      }
      for (let i = 0; i < count; i++) await summaries.nth(i).click();
      if (allFit) {
        await expect
          .poll(cut, { message: `all ${count} notes open` })
          .toEqual({ scrolls: false, outside: [] });
      } else {
        const last = page.locator('.present-notes details').nth(count - 1);
        const whole = () =>
          last.evaluate((details) => {
            const box = details.getBoundingClientRect();
            const nav = (document.querySelector('.present-nav') as HTMLElement).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= nav.top + 1;
          });
        await expect.poll(whole, { message: 'the note opened last, shown whole' }).toBe(true);
      }
      // Closed again, the text is as large as before.
      for (let i = 0; i < count; i++) await summaries.nth(i).click();
      await expect.poll(async () => (await qrState(page)).text).toBeGreaterThanOrEqual(24);
    });
  }
});

describe("a class layer's questions in present mode", () => {
  it('shows them one at a time above the text, by A and the arrows, with nothing outside the screen', async () => {
    const passage = passageNumbered(4);
    const layerId = 'urn:uuid:5d1e2c3b-7a48-4f0e-9b6d-1c2a3e4f5a6b';
    const asked = ['Why does Trotsky call the conclusion one-sided?', 'What is primitive accumulation here?'];
    const words = [passage.text.split(' ').slice(1, 5).join(' '), 'primitive capitalist accumulation'];
    const questions: WebAnnotation[] = asked.map((question, i) => ({
      '@context': ANNOTATION_CONTEXT,
      id: `${layerId}#q${i + 1}`,
      type: 'Annotation',
      motivation: 'questioning',
      body: { type: 'TextualBody', value: question },
      target: {
        source: `${env.site.url('/')}#${passage.id}`,
        selector: [{ type: 'TextQuoteSelector', exact: words[i] ?? '' }],
      },
    }));
    const layer = await encodeLayer({
      id: layerId,
      title: 'Week 5',
      author: 'Ms Ortega',
      annotations: questions,
    });
    // The class link keeps the layer on this device; present mode then finds its questions there.
    const reader = await env.open(`/#layer=${layer}`, { width: 1280, height: 720 });
    await reader.locator('reader-note.rn-class').first().waitFor({ state: 'attached' });
    const page = await reader.context().newPage();
    await page.goto(env.site.url(`/p/${passage.id}/`));
    const toggle = page.locator('[data-questions-toggle]');
    await toggle.waitFor();
    expect(await toggle.textContent()).toBe('Questions (2) A');
    expect(await page.locator('.present-question').isVisible()).toBe(false);
    await page.keyboard.press('a');
    const count = page.locator('.present-question-count');
    expect(await count.textContent()).toBe('Question 1 of 2 · Week 5');
    expect(await page.locator('.present-question-text').textContent()).toBe(asked[0]);
    await page.keyboard.press('ArrowDown');
    expect(await count.textContent()).toBe('Question 2 of 2 · Week 5');
    expect(await page.locator('.present-question-text').textContent()).toBe(asked[1]);
    // Large type, read from the back of the room, and the question and the ←/→ bar on the screen (a
    // long paragraph scrolls under the question, as it does at that size without one).
    const size = await page
      .locator('.present-question-text')
      .evaluate((p) => Number.parseFloat(getComputedStyle(p).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    const outside = await page.evaluate(
      () =>
        ['.present-question', '.present-nav']
          .map((selector) => document.querySelector(selector)?.getBoundingClientRect())
          .filter((box) => !box || box.bottom > window.innerHeight + 1 || box.top < 0).length,
    );
    expect(outside).toBe(0);
    await page.keyboard.press('ArrowUp');
    expect(await count.textContent()).toBe('Question 1 of 2 · Week 5');
    await page.keyboard.press('a');
    expect(await page.locator('.present-question').isVisible()).toBe(false);
  });
});
