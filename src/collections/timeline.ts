import model from 'virtual:kirov-reader/edition';
import type { TimelineEvent } from '../lib/edition-model/edition-model.ts';

/*
 * What the rail, the date marks, /timeline/ and /timeline.json read: the model's timeline in date order,
 * each event with links to its passages, checked against the edition once per build.
 */

export type { TimelineEvent } from '../lib/edition-model/edition-model.ts';

export interface Timeline {
  /** Every event, in date order. */
  events: TimelineEvent[];
  /** The events a passage is linked to, in date order (none for most passages). */
  eventsOf(passageId: string): readonly TimelineEvent[];
}

/** The timeline, in date order and checked against the edition. */
export async function loadTimeline(): Promise<Timeline> {
  const { events, byPassage } = model.timeline;
  return { events, eventsOf: (passageId) => byPassage.get(passageId) ?? [] };
}
