import { type CollectionEntry, getCollection } from 'astro:content';
import { TIMELINE_DIR } from '../lib/content-paths.ts';
import { checkPassageIds } from '../lib/timeline/check-passage-ids.ts';
import type { EventPassageLink } from '../lib/timeline/event-links.ts';
import { sortEvents } from '../lib/timeline/sort-events.ts';
import { loadEdition, sitePath } from './edition.ts';

/*
 * What the rail, the date marks, /timeline/ and /timeline.json read: the timeline collection in date
 * order, each event with links to its passages, checked against the edition once per build.
 */

export type TimelineEventEntry = CollectionEntry<'timeline'>;

export interface TimelineEvent extends Omit<TimelineEventEntry['data'], 'passages'> {
  id: string;
  /** Base-aware link to the event on /timeline/. */
  href: string;
  /** The passages it concerns, in the order the event file lists them. */
  passages: EventPassageLink[];
}

export interface Timeline {
  /** Every event, in date order. */
  events: TimelineEvent[];
  /** The events a passage is linked to, in date order (none for most passages). */
  eventsOf(passageId: string): readonly TimelineEvent[];
}

let cached: Promise<Timeline> | undefined;

/** Loads and cross-checks the timeline once per build. */
export function loadTimeline(): Promise<Timeline> {
  cached ??= assembleTimeline();
  return cached;
}

async function assembleTimeline(): Promise<Timeline> {
  const [edition, entries] = await Promise.all([loadEdition(), getCollection('timeline')]);
  const passages = new Map(
    edition.passages.map(({ entry, document, href }): [string, EventPassageLink] => [
      entry.id,
      { id: entry.id, n: entry.data.n, document: document.id, documentTitle: document.title, href },
    ]),
  );
  checkPassageIds(
    entries.map((entry) => ({
      file: entry.filePath ?? `${TIMELINE_DIR}/${entry.id}.yaml`,
      passages: entry.data.passages,
    })),
    new Set(passages.keys()),
    edition.retired,
  );
  const events = sortEvents(
    entries.map(
      (entry): TimelineEvent => ({
        ...entry.data,
        id: entry.id,
        href: `${sitePath('/timeline/')}#${entry.id}`,
        passages: entry.data.passages.flatMap((id) => {
          const link = passages.get(id);
          return link ? [link] : [];
        }),
      }),
    ),
  );
  const byPassage = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    for (const passage of event.passages)
      byPassage.set(passage.id, [...(byPassage.get(passage.id) ?? []), event]);
  }
  return { events, eventsOf: (passageId) => byPassage.get(passageId) ?? [] };
}
