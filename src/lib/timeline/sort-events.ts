/**
 * Events in date order. An ISO prefix sorts before every longer date it starts ("1934" before
 * "1934-02-12"), so an event known only to its year or month comes first within that year or month;
 * events on the same date keep a fixed order by id, so that the rail never reshuffles between builds.
 */
export function sortEvents<Event extends { id: string; date: string }>(events: readonly Event[]): Event[] {
  return events.toSorted((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
}

// Code-unit order, not localeCompare: ISO dates and ids are ASCII, and the order must not depend on
// the locale of the machine that builds the site.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
