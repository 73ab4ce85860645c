import { describe, expect, it } from 'vitest';
import { formatPartialDate, precisionOf } from '../../src/lib/timeline/partial-date.ts';
import { sortEvents } from '../../src/lib/timeline/sort-events.ts';

describe('formatPartialDate', () => {
  it.each([
    ['1934', 'long', '1934'],
    ['1934-12', 'long', 'December 1934'],
    ['1934-12-01', 'long', '1 December 1934'],
    ['1886-03-27', 'long', '27 March 1886'],
    ['1934', 'short', '1934'],
    ['1934-12', 'short', 'Dec 1934'],
    ['1934-12-01', 'short', '1 Dec 1934'],
    ['1934-09-18', 'short', '18 Sep 1934'],
  ] as const)('shows %s (%s) as “%s”', (date, style, shown) => {
    expect(formatPartialDate(date, style)).toBe(shown);
  });

  it('refuses a date it cannot show rather than guessing', () => {
    expect(() => formatPartialDate('1934-13')).toThrow(
      'Unexpected date "1934-13", expected YYYY, YYYY-MM or YYYY-MM-DD',
    );
  });
});

describe('precisionOf', () => {
  it.each([
    ['1934', 'year'],
    ['1934-12', 'month'],
    ['1934-12-31', 'day'],
    ['2000-02-29', 'day'],
    ['1900-02-29', null],
    ['1934-04-31', null],
    ['1934-00', null],
    ['34-12-01', null],
    ['1934-12-01T00:00', null],
  ])('%s → %s', (date, precision) => {
    expect(precisionOf(date)).toBe(precision);
  });
});

describe('sortEvents', () => {
  it('puts events in date order, a year or a month before the days within it, and same-day events by id', () => {
    const events = [
      { id: 'trial', date: '1935-01-15' },
      { id: 'workers-party', date: '1934-12-02' },
      { id: 'assassination', date: '1934-12-01' },
      { id: 'essay-written', date: '1934-12' },
      { id: 'obituary', date: '1934-12-02' },
      { id: 'committee', date: '1925' },
      { id: 'austria', date: '1934-02-12' },
      { id: 'year-of-the-affair', date: '1934' },
    ];
    expect(sortEvents(events).map((event) => event.id)).toEqual([
      'committee',
      'year-of-the-affair',
      'austria',
      'essay-written',
      'assassination',
      'obituary',
      'workers-party',
      'trial',
    ]);
  });

  it('leaves its input as it was', () => {
    const events = [
      { id: 'b', date: '1935' },
      { id: 'a', date: '1934' },
    ];
    sortEvents(events);
    expect(events.map((event) => event.id)).toEqual(['b', 'a']);
  });
});
