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

/** The message of the error of class `kind` that `run` throws; fails the test otherwise. */
export function messageOf(run: () => unknown, kind: new (...args: never[]) => Error): string {
  try {
    run();
  } catch (error) {
    if (error instanceof kind) return error.message;
    throw error;
  }
  throw new Error(`expected a ${kind.name}`);
}
