/*
 * What the parts of the My notes page share, as one object that my-notes-page.ts builds once and
 * passes to each: the edition as it is now, every layer on this device, each annotation with where
 * it is found again, and the ways to speak and to redraw the page.
 */
import type { EditionText, Placement } from '../../../lib/reader-notes/reanchor.ts';
import type { WebAnnotation } from '../../../lib/reader-notes/web-annotation.ts';
import { make } from '../make.ts';
import { OWN_LAYER, type StoredLayer } from '../store.ts';

/** A paragraph of /passages.json, named by its document's title and with its absolute URL. */
export interface PassageInfo {
  id: string;
  n: number;
  document: string;
  text: string;
  url: string;
}

/** An annotation of a layer, and where it is found again in the edition as it is now. */
export interface Entry {
  layer: StoredLayer;
  annotation: WebAnnotation;
  placement: Placement;
}

export interface MyNotes {
  /** The edition's title, which the Markdown export names. */
  readonly title: string;
  readonly passages: readonly PassageInfo[];
  readonly edition: EditionText;
  /** Every layer on this device, the reader's own first. */
  layers: StoredLayer[];
  /** Every annotation of every layer. */
  entries: Entry[];
  /** A message in the live region; it stays until the next. */
  readonly announce: (message: string) => void;
  /** Reads the layers again and redraws the page. */
  readonly refresh: () => Promise<void>;
}

export const layerName = (layer: StoredLayer): string =>
  layer.id === OWN_LAYER
    ? 'My notes'
    : `Class: ${layer.title}${layer.author ? ` (${layer.author})` : ''}${layer.from ? ` from a ${layer.from}${layer.from === 'link' && !layer.signer ? ', not signed' : ''}` : ''}`;

/** Orders entries as the text reads: by paragraph, then by the words' place in it; the unplaced last. */
export function inReadingOrder(passages: readonly PassageInfo[]): (a: Entry, b: Entry) => number {
  const order = new Map(passages.map((passage, i) => [passage.id, i]));
  const index = (entry: Entry) =>
    entry.placement.placed ? (order.get(entry.placement.passage) ?? -1) : Number.POSITIVE_INFINITY;
  const start = (entry: Entry) => (entry.placement.placed ? entry.placement.start : 0);
  return (a, b) => index(a) - index(b) || start(a) - start(b);
}

/** A form control after its label, which names it by its id. */
export function labelled(
  label: string,
  control: HTMLInputElement | HTMLSelectElement,
): [HTMLLabelElement, HTMLElement] {
  return [make('label', { htmlFor: control.id }, `${label} `), control];
}
