import { describe, expect, it } from 'vitest';
import { checkPassageIds } from '../../src/lib/timeline/check-passage-ids.ts';
import { sortEvents } from '../../src/lib/timeline/sort-events.ts';
import { editionContent, readTimelineEvents } from '../support/edition-files.ts';

// The edition's own event files, read and checked by the site's reader, so that a broken event is
// caught by `npm test` before anyone builds.
const events = readTimelineEvents().map(({ id, file, data }) => ({ id, file, ...data }));
const lock = editionContent().idLock;

describe('the edition’s timeline', () => {
  it('links every event only to live passages', () => {
    expect(() =>
      checkPassageIds(events, new Set(lock.passages.map((passage) => passage.id)), lock.retired),
    ).not.toThrow();
  });

  it('has the December 1934 events the essay dates to the day, each tied to passages', () => {
    const affair = sortEvents(events.filter((event) => !event.context)).map((event) => [
      event.date,
      event.id,
    ]);
    expect(affair).toEqual([
      ['1934-12-01', 'kirov-assassinated'],
      ['1934-12-02', 'pravda-prints-obituary'],
      ['1934-12-10', 'international-secretariat-circular'],
      ['1934-12-16', 'zinoviev-kamenev-arrested'],
      ['1934-12-25', 'le-temps-dispatch'],
      ['1934-12-28', 'nikolaev-tried-and-shot'],
    ]);
  });

  it('dates the context events the essay alludes to, from the birth of Kirov to the Secret Speech', () => {
    expect(events.length).toBeGreaterThanOrEqual(15);
    const first = sortEvents(events)[0];
    const last = sortEvents(events).at(-1);
    expect([first?.id, first?.date]).toEqual(['kirov-born', '1886-03-27']);
    expect([last?.id, last?.date]).toEqual(['khrushchev-secret-speech', '1956-02-25']);
  });

  it('names the essay itself as the source of the two events only the essay attests', () => {
    for (const id of ['international-secretariat-circular', 'le-temps-dispatch']) {
      const event = events.find((candidate) => candidate.id === id);
      expect(event?.source.text.startsWith('The essay itself')).toBe(true);
      expect(event?.source.url).toBe('https://www.marxists.org/archive/trotsky/1934/12/kirov.htm');
    }
  });
});
