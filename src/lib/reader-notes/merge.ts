import type { WebAnnotation } from './web-annotation.ts';

/** The same note on the same words, whatever its id: imported twice from two exports, it is one note. */
function sameNote(a: WebAnnotation, b: WebAnnotation): boolean {
  const [qa] = a.target.selector;
  const [qb] = b.target.selector;
  return (
    a.motivation === b.motivation &&
    a.target.source === b.target.source &&
    qa.exact === qb.exact &&
    (qa.prefix ?? '') === (qb.prefix ?? '') &&
    (qa.suffix ?? '') === (qb.suffix ?? '') &&
    (a.body?.value ?? '') === (b.body?.value ?? '')
  );
}

/**
 * Adds imported annotations to those kept, without duplicates: one with an id already kept is the
 * same annotation (the newer `modified` wins), one with the same words and note is a copy.
 * Returns the merged list and how many were added, updated and already there.
 */
export function mergeAnnotations(
  kept: readonly WebAnnotation[],
  incoming: readonly WebAnnotation[],
): { annotations: WebAnnotation[]; added: number; updated: number; unchanged: number } {
  const annotations = [...kept];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const annotation of incoming) {
    const index = annotations.findIndex((a) => a.id === annotation.id);
    const existing = annotations[index];
    if (existing) {
      if ((annotation.modified ?? '') > (existing.modified ?? '')) {
        annotations[index] = annotation;
        updated++;
      } else {
        unchanged++;
      }
    } else if (annotations.some((a) => sameNote(a, annotation))) {
      unchanged++;
    } else {
      annotations.push(annotation);
      added++;
    }
  }
  return { annotations, added, updated, unchanged };
}
