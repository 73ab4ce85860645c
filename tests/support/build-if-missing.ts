import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { distDir } from './build-under-test.ts';

/*
 * The global setup of the site checks and the browser tests (vitest.config.ts): they read a built
 * site, so a bare `npx vitest` (or an editor's Vitest plugin) on a fresh checkout builds dist/ first,
 * as `npm run build` does, instead of failing. A build folder named by KIROV_DIST is never built here:
 * whoever names it builds it. An existing dist/ is used as it is; rebuild it after changing the site.
 */
export default function setup(): void {
  if (process.env.KIROV_DIST || existsSync(join(distDir, 'index.html'))) return;
  console.log('dist/ is missing: building the site first (npm run build)');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0)
    throw new Error('npm run build failed; the site checks and browser tests need a built site');
}
