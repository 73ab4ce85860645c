import { make, noteButton } from './make.ts';

/**
 * A text box in place of a note's text, with Save and Cancel (Ctrl or ⌘ with Enter saves, Escape
 * cancels); `done` gets the text, or null. `place` lays the margin out again for the box.
 */
export function openEditor(
  element: HTMLElement,
  label: string,
  value: string,
  place: () => void,
  done: (value: string | null) => void,
): void {
  const id = `rn-edit-${Math.random().toString(36).slice(2, 8)}`;
  const area = make('textarea', { id, className: 'rn-text', rows: 3, value });
  const save = noteButton('Save');
  const cancel = noteButton('Cancel');
  save.addEventListener('click', () => done(area.value.trim()));
  cancel.addEventListener('click', () => done(null));
  area.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) done(area.value.trim());
    if (event.key === 'Escape') done(null);
  });
  element.replaceChildren(
    make('label', { className: 'rn-label', htmlFor: id }, label),
    area,
    make('p', { className: 'rn-actions' }, save, cancel),
  );
  place();
  area.focus();
}
