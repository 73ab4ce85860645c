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

/**
 * The one problem a command printed on stderr (`ingest: file:line:column: message [rule]` and `  fix: …`
 * on the next line), for the tests that assert it by its file, position and rule id rather than by its
 * whole wording.
 */
export function printedProblem(stderr: string): ContentProblem {
  const match = /^(?:[a-z-]+: )?(.+?):(\d+):(\d+): (.*) \[([a-z0-9-]+)\]\n {2}fix: (.*?)\n?$/su.exec(stderr);
  if (!match) throw new Error(`expected one problem on stderr, got:\n${stderr}`);
  const [, file = '', line, column, message = '', rule = '', fix = ''] = match;
  return { file, line: Number(line), column: Number(column), message, rule, fix };
}
