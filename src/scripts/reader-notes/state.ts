/*
 * What the parts of the reader's notes on a document page share, as one object that
 * reader-notes-ui.ts builds once and passes to each: the page's passages and their text, the layers
 * on this device, and the ways to draw the notes again and to speak.
 */
import type { EditionText } from '../../lib/reader-notes/reanchor.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { OWN_LAYER, type StoredLayer } from './store.ts';

export interface NotesState {
  readonly main: HTMLElement;
  /** The page's passages, in reading order. */
  readonly passages: readonly HTMLElement[];
  /** Their text, and the retired ids that lead to them, for finding a note's words again. */
  readonly edition: EditionText;
  /** From 48rem the notes stand in the margin; below, folded under their paragraph. */
  readonly wide: MediaQueryList;
  /** Every layer on this device, the reader's own first. */
  layers: StoredLayer[];
  /**
   * Whether `layers` holds every note on the device. Until then it holds those of the paragraphs
   * in view, read first, and the count and the layers' switches wait.
   */
  loaded: boolean;
  /** Notes opened on a narrow screen, kept open across a new rendering. */
  readonly open: Set<string>;
  /** A message in the live region, with buttons (such as Undo) after it. */
  readonly announce: (message: string, ...actions: HTMLElement[]) => void;
  /**
   * Marks every shown annotation in the text and puts its note beside it (render-notes.ts): the
   * paragraphs whose notes changed, near the view or holding the annotation `focus` names, at once.
   */
  readonly render: (focus?: string) => void;
  /** Draws an annotation just added at the end of a layer, its paragraph alone when it can (render-notes.ts). */
  readonly added: (layer: StoredLayer, annotation: WebAnnotation) => void;
  /** Lays the margin out again, the notes with the edition's (render-notes.ts). */
  readonly place: () => void;
}

export function ownLayer({ layers }: NotesState): StoredLayer {
  const own = layers.find((layer) => layer.id === OWN_LAYER);
  if (!own) throw new Error('the reader’s own layer is missing');
  return own;
}

/**
 * The layer as the page holds it now: the layers are read again from the device at times (all of
 * them after those in view, or after another tab's change), and a note drawn before holds the
 * layer it was drawn from.
 */
export function currentLayer({ layers }: NotesState, layer: StoredLayer): StoredLayer {
  return layers.find((l) => l.id === layer.id) ?? layer;
}

/** The paragraph's permanent URL: the page's canonical address (the published site) and its anchor. */
export function sourceOf(id: string): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  return `${canonical ?? location.origin + location.pathname}#${id}`;
}
