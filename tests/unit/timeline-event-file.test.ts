import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEventFile } from '../../src/lib/timeline/parse-event-file.ts';
import { problemOf } from './support/problem-of.ts';

const FILE = 'content/timeline/anglo-russian-committee-ends.yaml';

describe('parseEventFile', () => {
  it('reads an event of the edition as the timeline collection does', () => {
    expect(parseEventFile(readFileSync(FILE, 'utf8'), FILE)).toMatchObject({
      date: '1927-09',
      precision: 'month',
      title: 'Anglo-Russian Committee collapses',
    });
  });

  it('refuses a title over 60 characters at its line and column, not at 0:0', () => {
    const source = readFileSync(FILE, 'utf8').replace(
      'title: Anglo-Russian Committee collapses',
      `title: Anglo-Russian Committee collapses${' and so on'.repeat(4)}`,
    );
    expect(problemOf(() => parseEventFile(source, FILE))).toEqual({
      file: FILE,
      line: 3,
      column: 8,
      rule: 'timeline-schema',
      message: 'Unexpected value at `title`: keep the title to 60 characters, the width of the timeline rail',
      fix: 'compare the file with the schema in src/lib/schema/timeline.ts, where every field is documented',
    });
  });

  it('refuses a YAML syntax error at its line', () => {
    const problem = problemOf(() => parseEventFile('date: "1934"\ntitle: [unclosed\n', FILE));
    expect([problem.rule, problem.line]).toEqual(['yaml-syntax', 3]);
  });
});
