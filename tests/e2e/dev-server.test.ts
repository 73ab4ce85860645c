import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject } from '../../scripts/lib/project-copy.ts';
import { launchChromium } from './site.ts';

/*
 * The editor's dev server (`npm run dev`), run on a copy of the project so that the test can edit a
 * note: search answers, and an edited note shows on the page without a restart.
 */

const root = new URL('../../', import.meta.url).pathname;
const NOTE = 'content/annotations/amalgam.md';
let project = '';
let server: ChildProcess | undefined;
let origin = '';
let browser: Browser;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  project = join(mkdtempSync(join(tmpdir(), 'kirov-dev-')), 'project');
  copyProject(project);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(
    join(root, 'node_modules/.bin/astro'),
    ['dev', '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: project,
      // As an editor starts it: without the test runner's variables (with VITEST set, Astro's dev server
      // answers every page with its error page).
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV'),
        ),
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the dev server did not start in 45 s:\n${log}`)),
      45_000,
    );
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('watching for file changes')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server?.stdout?.on('data', read);
    server?.stderr?.on('data', read);
    server?.once('exit', (code) => reject(new Error(`the dev server stopped (${code}):\n${log}`)));
  });
  browser = await launchChromium('shell');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  rmSync(join(project, '..'), { recursive: true, force: true });
});

describe('the dev server', () => {
  it('answers a search from an index built from the edition', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.getByRole('combobox', { name: 'Search the edition' }).fill('Zinoviev');
    await expect
      .poll(() => page.locator('.search-status').textContent(), { timeout: 30_000 })
      .toMatch(/^\d+ results for “Zinoviev”/u);
    expect(await page.locator('.search-list > li a').first().textContent()).toMatch(/^¶ \d+/u);
    await page.close();
  }, 60_000);

  it('shows an edited note on the page without a restart', async () => {
    const file = join(project, NOTE);
    const added = 'A sentence added while the dev server runs.';
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()} ${added}\n`);
    await expect
      .poll(async () => (await fetch(`${origin}/`)).text(), { timeout: 30_000, interval: 1000 })
      .toContain(added);
  }, 60_000);
});
