import { describe, expect, it } from 'vitest';
import { essayAndObituary, passageNumbered, passagesOf } from './site.ts';
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
