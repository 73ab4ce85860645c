/*
 * The actions beside words selected in a passage: Highlight, Note, and for each class layer made on
 * this device "Question for …": above the words for a mouse, below them (44 px targets) on a touch screen. A pointer press on them keeps the selection; a keyboard selection
 * (caret browsing) reaches them with Tab, and Escape leaves them.
 */
import type { Motivation } from '../../lib/reader-notes/model.ts';
import { createNote, type Selected } from './create-note.ts';
import { offsetsOf, passageTextOf } from './dom-text.ts';
import { make, noteButton } from './make.ts';
import { type NotesState, ownLayer } from './state.ts';
import { OWN_LAYER, type StoredLayer } from './store.ts';

export class SelectionBar {
  private readonly bar = make('div', {
    className: 'rn-bar',
    role: 'group',
    'aria-label': 'Annotate the selected words',
  });
  private readonly state: NotesState;
  private selected: Selected | null = null;
  /** Why this browser keeps no notes, when it refuses the site storage: said when words are selected. */
  blocked: string | null = null;
  private told = false;

  constructor(state: NotesState) {
    this.state = state;
  }

  /** Offers the actions for each new selection, and lets a keyboard selection reach them. */
  listen(): void {
    let timer: number | undefined;
    document.addEventListener('selectionchange', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => this.offer(), 150);
    });
    document.addEventListener('keydown', (event) => {
      const { bar } = this;
      if (
        event.key === 'Tab' &&
        !event.shiftKey &&
        bar.isConnected &&
        !bar.contains(document.activeElement)
      ) {
        const first = bar.querySelector('button');
        if (first && this.selected) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === 'Escape' && bar.contains(document.activeElement)) {
        bar.remove();
      }
    });
  }

  /** Shows the actions beside the selection, if it holds words of a passage; otherwise takes them away. */
  offer(): void {
    const selection = document.getSelection();
    const range =
      selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    const passage = range?.startContainer.parentElement?.closest<HTMLElement>('.passage') ?? null;
    const text = passage ? passageTextOf(passage) : null;
    const offsets = range && text ? offsetsOf(range, text) : null;
    if (
      !range ||
      !passage ||
      !text ||
      !offsets ||
      text.text.slice(offsets.start, offsets.end).trim() === ''
    ) {
      this.selected = null;
      if (!this.bar.contains(document.activeElement)) this.bar.remove();
      return;
    }
    this.selected = { passage, ...offsets };
    if (this.blocked && !this.told) {
      this.told = true;
      this.state.announce(`Your notes cannot be kept here: ${this.blocked}.`);
    }
    const buttons: HTMLButtonElement[] = [];
    const add = (text: string, motivation: Motivation, layer?: StoredLayer) => {
      const button = noteButton(text);
      // A pointer press must not clear the selection before the click.
      button.addEventListener('pointerdown', (event) => event.preventDefault());
      button.addEventListener('click', () => this.create(motivation, layer ?? ownLayer(this.state)));
      buttons.push(button);
    };
    add('Highlight', 'highlighting');
    add('Note', 'commenting');
    for (const layer of this.state.layers) {
      if (layer.id !== OWN_LAYER && layer.editable)
        add(`Question for “${layer.title}”`, 'questioning', layer);
    }
    this.bar.replaceChildren(...buttons);
    const rects = range.getClientRects();
    const first = rects[0] ?? range.getBoundingClientRect();
    const box = passage.getBoundingClientRect();
    passage.append(this.bar);
    // On a touch screen the system's own menu (Copy, Share) opens above the selection: the bar goes
    // below it, out of that menu's way, clear of the selection's handles.
    if (matchMedia('(pointer: coarse)').matches) {
      const last = rects[rects.length - 1] ?? first;
      this.bar.style.top = `${last.bottom - box.top + 28}px`;
    } else {
      this.bar.style.top = `${Math.max(0, first.top - box.top - this.bar.offsetHeight - 4)}px`;
    }
    this.bar.style.left = `${Math.max(0, Math.min(first.left - box.left, box.width - this.bar.offsetWidth))}px`;
    // Never over the paragraph's date marks (links of their own, at its top right): moved to their
    // left, still above the words.
    const bar = this.bar.getBoundingClientRect();
    for (const mark of passage.querySelectorAll(':scope > .pd')) {
      const r = mark.getBoundingClientRect();
      if (r.left < bar.right && r.right > bar.left && r.top < bar.bottom && r.bottom > bar.top)
        this.bar.style.left = `${Math.max(0, r.left - box.left - bar.width - 8)}px`;
    }
  }

  /** Makes the selected words into an annotation; the selection and the actions go. */
  private create(motivation: Motivation, layer: StoredLayer): void {
    const selected = this.selected;
    if (!selected) return;
    document.getSelection()?.removeAllRanges();
    this.bar.remove();
    this.selected = null;
    createNote(this.state, selected, motivation, layer);
  }
}
