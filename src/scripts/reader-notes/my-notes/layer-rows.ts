/*
 * The layers on this device, one row each: whether it is shown in the texts and, for a class layer,
 * its class link (the notes travel in the link's fragment, never through a server), its file, and
 * Remove.
 */
import { layerLink } from '../../../lib/reader-notes/class-layer.ts';
import { exportJson } from '../../../lib/reader-notes/export-notes.ts';
import { canSign, newLayerKeys } from '../../../lib/reader-notes/layer-signature.ts';
import { packetMaker } from '../../class/packet-maker.ts';
import { make, noteButton } from '../make.ts';
import { deleteLayer, loadLayers, OWN_LAYER, type StoredLayer, saveLayerMeta } from '../store.ts';
import { download, slug } from './download.ts';
import { layerName, type MyNotes } from './my-notes.ts';

/** A button of the page, drawn as a link, that runs `action`. */
export function actionButton(text: string, action: () => void, label?: string): HTMLButtonElement {
  const button = noteButton(text, label);
  button.addEventListener('click', action);
  return button;
}

export function layerRows(notes: MyNotes): HTMLLIElement[] {
  return notes.layers.map((layer, index) => {
    const box = make('input', { type: 'checkbox', checked: layer.shown, id: `mn-show-${index}` });
    box.addEventListener('change', async () => {
      await saveLayerMeta({ ...layer, shown: box.checked });
      notes.layers = await loadLayers();
    });
    const row = make(
      'li',
      {},
      box,
      ' ',
      make(
        'label',
        { htmlFor: box.id },
        `Show ${layerName(layer)} in the texts (${layer.annotations.length})`,
      ),
    );
    if (layer.id !== OWN_LAYER) row.append(' ', ...classLayerActions(notes, layer));
    return row;
  });
}

function classLayerActions(notes: MyNotes, layer: StoredLayer): HTMLElement[] {
  const share = make('p', { className: 'mn-share' });
  const classLink = async () => {
    const essay = new URL(document.documentElement.dataset.base ?? '/', location.href).href;
    // A layer made here signs its link (a key made now for one made before keys were); one from
    // a link or a file is passed on as it came, unsigned.
    if (layer.editable && !layer.keys && canSign()) {
      layer.keys = await newLayerKeys();
      await saveLayerMeta(layer);
    }
    const link = await layerLink(
      essay,
      { ...layer, id: layer.layerId ?? layer.id },
      layer.editable ? layer.keys : undefined,
    );
    const field = make('input', {
      readOnly: true,
      value: link,
      id: `mn-link-${notes.layers.indexOf(layer)}`,
    });
    share.replaceChildren(
      make('label', { htmlFor: field.id }, `Link to “${layer.title}” (${link.length} characters) `),
      field,
    );
    field.select();
    try {
      await navigator.clipboard.writeText(link);
      notes.announce('Class link copied. Its notes travel in the link itself: no server keeps them.');
    } catch {
      notes.announce('Copy the class link from the box.');
    }
  };
  const remove = async () => {
    await deleteLayer(layer.id);
    notes.announce(`Removed the class layer “${layer.title}” from this device.`);
    await notes.refresh();
  };
  return [
    actionButton('Class link', classLink, `Class link for ${layer.title}`),
    actionButton(
      'Export file',
      () =>
        download(
          `${slug(layer.title)}.json`,
          'application/ld+json',
          exportJson(layer.title, layer.annotations, { id: layer.layerId ?? layer.id, author: layer.author }),
        ),
      `Export ${layer.title} as a file`,
    ),
    actionButton('Remove', remove, `Remove ${layer.title} from this device`),
    share,
    ...(layer.editable ? packetMaker(layer, notes.passages) : []),
  ];
}
