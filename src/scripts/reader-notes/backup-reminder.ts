/*
 * The quiet reminder after the text, at most once a week, when some of the reader's notes were
 * never saved to a file: one line, a backup button and "Not now", never a dialog.
 */
import { backUp, remindNow } from './keeping.ts';
import { make, noteButton } from './make.ts';
import { type NotesState, ownLayer } from './state.ts';

export function backupReminder(state: NotesState): HTMLElement | null {
  const own = ownLayer(state);
  const unsaved = remindNow(own.annotations);
  if (unsaved === 0) return null;
  const base = document.documentElement.dataset.base ?? '/';
  const save = noteButton('Save a backup file', 'Save a backup file of your notes');
  const later = noteButton('Not now', 'Not now: hide the backup reminder');
  const element = make(
    'aside',
    { className: 'rn-remind', 'aria-label': 'Backup reminder' },
    make(
      'p',
      {},
      `${unsaved === own.annotations.length ? 'Your' : `${unsaved} of your`} ${unsaved === 1 ? 'note is' : `${unsaved.toLocaleString('en-GB')} notes are`} kept only in this browser and never saved to a file. `,
      make('a', { href: `${base}my-notes/#mn-keep` }, 'Where your notes live'),
      ' ',
    ),
    make('p', { className: 'rn-actions' }, save, ' ', later),
  );
  save.addEventListener('click', () => {
    const name = backUp(ownLayer(state).annotations);
    element.remove();
    state.announce(`Backup saved as ${name}.`);
  });
  later.addEventListener('click', () => {
    element.remove();
    state.announce('Reminder hidden for a week.');
  });
  return element;
}
