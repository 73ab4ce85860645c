import type { WebAnnotation } from './web-annotation.ts';

/** The same note on the same words, whatever its id: imported twice from two exports, it is one note. */
function sameNoteKey(a: WebAnnotation): string {
  const [quote] = a.target.selector;
  return [
    a.motivation,
    a.target.source,
    quote.exact,
    quote.prefix ?? '',
    quote.suffix ?? '',
    a.body?.value ?? '',
  ].join('\u0000');
}

/** What an import will do, decided before anything is written, so that the reader can see it first. */
export interface ImportPlan {
  /** New annotations. */
  add: WebAnnotation[];
  /** Annotations kept here that a newer version (a later `modified`) replaces. */
  replace: WebAnnotation[];
  /** Annotations already here (the same id, not newer; or the same note on the same words). */
  skip: WebAnnotation[];
}

/**
 * Sorts imported annotations by what importing them does to those kept: one with an id already kept
 * is the same annotation (the newer `modified` replaces it), one with the same words and note is a
 * copy, skipped; the rest are added. Works by keys, so that ten thousand notes plan at once.
 */
export function planImport(kept: readonly WebAnnotation[], incoming: readonly WebAnnotation[]): ImportPlan {
  const byId = new Map(kept.map((annotation) => [annotation.id, annotation]));
  const notes = new Set(kept.map(sameNoteKey));
  /** Where an annotation added by this import stands in `plan.add`: the file may hold it twice. */
  const added = new Map<string, number>();
  const plan: ImportPlan = { add: [], replace: [], skip: [] };
  for (const annotation of incoming) {
    const existing = byId.get(annotation.id);
    const newer = (annotation.modified ?? '') > (existing?.modified ?? '');
    const at = added.get(annotation.id);
    if (at !== undefined) {
      if (newer) plan.add[at] = annotation;
      else plan.skip.push(annotation);
    } else if (existing) {
      if (newer) plan.replace.push(annotation);
      else plan.skip.push(annotation);
    } else if (notes.has(sameNoteKey(annotation))) {
      plan.skip.push(annotation);
    } else {
      added.set(annotation.id, plan.add.length);
      plan.add.push(annotation);
      notes.add(sameNoteKey(annotation));
    }
    if (!existing || newer) byId.set(annotation.id, annotation);
  }
  return plan;
}

/**
 * Adds imported annotations to those kept, without duplicates (see planImport). Returns the merged
 * list and how many were added, updated and already there.
 */
export function mergeAnnotations(
  kept: readonly WebAnnotation[],
  incoming: readonly WebAnnotation[],
): { annotations: WebAnnotation[]; added: number; updated: number; unchanged: number } {
  const plan = planImport(kept, incoming);
  const replaced = new Map(plan.replace.map((annotation) => [annotation.id, annotation]));
  const annotations = [...kept.map((annotation) => replaced.get(annotation.id) ?? annotation), ...plan.add];
  return {
    annotations,
    added: plan.add.length,
    updated: plan.replace.length,
    unchanged: plan.skip.length,
  };
}
