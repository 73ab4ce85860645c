import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * The build steps that finish what Astro wrote into dist/ (the policy narrowing, the search index, the
 * offline worker) run one after another, in the order of a list written once (kirov-reader.ts). When one
 * fails, Astro stops with exit 1 but leaves dist/ as it was: pages without their narrowed policy, search
 * index or offline worker, which a deploy script could publish. runBuildSteps therefore writes
 * dist/BUILD-INCOMPLETE.txt on a failure, which the site checks and the test server refuse, and says in
 * the error that the folder must not be deployed and which steps did not run. The next build empties
 * dist/, marker included.
 */

export const INCOMPLETE_FILE = 'BUILD-INCOMPLETE.txt';

export interface BuildStep {
  /** The step's short name, as its log lines are labelled and the benchmark times it: "kirov-pagefind". */
  label: string;
  /** What the step makes, as the error names it: "search index". */
  name: string;
  run: () => Promise<void> | void;
}

/**
 * Runs the steps in order on the build folder `dir`; `timed` hears how long each took. A failure marks
 * the folder as incomplete and stops with the step's error, naming the steps that did not run.
 */
export async function runBuildSteps(
  dir: string,
  steps: readonly BuildStep[],
  timed: (step: string, ms: number) => void = () => {},
): Promise<void> {
  for (const [index, step] of steps.entries()) {
    const start = performance.now();
    try {
      await step.run();
    } catch (error) {
      const inProject = relative(process.cwd(), dir);
      const shown = (inProject && !inProject.startsWith('..') ? inProject : dir).replace(/\/$/, '');
      const reason = error instanceof Error ? error.message : String(error);
      const after = steps.slice(index + 1).map((later) => later.name);
      const skipped =
        after.length > 0 ? `the steps after it (${after.join(', ')}) did not run` : 'it was the last step';
      const failed = `${step.name} (${step.label})`;
      writeFileSync(
        join(dir, INCOMPLETE_FILE),
        `This build is incomplete: the ${failed} step failed, and ${skipped}.\nDo not deploy this folder. Fix the problem below and run \`npm run build\` again.\n\n${reason}\n`,
      );
      throw new Error(
        `${reason}\n\n${shown}/ is incomplete: the ${failed} step failed and ${skipped}. Do not deploy it; ${shown}/${INCOMPLETE_FILE} says why. Fix the problem above and build again.`,
        { cause: error },
      );
    }
    timed(step.label, performance.now() - start);
  }
}
