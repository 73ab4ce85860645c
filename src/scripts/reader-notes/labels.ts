import type { Motivation } from '../../lib/reader-notes/model.ts';
import { OWN_LAYER, type StoredLayer } from './store.ts';

/** What each kind of annotation is called in a label. */
export const KIND: Record<Motivation, string> = {
  highlighting: 'highlight',
  commenting: 'note',
  questioning: 'question',
  replying: 'answer',
};

/** A note's label: "Your note" for the reader's own, "Week 3: question" for a class layer's. */
export function noteLabel(layer: StoredLayer, motivation: Motivation): string {
  return layer.id === OWN_LAYER ? `Your ${KIND[motivation]}` : `${layer.title}: ${KIND[motivation]}`;
}
