/*
 * Starts the reader's own notes (src/scripts/reader-notes/reader-notes-ui.ts) only when they are needed: at once
 * when this device holds notes or a class link was opened, otherwise when the reader first selects
 * words in a passage. Nothing here, nor in what it loads, sends a request anywhere.
 */
import { HAS_NOTES_FLAG } from './reader-notes/flag.ts';

const main = document.querySelector('main');

function hasNotes(): boolean {
  try {
    return localStorage.getItem(HAS_NOTES_FLAG) === '1';
  } catch {
    return false;
  }
}

/** Whether the one-time hint about selecting words was dismissed on this device (select-hint.ts). */
function hintSeen(): boolean {
  try {
    return localStorage.getItem('kirov-select-hint-seen') === '1';
  } catch {
    return true;
  }
}

if (main?.querySelector('.passage')) {
  let started = false;
  const load = (trigger: Event | null) => {
    if (started) return;
    started = true;
    document.removeEventListener('selectionchange', onSelection);
    window.removeEventListener('hashchange', onHash);
    import('./reader-notes/reader-notes-ui.ts').then(({ startReaderNotes }) =>
      startReaderNotes(main, trigger),
    );
  };
  const inPassage = () => {
    const selection = document.getSelection();
    return (
      !!selection?.rangeCount &&
      !selection.isCollapsed &&
      !!selection.getRangeAt(0).startContainer.parentElement?.closest('.passage')
    );
  };
  const onSelection = (event: Event) => {
    if (inPassage()) load(event);
  };
  const classLink = () => /^#(layer|packet)=/.test(location.hash);
  const onHash = () => {
    if (classLink()) load(null);
  };
  document.addEventListener('selectionchange', onSelection);
  window.addEventListener('hashchange', onHash);
  // Words selected before this script ran (it loads after the page is readable) are offered at once.
  if (hasNotes() || classLink() || inPassage()) load(null);
  else if (!hintSeen() && matchMedia('(pointer: coarse)').matches) {
    const article = main.querySelector('article');
    if (article) import('./select-hint.ts').then(({ showSelectHint }) => showSelectHint(article));
  }
}
