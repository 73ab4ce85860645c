import type { Page } from 'playwright-core';

/**
 * Waits until the site's service worker has installed and controls the page (it claims the page that
 * registered it), so that what it keeps is there when the network goes.
 */
export async function untilWorkerControls(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  });
}
