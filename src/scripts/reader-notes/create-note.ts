/*
 * Selected words made into an annotation: a highlight is kept at once; a note (or a teacher's
 * question, in a class layer) is written first in a draft beside the words, and kept only when saved.
 * The reader's own annotations carry the quote with its context; a class layer's, only as much
 * context as tells the words apart in their paragraph, so that twenty notes fit in a link.
 */
import { describeQuote, describeQuoteBriefly } from '../../lib/reader-notes/describe-quote.ts';
import { ANNOTATION_CONTEXT, type Motivation } from '../../lib/reader-notes/model.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { passageTextOf, unwrap } from './dom-text.ts';
import { noteLabel } from './labels.ts';
import { newLayerNoteId, newUrn, noteButton } from './make.ts';
import { focusNote } from './note-actions.ts';
import { openEditor } from './note-editor.ts';
import { readerNote } from './reader-note.ts';
import { markWords } from './render-notes.ts';
import { currentLayer, type NotesState, sourceOf } from './state.ts';
import { OWN_LAYER, type StoredLayer, saveNote } from './store.ts';

/** Words selected in a passage, as offsets in its text. */
export interface Selected {
  passage: HTMLElement;
  start: number;
  end: number;
}

export async function createNote(
  state: NotesState,
  selected: Selected,
  motivation: Motivation,
  layer: StoredLayer,
): Promise<void> {
  const { text } = passageTextOf(selected.passage);
  const own = layer.id === OWN_LAYER;
  const now = new Date().toISOString();
  const annotation: WebAnnotation = {
    '@context': ANNOTATION_CONTEXT,
    id: own ? newUrn() : newLayerNoteId(layer.id),
    type: 'Annotation',
    motivation,
    ...(own && { created: now }),
    target: {
      source: sourceOf(selected.passage.id),
      selector: own
        ? describeQuote(text, selected.start, selected.end)
        : describeQuoteBriefly(text, selected.start, selected.end),
    },
  };
  if (motivation === 'highlighting') {
    await keepHighlight(state, layer, annotation);
    return;
  }
  const draft = readerNote(annotation.id, own);
  markWords(selected.passage, selected.start, selected.end, annotation.id, own);
  selected.passage.append(draft);
  state.place();
  openEditor(draft, noteLabel(layer, motivation), '', state.place, async (value) => {
    if (value === null) {
      draft.remove();
      unwrap(selected.passage.querySelectorAll<HTMLElement>(`mark[data-rn="${CSS.escape(annotation.id)}"]`));
      state.place();
      return;
    }
    const made: WebAnnotation = { ...annotation, body: { type: 'TextualBody', value } };
    // Throws when the device did not keep it: the editor stays open with the text, and says so.
    await saveNote(layer, made);
    currentLayer(state, layer).annotations.push(made);
    state.announce('Note saved on this device.');
    focusNote(state, annotation.id);
  });
}

/** Keeps a highlight, drawn once the device has kept it; when it did not, says so with Retry. */
async function keepHighlight(
  state: NotesState,
  layer: StoredLayer,
  annotation: WebAnnotation,
): Promise<void> {
  try {
    await saveNote(layer, annotation);
  } catch (error) {
    const retry = noteButton('Retry', 'Retry saving the highlight');
    retry.addEventListener('click', () => keepHighlight(state, layer, annotation), { once: true });
    state.announce(`Your highlight was not saved: ${(error as Error).message}.`, retry);
    return;
  }
  const now = currentLayer(state, layer);
  if (!now.annotations.some((a) => a.id === annotation.id)) now.annotations.push(annotation);
  state.added(now, annotation);
  state.announce('Highlighted. Kept on this device only.');
  state.main
    .querySelector<HTMLElement>(`reader-note[data-rn="${CSS.escape(annotation.id)}"] button`)
    ?.focus();
}
