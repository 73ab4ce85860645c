/* "Make a class layer": a title and the teacher's name; the new layer is kept on this device, editable. */

import { canSign, digest, newLayerKeys } from '../../../lib/reader-notes/layer-signature.ts';
import { make, newUrn } from '../make.ts';
import { saveLayerMeta } from '../store.ts';
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
    // The layer's key signs its links, so that students' devices take an update only from it; its id
    // is named after the key where this browser can make one (https, or this machine).
    const keys = canSign() ? await newLayerKeys() : undefined;
    await saveLayerMeta({
      id: keys ? `urn:kirov-layer:${await digest(keys.publicKey)}` : newUrn(),
      ...(keys && { keys }),
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
