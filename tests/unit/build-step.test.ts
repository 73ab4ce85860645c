import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardBuildStep, INCOMPLETE_FILE } from '../../src/integrations/build-step.ts';
import { scratchDir } from './support/scratch-dir.ts';

const buildFolder = () => scratchDir('kirov-step-');

describe('guardBuildStep', () => {
  it('marks the build folder incomplete and says not to deploy it when a step fails', async () => {
    const dir = buildFolder();
    const step = guardBuildStep('search index (kirov-pagefind)', () => {
      throw new Error('kirov-pagefind: dist/passages.json is missing');
    });
    const failure = step({ dir: pathToFileURL(`${dir}/`) });
    await expect(failure).rejects.toThrow(
      `kirov-pagefind: dist/passages.json is missing\n\n${dir}/ is incomplete: the search index (kirov-pagefind) step failed and the steps after it (search index, offline worker) did not run. Do not deploy it; ${dir}/${INCOMPLETE_FILE} says why. Fix the problem above and build again.`,
    );
    expect(readFileSync(join(dir, INCOMPLETE_FILE), 'utf8')).toBe(
      'This build is incomplete: the search index (kirov-pagefind) step failed, and the steps after it did not run.\nDo not deploy this folder. Fix the problem below and run `npm run build` again.\n\nkirov-pagefind: dist/passages.json is missing\n',
    );
  });

  it('leaves a folder whose step succeeded as it is', async () => {
    const dir = buildFolder();
    await guardBuildStep('offline worker', () => {})({ dir: pathToFileURL(`${dir}/`) });
    expect(existsSync(join(dir, INCOMPLETE_FILE))).toBe(false);
  });
});
