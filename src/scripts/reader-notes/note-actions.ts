/*
 * What a reader does to a note already made: edit its text, delete it (with Undo), answer a class
 * layer's question with a note of their own; and the focus that follows, on the note itself.
 */
import { ANNOTATION_CONTEXT } from '../../lib/reader-notes/model.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { KIND } from './labels.ts';
import { newUrn, noteButton } from './make.ts';
import { openEditor } from './note-editor.ts';
import { readerNote } from './reader-note.ts';
import { currentLayer, type NotesState, ownLayer } from './state.ts';
import { deleteNote, type StoredLayer, saveNote } from './store.ts';

export function editNote(
  state: NotesState,
  element: HTMLElement,
  drawnFrom: StoredLayer,
  annotation: WebAnnotation,
): void {
  openEditor(
    element,
    `Edit your ${KIND[annotation.motivation]}`,
    annotation.body?.value ?? '',
    state.place,
    async (value) => {
      if (value !== null) {
        const changed: WebAnnotation = {
          ...annotation,
          body: { type: 'TextualBody', value },
          modified: new Date().toISOString(),
        };
        await saveNote(currentLayer(state, drawnFrom), changed);
        const layer = currentLayer(state, drawnFrom);
        const index = layer.annotations.findIndex((a) => a.id === annotation.id);
        if (index === -1) layer.annotations.push(changed);
        else layer.annotations[index] = changed;
        state.announce('Note saved on this device.');
      }
      focusNote(state, annotation.id);
    },
  );
}

export async function removeNote(
  state: NotesState,
  drawnFrom: StoredLayer,
  annotation: WebAnnotation,
): Promise<void> {
  const layer = currentLayer(state, drawnFrom);
  const index = layer.annotations.findIndex((a) => a.id === annotation.id);
  if (index === -1) return;
  try {
    await deleteNote(layer.id, annotation.id);
  } catch (error) {
    state.announce(`Your ${KIND[annotation.motivation]} was not deleted: ${(error as Error).message}.`);
    return;
  }
  const now = currentLayer(state, layer);
  const at = now.annotations.findIndex((a) => a.id === annotation.id);
  if (at !== -1) now.annotations.splice(at, 1);
  state.render();
  // Undo puts the same record back under the same key: pressed twice, or after the note came back
  // another way, it changes nothing. It stays offered after the next message (announcer.ts).
  const undo = noteButton(
    'Undo',
    `Undo: restore your ${KIND[annotation.motivation]} on “${annotation.target.selector[0].exact.slice(0, 40)}”`,
  );
  undo.dataset.keep = '';
  undo.addEventListener('click', async () => {
    undo.disabled = true;
    try {
      await saveNote(layer, annotation);
    } catch (error) {
      undo.disabled = false;
      state.announce(
        `Your ${KIND[annotation.motivation]} was not restored: ${(error as Error).message}.`,
        undo,
      );
      return;
    }
    undo.remove();
    const back = currentLayer(state, layer);
    if (!back.annotations.some((a) => a.id === annotation.id))
      back.annotations.splice(Math.min(index, back.annotations.length), 0, annotation);
    state.announce('Restored.');
    focusNote(state, annotation.id);
  });
  state.announce(`Deleted your ${KIND[annotation.motivation]}.`, undo);
  undo.focus();
}

/** A personal answer to a class layer's question, on the question's words. */
export function answerQuestion(state: NotesState, question: WebAnnotation): void {
  const own = ownLayer(state);
  const annotation: WebAnnotation = {
    '@context': ANNOTATION_CONTEXT,
    id: newUrn(),
    type: 'Annotation',
    motivation: 'replying',
    created: new Date().toISOString(),
    inReplyTo: question.id,
    target: question.target,
  };
  const element = state.main.querySelector<HTMLElement>(`reader-note[data-rn="${CSS.escape(question.id)}"]`);
  if (!element) return;
  const draft = readerNote(question.id, true);
  element.after(draft);
  openEditor(draft, `Your answer to: ${question.body?.value ?? ''}`, '', state.place, async (value) => {
    if (value !== null) {
      const answer: WebAnnotation = { ...annotation, body: { type: 'TextualBody', value } };
      await saveNote(own, answer);
      currentLayer(state, own).annotations.push(answer);
      state.announce('Answer saved on this device. Export it from My notes to hand it in.');
    }
    focusNote(state, value === null ? question.id : annotation.id);
  });
}

/** Draws the notes again and moves the focus to a note's first button, opened on a narrow screen. */
export function focusNote(state: NotesState, id: string): void {
  if (!state.wide.matches) state.open.add(id);
  state.render(id);
  state.main.querySelector<HTMLElement>(`reader-note[data-rn="${CSS.escape(id)}"] button`)?.focus();
}
