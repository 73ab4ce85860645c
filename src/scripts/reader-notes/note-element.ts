/*
 * The note of one annotation, beside its words: a <reader-note> with its label ("Your note",
 * "Week 3: question"), the question it answers, its text, and Edit, Delete or Answer. On a narrow
 * screen it folds under its paragraph, as the edition's notes do, and its label opens it.
 */
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { noteLabel } from './labels.ts';
import { make, noteButton } from './make.ts';
import { answerQuestion, editNote, removeNote } from './note-actions.ts';
import { readerNote } from './reader-note.ts';
import type { NotesState } from './state.ts';
import { OWN_LAYER, type StoredLayer } from './store.ts';

export function noteElement(state: NotesState, layer: StoredLayer, annotation: WebAnnotation): HTMLElement {
  const own = layer.id === OWN_LAYER;
  const label = noteLabel(layer, annotation.motivation);
  const element = readerNote(annotation.id, own);
  element.setAttribute('role', 'note');
  const quote = annotation.target.selector[0].exact.replace(/\s+/g, ' ').trim();
  element.setAttribute('aria-label', `${label} on “${quote.length > 60 ? `${quote.slice(0, 57)}…` : quote}”`);
  const question =
    annotation.motivation === 'replying'
      ? state.layers.flatMap((l) => l.annotations).find((a) => a.id === annotation.inReplyTo)
      : undefined;
  const more = make('div', { className: 'rn-more' });
  element.append(
    make(
      'p',
      { className: 'rn-label' },
      state.wide.matches ? label : fold(state, annotation.id, label, more),
    ),
  );
  element.append(more);
  if (question?.body)
    more.append(make('p', { className: 'rn-question' }, `Question: ${question.body.value}`));
  if (annotation.body?.value) more.append(make('p', { className: 'rn-body' }, annotation.body.value));
  const actions = make('p', { className: 'rn-actions' });
  if (layer.editable) {
    if (annotation.motivation !== 'highlighting') {
      const edit = noteButton('Edit', `Edit ${label.toLowerCase()}`);
      edit.addEventListener('click', () => editNote(state, element, layer, annotation));
      actions.append(edit);
    }
    const remove = noteButton('Delete', `Delete ${label.toLowerCase()}`);
    remove.addEventListener('click', () => removeNote(state, layer, annotation));
    actions.append(remove);
  }
  if (annotation.motivation === 'questioning' && !own) {
    const answer = noteButton('Answer');
    answer.addEventListener('click', () => answerQuestion(state, annotation));
    actions.append(answer);
  }
  if (actions.childNodes.length > 0) more.append(actions);
  return element;
}

/** The label of a note folded under its paragraph: a button that opens `more`, remembered across renderings. */
function fold(state: NotesState, id: string, label: string, more: HTMLElement): HTMLButtonElement {
  more.id = `rn-more-${Math.random().toString(36).slice(2, 10)}`;
  const open = state.open.has(id);
  const button = make(
    'button',
    { type: 'button', className: 'rn-b rn-fold', 'aria-expanded': String(open), 'aria-controls': more.id },
    label,
  );
  more.hidden = !open;
  button.addEventListener('click', () => {
    const opening = more.hidden;
    more.hidden = !opening;
    button.setAttribute('aria-expanded', String(opening));
    if (opening) state.open.add(id);
    else state.open.delete(id);
  });
  return button;
}
