import { defineConfig } from 'vitest/config';

// Three projects: `unit` needs nothing but Node (npm test); `site` reads the built site on disk,
// without a browser (npm run check:site, after a build); `e2e` drives Debian's Chromium against the
// built site (npm run test:e2e).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { test: { name: 'site', include: ['tests/site/**/*.test.ts'] } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
