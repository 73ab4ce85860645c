import { describe, expect, it } from 'vitest';
import { timelineEventSchema } from '../../src/lib/schema/timeline.ts';

const valid = {
  date: '1934-12-01',
  precision: 'day',
  title: 'Kirov assassinated in the Smolny',
  summary: 'Leonid Nikolaev shot Sergei Kirov in the Smolny.',
  passages: ['the-goal-of-the-maneuver-is'],
  source: { text: 'A review of Lenoe', url: 'https://example.org/review' },
};

/** Each problem as "field: message", as Astro prints it under the file's name. */
function problemsOf(input: unknown): string[] {
  const result = timelineEventSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the timeline event schema', () => {
  it('accepts an event and fills in the defaults', () => {
    const event = timelineEventSchema.parse({ ...valid, passages: undefined, context: true });
    expect(event.passages).toEqual([]);
    expect(timelineEventSchema.parse(valid).context).toBe(false);
  });

  it.each([
    ['1934', 'year'],
    ['1934-12', 'month'],
    ['1934-12-01', 'day'],
    ['1936-02-29', 'day'],
  ])('accepts %s at %s precision', (date, precision) => {
    expect(problemsOf({ ...valid, date, precision })).toEqual([]);
  });

  it('rejects a date written to another precision than the one it declares, naming the field and the fix', () => {
    expect(problemsOf({ ...valid, date: '1934-12', precision: 'day' })).toEqual([
      'date: date "1934-12" is written to month precision but precision is day; write the date as "1934-12-01" or set precision: month',
    ]);
    expect(problemsOf({ ...valid, date: '1934-12-01', precision: 'year' })).toEqual([
      'date: date "1934-12-01" is written to day precision but precision is year; write the date as "1934" or set precision: day',
    ]);
  });

  it('rejects a day that is not in the calendar and a malformed date', () => {
    expect(problemsOf({ ...valid, date: '1934-02-30' })).toEqual([
      'date: date "1934-02-30" is not a real date written as "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
    ]);
    expect(problemsOf({ ...valid, date: '1 Dec 1934' })).toEqual([
      'date: date "1 Dec 1934" is not a real date written as "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
    ]);
  });

  it('asks for quotes when YAML has read the date as a timestamp or a number', () => {
    const quoteIt =
      'date: write the date in quotes, e.g. date: "1934-12-01" (unquoted, YAML reads it as a number or a timestamp)';
    expect(problemsOf({ ...valid, date: new Date('1934-12-01') })).toEqual([quoteIt]);
    expect(problemsOf({ ...valid, date: 1934, precision: 'year' })).toEqual([quoteIt]);
  });

  it('rejects an empty passages list unless the event is context', () => {
    expect(problemsOf({ ...valid, passages: [] })).toEqual([
      'passages: passages is empty; list the ids of the passages this event concerns, or set context: true for a background event that no passage refers to',
    ]);
    expect(problemsOf({ ...valid, passages: [], context: true })).toEqual([]);
  });

  it('rejects a passage listed twice and a passage id that is not an id', () => {
    expect(problemsOf({ ...valid, passages: ['a-passage', 'a-passage'] })).toEqual([
      'passages.1: passage "a-passage" is listed twice; list each passage once',
    ]);
    expect(problemsOf({ ...valid, passages: ['#a-passage'] })).toEqual([
      'passages.0: expected a passage id such as "zinoviev-and-kamenev-are-no-fools"',
    ]);
  });

  it('rejects an unknown precision, a long title, a two-paragraph summary and a misspelt field', () => {
    expect(problemsOf({ ...valid, precision: 'week' })).toEqual([
      'precision: expected precision: year, month or day',
    ]);
    expect(problemsOf({ ...valid, title: 'x'.repeat(61) })).toEqual([
      'title: keep the title to 60 characters, the width of the timeline rail',
    ]);
    expect(problemsOf({ ...valid, summary: 'One.\n\nTwo.' })).toEqual([
      'summary: keep the summary to one paragraph (no blank line)',
    ]);
    expect(problemsOf({ ...valid, passage: ['x'] })).toEqual([': Unrecognized key: "passage"']);
  });

  it('requires a source with text, and an http(s) URL when there is one', () => {
    expect(problemsOf({ ...valid, source: { text: ' ' } })).toEqual([
      'source.text: name the source in `text`',
    ]);
    expect(problemsOf({ ...valid, source: { text: 'A book', url: 'ftp://example.org/' } })).toEqual([
      'source.url: expected an absolute http(s) URL such as "https://en.wikipedia.org/wiki/Assassination_of_Sergei_Kirov" (other schemes, such as javascript: or data:, are refused)',
    ]);
    expect(problemsOf({ ...valid, source: { text: 'A book' } })).toEqual([]);
  });
});
