/**
 * npm run check:subpath — builds the site to be served from a sub-path (/kirov-reader/, as on a
 * project page) into a temporary folder, then runs the site checks (every link and resource of every
 * page resolves under the base) and, in Chromium, the cross-engine suite: the reader's core tasks, each
 * of which leans on the base path (search and landing on a result, a paragraph's link, a highlight in
 * My notes, reading and searching offline through the service worker, a class link). Nothing is
 * written to dist/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = '/kirov-reader/';

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
  // One run of Vitest for both: each start of it costs seconds.
  ['site checks and browser tests', ['vitest', 'run', '--project', 'site', '--project', 'engines-chromium']],
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
