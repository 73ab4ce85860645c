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
  /** The selection's words in the paragraphs after the first, when it runs over several. */
  private more: Selected[] = [];
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
    // Every paragraph the selection runs over, with the words of it that are selected.
    const parts = range
      ? this.state.passages.flatMap((passage) => {
          if (!range.intersectsNode(passage)) return [];
          const text = passageTextOf(passage);
          const offsets = offsetsOf(range, text);
          return offsets && text.text.slice(offsets.start, offsets.end).trim() !== ''
            ? [{ passage, ...offsets }]
            : [];
        })
      : [];
    const first = parts[0];
    if (!range || !first) {
      this.selected = null;
      this.more = [];
      if (!this.bar.contains(document.activeElement)) this.bar.remove();
      return;
    }
    const { passage } = first;
    this.more = parts.slice(1);
    this.selected = first;
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
    // A selection over several paragraphs: each part is highlighted on its own, a note goes on the
    // first part; the bar says so before anything is made.
    const across =
      this.more.length > 0
        ? [
            make(
              'p',
              { className: 'rn-across', id: 'rn-across' },
              `Over ${this.more.length + 1} paragraphs: Highlight marks each; a note goes on the words in the first.`,
            ),
          ]
        : [];
    this.bar.replaceChildren(...buttons, ...across);
    if (across.length > 0) this.bar.setAttribute('aria-describedby', 'rn-across');
    else this.bar.removeAttribute('aria-describedby');
    const rects = range.getClientRects();
    const firstRect = rects[0] ?? range.getBoundingClientRect();
    const box = passage.getBoundingClientRect();
    passage.append(this.bar);
    // On a touch screen the system's own menu (Copy, Share) opens above the selection: the bar goes
    // below it, out of that menu's way, clear of the selection's handles.
    if (matchMedia('(pointer: coarse)').matches) {
      const last = rects[rects.length - 1] ?? firstRect;
      this.bar.style.top = `${last.bottom - box.top + 28}px`;
    } else {
      this.bar.style.top = `${Math.max(0, firstRect.top - box.top - this.bar.offsetHeight - 4)}px`;
    }
    this.bar.style.left = `${Math.max(0, Math.min(firstRect.left - box.left, box.width - this.bar.offsetWidth))}px`;
    // Never over the paragraph's date marks (links of their own, at its top right): moved to their
    // left, still above the words.
    const bar = this.bar.getBoundingClientRect();
    for (const mark of passage.querySelectorAll(':scope > .pd')) {
      const r = mark.getBoundingClientRect();
      if (r.left < bar.right && r.right > bar.left && r.top < bar.bottom && r.bottom > bar.top)
        this.bar.style.left = `${Math.max(0, r.left - box.left - bar.width - 8)}px`;
    }
  }

  /**
   * Makes the selected words into an annotation; the selection and the actions go. A highlight
   * over several paragraphs is one highlight in each.
   */
  private async create(motivation: Motivation, layer: StoredLayer): Promise<void> {
    const selected = this.selected;
    if (!selected) return;
    const more = motivation === 'highlighting' ? this.more : [];
    document.getSelection()?.removeAllRanges();
    this.bar.remove();
    this.selected = null;
    this.more = [];
    await createNote(this.state, selected, motivation, layer);
    for (const part of more) await createNote(this.state, part, motivation, layer);
    if (more.length > 0)
      this.state.announce(`Highlighted in ${more.length + 1} paragraphs. Kept on this device only.`);
  }
}
