import { EditionContentError } from '../content-error.ts';
import type { RetiredId } from '../schema/ledger.ts';

/** What the cross-check needs to know of an event: where it is written and which passages it names. */
export interface EventPassageRefs {
  /** Path of the event file, relative to the project root, as the message prints it. */
  file: string;
  passages: readonly string[];
}

/**
 * Zod checks each event file on its own; this checks what spans files: every passage id an event names
 * must be a live passage. A retired id is named with its successor, since the fix is nearly always to
 * write the successor instead. Every problem is reported at once, one line each, and stops the build.
 */
export function checkPassageIds(
  events: readonly EventPassageRefs[],
  livePassageIds: ReadonlySet<string>,
  retired: readonly RetiredId[],
): void {
  const retiredById = new Map(retired.map((entry) => [entry.id, entry]));
  const problems = events.flatMap((event) =>
    event.passages.flatMap((id, index) => {
      if (livePassageIds.has(id)) return [];
      const where = `${event.file}: Unexpected`;
      const field = `in passages[${index}]`;
      const gone = retiredById.get(id);
      if (!gone) {
        return [
          `${where} passage id "${id}" ${field}, expected the id of a passage in content/passages/ (the part of a passage link after #); correct the id or remove it`,
        ];
      }
      return gone.reason === 'merged'
        ? [
            `${where} retired passage id "${id}" ${field}, expected a live passage id; it was merged into "${gone.successor}": replace it with "${gone.successor}"`,
          ]
        : [
            `${where} retired passage id "${id}" ${field}, expected a live passage id; it was removed and its successor is "${gone.successor}": replace it with "${gone.successor}" if that passage concerns the event, or remove it`,
          ];
    }),
  );
  if (problems.length > 0) throw new EditionContentError(problems.join('\n'));
}
