/*
 * Drawing the notes on the page: each shown annotation found again in the text as it is now, its
 * words marked, and its note (a <reader-note>) beside them, laid out in the margin with the
 * edition's notes from 48rem.
 */
import { passageIdOf } from '../../lib/reader-notes/model.ts';
import { reanchor } from '../../lib/reader-notes/reanchor.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { unwrap, wrapRange } from './dom-text.ts';
import type { LayerStrip } from './layer-strip.ts';
import { make } from './make.ts';
import { noteElement } from './note-element.ts';
import { type NotesState, sourceOf } from './state.ts';
import { OWN_LAYER, type StoredLayer } from './store.ts';

/** Marks every shown annotation in the text and puts its note beside it. */
export function renderNotes(state: NotesState, strip: LayerStrip): void {
  const { main, passages } = state;
  unwrap(main.querySelectorAll<HTMLElement>('mark.rn-mark'));
  for (const note of main.querySelectorAll('reader-note')) note.remove();
  let count = 0;
  for (const layer of state.layers) {
    if (!layer.shown) continue;
    for (const annotation of [...layer.annotations]) {
      try {
        if (!belongsHere(state, annotation)) continue;
        const placement = reanchor(annotation, state.edition);
        if (!placement.placed) continue;
        const passage = passages.find((p) => p.id === placement.passage);
        if (!passage) continue;
        const own = layer.id === OWN_LAYER;
        const element = noteElement(state, layer, annotation);
        markWords(passage, placement.start, placement.end, annotation.id, own);
        passage.append(element);
        count++;
      } catch (error) {
        // A record that cannot be drawn is set aside (My notes lists it), never stops the others.
        setAside(layer, annotation, error as Error);
      }
    }
  }
  strip.show(count);
  state.place();
}

function setAside(layer: StoredLayer, annotation: WebAnnotation, error: Error): void {
  layer.annotations = layer.annotations.filter((a) => a !== annotation);
  let raw: string;
  try {
    raw = JSON.stringify(annotation, null, 2);
  } catch {
    raw = String(annotation);
  }
  layer.unreadable = layer.unreadable ?? [];
  layer.unreadable.push({
    key: String(annotation?.id),
    reason: `it could not be drawn (${error.message})`,
    raw,
  });
}

/** Marks the words of an annotation, own or a class layer's, between two offsets of its passage's text. */
export function markWords(passage: HTMLElement, start: number, end: number, id: string, own: boolean): void {
  const marks = wrapRange(passage, start, end, () =>
    make('mark', { className: own ? 'rn-mark rn-own' : 'rn-mark rn-class' }),
  );
  for (const mark of marks) mark.dataset.rn = id;
}

/** Ids given to the words of notes, which name them to the margin's layout. */
let marked = 0;

/**
 * Each note beside its words (from 48rem), laid out with the edition's notes by src/scripts/notes.ts:
 * a note names its words (the first mark of its annotation) in `data-margin-for`, and the
 * `margin:relayout` event places every item of the margin at once, so that none covers another.
 */
export function placeNotes({ main, wide }: NotesState): void {
  const notes = [...main.querySelectorAll<HTMLElement>('reader-note')];
  if (!wide.matches) {
    for (const note of notes) {
      note.style.top = '';
      delete note.dataset.marginFor;
    }
    return;
  }
  for (const note of notes) {
    const mark = main.querySelector<HTMLElement>(`mark[data-rn="${CSS.escape(note.dataset.rn ?? '')}"]`);
    if (!mark) continue;
    mark.id ||= `rn-words-${++marked}`;
    note.dataset.marginFor = mark.id;
  }
  document.dispatchEvent(new Event('margin:relayout'));
}

/**
 * Whether an annotation is on this page: its paragraph (or the retired id it names) is here, or its
 * URL is this page's. A note on another document's paragraph is never placed on words that
 * happen to be the same here; My notes lists it under its own document.
 */
function belongsHere({ passages, edition }: NotesState, annotation: WebAnnotation): boolean {
  const id = passageIdOf(annotation);
  if (passages.some((p) => p.id === id)) return true;
  const successor = edition.retired.find((entry) => entry.id === id)?.successor;
  if (successor !== undefined) return passages.some((p) => p.id === successor);
  return new URL(annotation.target.source).pathname === new URL(sourceOf('')).pathname;
}
