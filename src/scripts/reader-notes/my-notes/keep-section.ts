/*
 * Where the reader's notes live, on My notes: in this browser on this device only; whether the
 * browser has agreed to keep them for good (and a button to ask it); when they were last saved to
 * a file, how many never were, and the backup, one click away.
 */
import { askToKeep, backUp, lastBackup, notInBackup, persistence } from '../keeping.ts';
import { make } from '../make.ts';
import { OWN_LAYER } from '../store.ts';
import { actionButton } from './layer-rows.ts';
import type { MyNotes } from './my-notes.ts';

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });

export function keepSection(notes: MyNotes): HTMLElement {
  const own = notes.layers.find((layer) => layer.id === OWN_LAYER)?.annotations ?? [];
  const kept = make('p', { className: 'mn-kept' });
  const backup = make('p', { className: 'mn-backup' });
  const section = make(
    'section',
    { className: 'mn-keep', 'aria-labelledby': 'mn-keep' },
    make('h2', { id: 'mn-keep' }, 'Where your notes live'),
    make(
      'p',
      {},
      `Your ${own.length === 1 ? 'note is' : `${own.length.toLocaleString('en-GB')} notes are`} kept in this browser, on this device only: not in an account, not on another device, not with the edition.`,
    ),
    kept,
    backup,
  );
  const showKept = async () => {
    const state = await persistence();
    if (state === 'granted') {
      kept.replaceChildren(
        'Persistent storage granted: this browser has agreed to keep them, and will not clear them to free space.',
      );
      return;
    }
    const why =
      state === 'unknown'
        ? 'This browser cannot say whether it will keep them: it may clear them to free space.'
        : 'Persistent storage not granted: this browser may clear them to free space, and Safari clears them after seven days without a visit.';
    const ask = actionButton('Ask the browser to keep them', async () => {
      const granted = await askToKeep().then(() => persistence());
      await showKept();
      notes.announce(
        granted === 'granted'
          ? 'Persistent storage granted.'
          : 'The browser did not grant persistent storage: save a backup file to be safe.',
      );
    });
    kept.replaceChildren(`${why} `, ...(state === 'not granted' ? [ask] : []));
  };
  const showBackup = () => {
    const last = lastBackup();
    const unsaved = notInBackup(own);
    const saved = last ? `Last saved to a file on ${when(last)}.` : 'Never saved to a file.';
    const missing =
      unsaved > 0 && last
        ? ` ${unsaved.toLocaleString('en-GB')} ${unsaved === 1 ? 'note is' : 'notes are'} not in it.`
        : '';
    const button = actionButton('Back up my notes (JSON)', () => {
      const name = backUp(notes.layers.find((layer) => layer.id === OWN_LAYER)?.annotations ?? []);
      showBackup();
      notes.announce(`Backup saved as ${name}: keep it somewhere safe, and import it to restore your notes.`);
    });
    backup.replaceChildren(`${saved}${missing} `, button);
  };
  showKept();
  showBackup();
  return section;
}
