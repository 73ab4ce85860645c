/*
 * A class layer opened from a link (#layer=…): kept on the device (merged with the copy already
 * there), shown, and the link's fragment cleared. The layer's reader and validator load only when
 * such a link is opened.
 */
import { mergeAnnotations } from '../../lib/reader-notes/merge.ts';
import type { NotesState } from './state.ts';
import { loadLayers, type StoredLayer, saveLayer } from './store.ts';

export async function openLayerLink(state: NotesState): Promise<void> {
  if (!location.hash.startsWith('#layer=')) return;
  const { readLinkData, layerParam } = await import('../../lib/reader-notes/link-codec.ts');
  const value = layerParam(location.hash);
  history.replaceState(null, '', location.pathname + location.search);
  try {
    if (!value)
      throw new Error('This class link cannot be read: it carries no layer; ask for the link again');
    // Bounded first; the validator loads only for a link within the limits. The mark lets the time
    // a link takes to read (or to refuse) be measured apart from the loading of the scripts.
    performance.mark('class-link:read');
    const data = await readLinkData(value);
    const { layerFromLinkData } = await import('../../lib/reader-notes/class-layer.ts');
    const layer = layerFromLinkData(data);
    const existing = state.layers.find((l) => l.id === layer.id);
    const annotations = existing
      ? mergeAnnotations(existing.annotations, layer.annotations).annotations
      : layer.annotations;
    const stored: StoredLayer = {
      id: layer.id,
      title: layer.title,
      author: layer.author,
      annotations,
      shown: true,
      editable: existing?.editable ?? false,
    };
    await saveLayer(stored);
    state.layers = await loadLayers();
    const by = layer.author ? ` by ${layer.author}` : '';
    state.announce(
      `Class layer “${layer.title}”${by} added: ${layer.annotations.length} notes, kept on this device only.`,
    );
  } catch (error) {
    state.announce((error as Error).message);
  }
}
