import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCOMPLETE_FILE, runBuildSteps } from '../../src/integrations/build-step.ts';
import { scratchDir } from './support/scratch-dir.ts';

const buildFolder = () => scratchDir('kirov-step-');

describe('runBuildSteps', () => {
  it('runs the steps in order and, when one fails, marks the folder incomplete, naming the steps not run', async () => {
    const dir = buildFolder();
    const ran: string[] = [];
    const failure = runBuildSteps(dir, [
      { label: 'kirov-csp', name: 'Content-Security-Policy', run: () => void ran.push('csp') },
      {
        label: 'kirov-pagefind',
        name: 'search index',
        run: () => {
          throw new Error('kirov-pagefind: indexing /#one failed');
        },
      },
      { label: 'kirov-service-worker', name: 'offline worker', run: () => void ran.push('worker') },
    ]);
    await expect(failure).rejects.toThrow(
      `kirov-pagefind: indexing /#one failed\n\n${dir}/ is incomplete: the search index (kirov-pagefind) step failed and the steps after it (offline worker) did not run. Do not deploy it; ${dir}/${INCOMPLETE_FILE} says why. Fix the problem above and build again.`,
    );
    expect(ran).toEqual(['csp']);
    expect(readFileSync(join(dir, INCOMPLETE_FILE), 'utf8')).toBe(
      'This build is incomplete: the search index (kirov-pagefind) step failed, and the steps after it (offline worker) did not run.\nDo not deploy this folder. Fix the problem below and run `npm run build` again.\n\nkirov-pagefind: indexing /#one failed\n',
    );
  });

  it('leaves a folder whose steps succeeded as it is, and times each step', async () => {
    const dir = buildFolder();
    const timed: string[] = [];
    await runBuildSteps(
      dir,
      [
        { label: 'one', name: 'first', run: () => {} },
        { label: 'two', name: 'second', run: async () => {} },
      ],
      (step, ms) => timed.push(`${step} ${ms >= 0}`),
    );
    expect(existsSync(join(dir, INCOMPLETE_FILE))).toBe(false);
    expect(timed).toEqual(['one true', 'two true']);
  });
});
