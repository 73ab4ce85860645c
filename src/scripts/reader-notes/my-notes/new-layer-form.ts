/* "Make a class layer": a title and the teacher's name; the new layer is kept on this device, editable. */
import { make, newUrn } from '../make.ts';
import { saveLayer } from '../store.ts';
import { labelled, type MyNotes } from './my-notes.ts';

export function newLayerForm(notes: MyNotes): HTMLFormElement {
  const title = make('input', { id: 'mn-new-title', required: true });
  const author = make('input', { id: 'mn-new-author' });
  const form = make('form', { className: 'mn-new' });
  form.append(
    ...labelled('Title', title),
    ' ',
    ...labelled('Your name', author),
    ' ',
    make('button', { type: 'submit', className: 'rn-b' }, 'Make a class layer'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!title.value.trim()) return;
    await saveLayer({
      id: newUrn(),
      title: title.value.trim(),
      author: author.value.trim(),
      annotations: [],
      shown: true,
      editable: true,
    });
    notes.announce(
      `Class layer “${title.value.trim()}” made: select words in a text and choose “Question for…”.`,
    );
    await notes.refresh();
  });
  return form;
}
