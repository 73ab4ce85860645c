/*
 * The student's answers to a packet's questions: notes of their own (motivation `replying`, on the
 * question's words, `inReplyTo` its id), kept in the reader's own layer on this device, so that they
 * show beside their words and on My notes like any answer. The reader's notes on the page are told
 * to read the layers again after each change.
 */
import { ANNOTATION_CONTEXT } from '../../lib/reader-notes/model.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { newUrn } from '../reader-notes/make.ts';
import { deleteNote, loadLayers, OWN_LAYER, saveNote } from '../reader-notes/store.ts';

/** The event that asks the reader's notes on the page to read the layers again. */
export const NOTES_CHANGED = 'notes:changed';

/** The latest answer of this device's reader to each question, by question id. */
export async function loadAnswers(): Promise<Map<string, WebAnnotation>> {
  const [own] = await loadLayers();
  const answers = new Map<string, WebAnnotation>();
  for (const annotation of own?.annotations ?? []) {
    if (annotation.motivation !== 'replying' || !annotation.inReplyTo) continue;
    const earlier = answers.get(annotation.inReplyTo);
    const stamp = (a: WebAnnotation) => a.modified ?? a.created ?? '';
    if (!earlier || stamp(annotation) >= stamp(earlier)) answers.set(annotation.inReplyTo, annotation);
  }
  return answers;
}

/** Keeps `text` as the answer to `question` (replacing the earlier one); an empty text removes it. */
export async function saveAnswer(question: WebAnnotation, text: string): Promise<void> {
  const layers = await loadLayers();
  const own = layers.find((layer) => layer.id === OWN_LAYER);
  if (!own) return;
  const now = new Date().toISOString();
  const earlier = own.annotations.find((a) => a.motivation === 'replying' && a.inReplyTo === question.id);
  if (!text.trim()) {
    if (!earlier) return;
    await deleteNote(own.id, earlier.id);
  } else if (earlier) {
    if (earlier.body?.value === text) return;
    await saveNote(own, { ...earlier, body: { type: 'TextualBody', value: text }, modified: now });
  } else {
    await saveNote(own, {
      '@context': ANNOTATION_CONTEXT,
      id: newUrn(),
      type: 'Annotation',
      motivation: 'replying',
      created: now,
      inReplyTo: question.id,
      body: { type: 'TextualBody', value: text },
      target: question.target,
    });
  }
  document.dispatchEvent(new Event(NOTES_CHANGED));
}
