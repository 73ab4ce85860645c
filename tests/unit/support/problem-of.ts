import { ContentError, type ContentProblem } from '../../../src/lib/content-error.ts';

/** The error of class `kind` that `run` throws; fails the test if it succeeds or throws anything else. */
export function thrownBy<E extends Error>(run: () => unknown, kind: abstract new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected a ${kind.name}`);
}

/** The problem a ContentError reports. */
export const problemOf = (run: () => unknown): ContentProblem => thrownBy(run, ContentError).problem;
