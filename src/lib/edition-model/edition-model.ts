import { checkRelatedEvents } from '../annotations/check-related-events.ts';
import { type PlacedNote, placeNotes } from '../annotations/place-notes.ts';
import type { RehypeAnchorNotesOptions } from '../annotations/rehype-anchor-notes.ts';
import type { IdLock } from '../schema/ledger.ts';
import type { TimelineEventData } from '../schema/timeline.ts';
import { checkPassageIds } from '../timeline/check-passage-ids.ts';
import type { EventPassageLink } from '../timeline/event-links.ts';
import { formatPartialDate } from '../timeline/partial-date.ts';
import { sortEvents } from '../timeline/sort-events.ts';
import { assembleEdition, type ReaderEdition } from './assemble-edition.ts';
import type { EditionContent, IndexSource, PassageSource } from './read-content.ts';

/*
 * The edition as everything downstream reads it, assembled once from the content files
 * (read-content.ts): the passages in reading order with their links, the notes checked and numbered,
 * the timeline in date order with links to its passages, the index of names and the witness. It
 * reaches the content collections (which the pages read, each passage rendered with the notes it holds)
 * and the JSON exports through the virtual module of src/integrations/kirov-reader.ts, and the search
 * index is made from it in memory.
 * Pure: the reading is read-content.ts's, the wiring the integration's.
 */

export interface TimelineEvent extends Omit<TimelineEventData, 'passages'> {
  id: string;
  /** Base-aware link to the event on /timeline/. */
  href: string;
  /** The passages it concerns, in the order the event file lists them. */
  passages: EventPassageLink[];
}

export interface EditionModel {
  /** Changes when any content file does (read-content.ts). */
  version: string;
  edition: ReaderEdition<PassageSource>;
  /** Every note, checked and numbered, in edition order (documents in witness order, then reading order). */
  notes: PlacedNote[];
  timeline: {
    /** Every event, in date order. */
    events: TimelineEvent[];
    /** The events each passage is linked to, in date order; a passage with none is absent. */
    byPassage: ReadonlyMap<string, readonly TimelineEvent[]>;
    /** Each event's file, relative to the project root, by the event's id. */
    files: ReadonlyMap<string, string>;
  };
  /** The index of names and terms, in file-name order. */
  index: IndexSource[];
  witness: { file: string; text: string };
  /** The id lock as read (every id ever given, and where each retired one leads). */
  idLock: IdLock;
}

/**
 * Assembles the model and runs the checks that span files; `sitePath` gives the site-absolute link to a
 * path of the site, under the configured base.
 */
export function buildEditionModel(content: EditionContent, sitePath: (path: string) => string): EditionModel {
  const edition = assembleEdition({
    edition: content.edition,
    documents: content.documents.map((data, order) => ({ id: data.id, data: { ...data, order } })),
    passages: content.passages,
    ledger: content.ledger,
    idLock: content.idLock,
    sitePath,
  });

  const notes = placeNotes(
    content.annotations,
    edition.passages.map(({ entry, markdown }) => ({
      id: entry.id,
      document: entry.data.document,
      n: entry.data.n,
      file: entry.filePath,
      markdown,
    })),
    edition.retired,
  );
  checkRelatedEvents(
    notes,
    content.events.map((event) => event.id),
  );

  const links = new Map(
    edition.passages.map(({ entry, document, href }): [string, EventPassageLink] => [
      entry.id,
      { id: entry.id, n: entry.data.n, document: document.id, documentTitle: document.title, href },
    ]),
  );
  checkPassageIds(
    content.events.map((event) => ({ file: event.file, passages: event.data.passages })),
    new Set(links.keys()),
    edition.retired,
  );
  const events = sortEvents(
    content.events.map(
      (event): TimelineEvent => ({
        ...event.data,
        id: event.id,
        href: `${sitePath('/timeline/')}#${event.id}`,
        passages: event.data.passages.flatMap((id) => {
          const link = links.get(id);
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

  return {
    version: content.version,
    edition,
    notes,
    timeline: { events, byPassage, files: new Map(content.events.map((event) => [event.id, event.file])) },
    index: content.index,
    witness: content.witness,
    idLock: content.idLock,
  };
}

/**
 * What the Markdown processor's rehype plugin anchors in each passage: the notes, and each timeline event
 * a note relates to by its title and date ("Kirov assassinated in the Smolny, 1 December 1934").
 */
export function anchorNotesOptions(model: EditionModel, timelineHref: string): RehypeAnchorNotesOptions {
  return {
    notes: model.notes,
    timeline: {
      href: timelineHref,
      titles: Object.fromEntries(
        model.timeline.events.map((event) => [event.id, `${event.title}, ${formatPartialDate(event.date)}`]),
      ),
    },
  };
}
