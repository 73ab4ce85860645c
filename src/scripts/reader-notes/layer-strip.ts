/*
 * The strip after the text: how many notes this page shows, a switch for each layer (the reader's
 * own once it holds a note, and each class layer), and the way to My notes.
 */
import { make } from './make.ts';
import type { NotesState } from './state.ts';
import { OWN_LAYER, type StoredLayer, saveLayerMeta } from './store.ts';

export interface LayerStrip {
  readonly element: HTMLElement;
  /**
   * Shows the strip for `count` notes on the page; with `counted`, each layer's number of notes,
   * before they are all read.
   */
  show(count: number, counted?: ReadonlyMap<string, number>): void;
}

export function layerStrip(state: NotesState): LayerStrip {
  // Counts as the page's language writes them (in English 10,000).
  const { format } = new Intl.NumberFormat(document.documentElement.lang || undefined);
  const element = make('div', { className: 'rn-strip', role: 'group', 'aria-label': 'Your notes' });
  const show = (count: number, counted?: ReadonlyMap<string, number>) => {
    const base = document.documentElement.dataset.base ?? '/';
    const size = (layer: StoredLayer) => counted?.get(layer.id) ?? layer.annotations.length;
    const toggles = state.layers
      .filter((layer) => layer.id !== OWN_LAYER || size(layer) > 0)
      .map((layer) => {
        const box = make('input', { type: 'checkbox', checked: layer.shown });
        box.addEventListener('change', async () => {
          layer.shown = box.checked;
          await saveLayerMeta(layer).catch((error: Error) =>
            state.announce(`Not kept for next time: ${error.message}.`),
          );
          state.render();
          element.querySelector<HTMLInputElement>(`input[data-layer="${CSS.escape(layer.id)}"]`)?.focus();
        });
        box.dataset.layer = layer.id;
        const name =
          layer.id === OWN_LAYER
            ? 'My notes'
            : `Class: ${layer.title}${layer.from === 'link' ? ' (from a link)' : ''}`;
        return make('label', { className: 'rn-toggle' }, box, ` ${name} (${format(size(layer))})`);
      });
    element.replaceChildren(
      make(
        'span',
        { className: 'rn-count' },
        `${format(count)} ${count === 1 ? 'note' : 'notes'} on this page`,
      ),
      ...toggles,
      make('a', { href: `${base}my-notes/` }, 'My notes: export, import, class layers'),
    );
  };
  return { element, show };
}
