/**
 * npm run check:subpath — builds the site to be served from a sub-path (/kirov-reader/, as on a
 * project page) into a temporary folder, then runs the site checks and the browser tests of what
 * depends on the base path (search and its offline index, copy link and citations, the timeline's
 * links, the service worker) against that build. Nothing is written to dist/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = '/kirov-reader/';
const BROWSER_TESTS = [
  'tests/e2e/search.test.ts',
  'tests/e2e/classtools.test.ts',
  'tests/e2e/timeline.test.ts',
  'tests/e2e/offline.test.ts',
];

const folder = mkdtempSync(join(tmpdir(), 'kirov-subpath-'));
const env = {
  ...process.env,
  ASTRO_TELEMETRY_DISABLED: '1',
  KIROV_BASE: BASE,
  KIROV_DIST: join(folder, 'dist'),
  KIROV_CACHE_DIR: join(folder, 'cache'),
};
const steps: [string, string[]][] = [
  [`build with base ${BASE}`, ['astro', 'build', '--outDir', join(folder, 'dist')]],
  ['site checks', ['vitest', 'run', '--project', 'site']],
  ['browser tests', ['vitest', 'run', '--project', 'e2e', ...BROWSER_TESTS]],
];
let status = 0;
try {
  for (const [label, args] of steps) {
    console.log(`check:subpath: ${label}`);
    const run = spawnSync('npx', ['--no-install', ...args], { env, stdio: 'inherit' });
    if (run.status !== 0) {
      console.error(
        `check:subpath: ${label} failed (exit ${run.status ?? run.signal}); the build is in ${folder}`,
      );
      status = 1;
      break;
    }
  }
} finally {
  if (status === 0) rmSync(folder, { recursive: true, force: true });
}
process.exit(status);
