import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/*
 * The order of the Chromium test files when they run two at a time (CI: `npm run test:e2e --
 * --fileParallelism --maxWorkers=2`): the longest first, so that the last files to start are short
 * and both workers end together. Vitest's own order on a fresh checkout goes by file size, which put
 * a11y.test.ts (short to read, a minute to run) last, alone on one worker for its whole run.
 *
 * The seconds are each file's time in a CI run on a 2-core machine, two files at a time; only the
 * order matters. A file not listed runs first, as Vitest runs first a file it has no time for.
 */
const SECONDS: Record<string, number> = {
  'classtools.test.ts': 103,
  'reader-notes.test.ts': 88,
  'notes.test.ts': 80,
  'timeline.test.ts': 69,
  'search.test.ts': 58,
  'a11y.test.ts': 51,
  'reader-notes-safety.test.ts': 45,
  'handout.test.ts': 38,
  'classtools-retired.test.ts': 32,
  'present-mode.test.ts': 31,
  'class-loop.test.ts': 28,
  'reader-notes-keeping.test.ts': 28,
  'reader.test.ts': 26,
  'reader-notes-many.test.ts': 22,
  'offline.test.ts': 22,
  'dev-server.test.ts': 16,
  'release-update.test.ts': 16,
  'citations.test.ts': 7,
  'link-names.test.ts': 6,
  'paragraph-tools-placement.test.ts': 6,
  'names.test.ts': 5,
  'about.test.ts': 5,
  'passages-json.test.ts': 2,
};

/** Vitest's order, with the Chromium test files longest first. */
export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const seconds = (spec: TestSpecification) => SECONDS[basename(spec.moduleId)] ?? Number.POSITIVE_INFINITY;
    // Stable: files of other projects, and two files of the same time (two not listed), keep Vitest's order.
    return sorted.toSorted((a, b) =>
      a.project.name === 'e2e' && b.project.name === 'e2e' ? Math.sign(seconds(b) - seconds(a)) || 0 : 0,
    );
  }
}
