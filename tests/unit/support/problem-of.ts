import { ContentError, type ContentProblem } from '../../../src/lib/content-error.ts';

/** The problem a ContentError reports; fails the test if `run` succeeds or throws anything else. */
export function problemOf(run: () => unknown): ContentProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error.problem;
    throw error;
  }
  throw new Error('expected a ContentError');
}
