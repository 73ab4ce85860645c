import { noteBodyProblem } from '../../lib/reader-notes/note-body.ts';
import { make, noteButton } from './make.ts';

/**
 * A text box in place of a note's text, with Save and Cancel (Ctrl or ⌘ with Enter saves, Escape
 * cancels); `done` gets the text, or null. A text the note check refuses (an image from another
 * site) is not passed on: the box says why. `place` lays the margin out again for the box. When
 * `done` fails (the device did not keep the note), the box stays open with the text, says
 * "Your note was not saved: …", and Save becomes Retry.
 */
export function openEditor(
  element: HTMLElement,
  label: string,
  value: string,
  place: () => void,
  done: (value: string | null) => void | Promise<void>,
): void {
  const id = `rn-edit-${Math.random().toString(36).slice(2, 8)}`;
  const area = make('textarea', { id, className: 'rn-text', rows: 3, value });
  const save = noteButton('Save');
  const cancel = noteButton('Cancel');
  const problem = make('p', { className: 'rn-error', role: 'alert' });
  let busy = false;
  const finish = async (text: string | null) => {
    if (busy) return;
    const refused = text === null ? null : noteBodyProblem(text);
    if (refused) {
      // Nothing is kept: the text stays in the box, to be changed.
      problem.textContent = `Your note was not saved: ${refused}.`;
      if (!problem.isConnected) area.after(problem);
      place();
      area.focus();
      return;
    }
    busy = true;
    try {
      await done(text);
    } catch (error) {
      problem.textContent = `Your note was not saved: ${(error as Error).message}. Your text is still here: try again.`;
      save.textContent = 'Retry';
      if (!problem.isConnected) area.after(problem);
      place();
      area.focus();
    } finally {
      busy = false;
    }
  };
  save.addEventListener('click', () => finish(area.value.trim()));
  cancel.addEventListener('click', () => finish(null));
  area.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) finish(area.value.trim());
    if (event.key === 'Escape') finish(null);
  });
  element.replaceChildren(
    make('label', { className: 'rn-label', htmlFor: id }, label),
    area,
    make('p', { className: 'rn-actions' }, save, cancel),
  );
  place();
  area.focus();
}
