import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/*
 * Screenshots for a person to look at (a layout, a colour scheme, a width), which no test asserts: taken
 * only with KIROV_SCREENSHOTS=1, under test-results/screenshots/, so that CI spends no time on them.
 */

/** Whether this run takes them (KIROV_SCREENSHOTS=1). */
export const screenshots = process.env.KIROV_SCREENSHOTS === '1';

/** Where they go. */
export const screenshotDir = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

/** Saves what `page` shows as `<name>.png` when this run takes screenshots; does nothing otherwise. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!screenshots) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}
