import { defineConfig } from 'vitest/config';
import { ENGINES } from './tests/engines/drivers/engine.ts';
import SlowestFirst from './tests/support/slowest-first.ts';

// Three projects: `unit` needs nothing but Node (npm test); `site` reads the built site on disk,
// without a browser (npm run check:site, after a build); `e2e` drives Debian's Chromium against the
// built site (npm run test:e2e). The last two build dist/ first when it is missing, so that a bare
// `npx vitest` works on a fresh checkout.
export default defineConfig({
  test: {
    // The Chromium test files longest first, for when they run two at a time (CI).
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // The unit tests are pure functions and temp folders: they share one module cache per worker
          // instead of importing zod, yaml, unified and the stages again for every file (npm test
          // takes a third of the time). A file that changes module state must undo it; none mocks a
          // module (the search index step is given a stand-in for Pagefind instead).
          isolate: false,
          // One worker per core: Vitest's default leaves one core to itself, which on a 2-core machine
          // runs the files one at a time, though the slowest wait on the processes they start.
          maxWorkers: '100%',
          setupFiles: ['tests/unit/support/setup.ts'],
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          // The files read the build and change nothing: they share one module cache (html-validate,
          // hast) rather than import it again for each file, nearly half of the stage's time.
          isolate: false,
          globalSetup: ['tests/support/build-if-missing.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 30_000,
          // Starting Astro's preview server and Chromium, or building a fixture site, on a loaded machine.
          hookTimeout: 60_000,
          fileParallelism: false,
          // One worker runs every file in turn, keeping its modules (playwright-core, the edition's
          // readers) and its Chromium (support/built-site.ts): a fresh worker per file cost seconds
          // each. Each file still opens its own pages on fresh profiles, and none mocks a module or
          // changes global state.
          isolate: false,
          globalSetup: ['tests/support/build-if-missing.ts', 'tests/e2e/support/shared-site.ts'],
          // What a page does after an action is waited for by polling, never by a fixed sleep: 10 s
          // covers a loaded 2-core machine (the default, 1 s, does not), and a test may ask for more.
          expect: { poll: { timeout: 10_000, interval: 50 } },
        },
      },
      // The cross-engine suite (npm run test:engines): one source, tests/engines, run once per engine.
      ...ENGINES.map((engine) => ({
        test: {
          name: `engines-${engine}`,
          include: ['tests/engines/**/*.test.ts'],
          env: { KIROV_ENGINE: engine },
          // Each test opens a window on a fresh profile: in WebKit a new MiniBrowser, seconds on a loaded machine.
          testTimeout: 60_000,
          hookTimeout: 90_000,
          globalSetup: ['tests/support/build-if-missing.ts', 'tests/e2e/support/shared-site.ts'],
          expect: { poll: { timeout: 10_000, interval: 50 } },
        },
      })),
    ],
  },
});
