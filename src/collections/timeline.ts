import { getCollection } from 'astro:content';
import type { TimelineEvent } from '../lib/edition-model/edition-model.ts';
import type { EventPassageLink } from '../lib/timeline/event-links.ts';
import { loadEdition } from './edition.ts';

/*
 * What the rail, the date marks and /timeline/ read: the timeline collection, in the date order the
 * edition model put it in and checked against the edition once, each event with links to its passages.
 */

export type { TimelineEvent } from '../lib/edition-model/edition-model.ts';

export interface Timeline {
  /** Every event, in date order. */
  events: TimelineEvent[];
  /** The events a passage is linked to, in date order (none for most passages). */
  eventsOf(passageId: string): readonly TimelineEvent[];
}

let cached: Promise<Timeline> | undefined;

/** The timeline, in date order, from its collection (once per build). */
export function loadTimeline(): Promise<Timeline> {
  cached ??= Promise.all([loadEdition(), getCollection('timeline')]).then(([edition, entries]) => {
    const links = new Map(
      edition.passages.map(({ entry, document, href }): [string, EventPassageLink] => [
        entry.id,
        { id: entry.id, n: entry.data.n, document: document.id, documentTitle: document.title, href },
      ]),
    );
    const events = entries
      .toSorted((a, b) => a.data.order - b.data.order)
      .map(({ id, data }): TimelineEvent => {
        const { order: _order, passages, ...event } = data;
        return { ...event, id, passages: passages.flatMap((passage) => links.get(passage) ?? []) };
      });
    const byPassage = new Map<string, TimelineEvent[]>();
    for (const event of events) {
      for (const passage of event.passages)
        byPassage.set(passage.id, [...(byPassage.get(passage.id) ?? []), event]);
    }
    return { events, eventsOf: (passageId) => byPassage.get(passageId) ?? [] };
  });
  return cached;
}
