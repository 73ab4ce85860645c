import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type KeyInput, type Page } from 'puppeteer-core';
import type { Engine, Tab } from './engine.ts';

/* Debian's Firefox ESR through puppeteer-core, which speaks WebDriver BiDi to it. */

const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

function tabOf(context: BrowserContext, page: Page): Tab {
  return {
    goto: async (url) => {
      // A window opened since this one took the front, and Firefox throttles a tab out of view
      // (no animation frames, slow timers) as it does for a reader.
      await page.bringToFront();
      await page.goto(url, { waitUntil: 'load' });
    },
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    url: async () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as (a: typeof arg) => never, arg as never),
    click: (selector) => page.locator(selector).click(),
    type: (selector, text) => page.type(selector, text),
    press: (key) => page.keyboard.press(key as KeyInput),
    screenshot: async () => new Uint8Array(await page.screenshot()),
    close: () => context.close(),
  };
}

export async function launch(): Promise<Engine> {
  if (!existsSync(firefoxPath)) {
    throw new Error(
      `Firefox not found at ${firefoxPath}; install it with \`apt-get install -y firefox-esr\` or set FIREFOX_PATH`,
    );
  }
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    timeout: 30_000,
    // Nothing that would fetch updates, telemetry or safe-browsing lists from another host.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  return {
    name: 'firefox',
    async open(url, { width, height }) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height });
      await page.goto(url, { waitUntil: 'load' });
      return tabOf(context, page);
    },
    close: () => browser.close(),
  };
}
