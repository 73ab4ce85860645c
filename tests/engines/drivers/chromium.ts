import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../e2e/site.ts';
import type { Engine, Tab } from './engine.ts';

/* Debian's Chromium through playwright-core, as the rest of the browser tests drive it. */

function tabOf(context: BrowserContext, page: Page): Tab {
  return {
    goto: async (url) => {
      await page.bringToFront();
      await page.goto(url);
    },
    reload: async () => {
      await page.reload();
    },
    url: async () => page.url(),
    // biome-ignore lint/suspicious/noExplicitAny: the interface's own signature stands for Playwright's
    evaluate: (fn, arg) => page.evaluate(fn as (a: any) => never, arg),
    click: (selector) => page.locator(selector).first().click(),
    type: (selector, text) => page.locator(selector).first().pressSequentially(text),
    press: (key) => page.keyboard.press(key === ' ' ? 'Space' : key),
    screenshot: async () => new Uint8Array(await page.screenshot()),
    close: () => context.close(),
  };
}

export async function launch(): Promise<Engine> {
  const browser: Browser = await launchChromium();
  return {
    name: 'chromium',
    async open(url, { width, height }) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(url);
      return tabOf(context, page);
    },
    close: () => browser.close(),
  };
}
