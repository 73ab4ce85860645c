/*
 * The quiet reminder after the text, at most once a week, when some of the reader's notes were
 * never saved to a file: one line, a backup button and "Not now", never a dialog.
 */
import { backUp, remindNow } from './keeping.ts';
import { make, noteButton } from './make.ts';
import { type NotesState, ownLayer } from './state.ts';

/** When this visit to the page began: a note made since is one the reader is making, not one left unsaved. */
const visitBegan = new Date(performance.timeOrigin).toISOString();

export function backupReminder(state: NotesState): HTMLElement | null {
  const own = ownLayer(state);
  // The page decides once it has read every note, which on a slow device can come after the reader
  // made one: that note is not reminded of in the visit that made it.
  const unsaved = remindNow(own.annotations.filter((a) => (a.created ?? '') < visitBegan));
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
