import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The site's astro:build:done steps (the policy narrowing, the search index, the offline worker) finish
 * what Astro wrote into dist/. When one fails, Astro stops with exit 1 but leaves dist/ as it was: pages
 * without their narrowed policy, search index or offline worker, which a deploy script could publish.
 * Each step therefore runs through guardBuildStep: a failure writes dist/BUILD-INCOMPLETE.txt, which the
 * site checks and the test server refuse, and says in the error that the folder must not be deployed.
 * The next build empties dist/, marker included.
 */

export const INCOMPLETE_FILE = 'BUILD-INCOMPLETE.txt';

/** Wraps a build-done step so that its failure marks dist/ as incomplete and says so. */
export function guardBuildStep<Options extends { dir: URL }>(
  step: string,
  run: (options: Options) => Promise<void> | void,
): (options: Options) => Promise<void> {
  return async (options) => {
    try {
      await run(options);
    } catch (error) {
      const dir = fileURLToPath(options.dir);
      const inProject = relative(process.cwd(), dir);
      const shown = (inProject && !inProject.startsWith('..') ? inProject : dir).replace(/\/$/, '');
      const reason = error instanceof Error ? error.message : String(error);
      writeFileSync(
        join(dir, INCOMPLETE_FILE),
        `This build is incomplete: the ${step} step failed, and the steps after it did not run.\nDo not deploy this folder. Fix the problem below and run \`npm run build\` again.\n\n${reason}\n`,
      );
      throw new Error(
        `${reason}\n\n${shown}/ is incomplete: the ${step} step failed and the steps after it (search index, offline worker) did not run. Do not deploy it; ${shown}/${INCOMPLETE_FILE} says why. Fix the problem above and build again.`,
        { cause: error },
      );
    }
  };
}
