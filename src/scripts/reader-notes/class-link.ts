/*
 * A class layer opened from a link (#layer=…). It is a guest: kept under its own name (link:…), never
 * written into a layer made on this device, even one with the same id, shown as "from a link",
 * and removed in one step. A signed link (layer-signature.ts) is kept under its teacher's key, so
 * that a later link signed by the same key replaces it; a link not signed, or whose signature does
 * not verify, is kept beside any other, never in its place. The reader is told what was added, with
 * Undo. The link's fragment is cleared; its reader and validator load only when such a link is opened.
 */
import { noteButton } from './make.ts';
import { foreignSource, siteOrigins } from './site-origins.ts';
import type { NotesState } from './state.ts';
import { deleteLayer, loadLayers, replaceLayer, type StoredLayer } from './store.ts';

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
    const { layer, unreadable, signer, digest } = await layerFromLinkData(data);
    const origins = siteOrigins();
    const annotations = layer.annotations.filter((annotation) => {
      const problem = foreignSource(annotation.target.source, origins);
      if (problem) unreadable.push({ reason: problem, raw: JSON.stringify(annotation, null, 2) });
      return !problem;
    });
    const id = signer ? `link:${signer}` : `link-unsigned:${digest}`;
    // All of it, as the device keeps it: the page may not have read every note yet.
    const previous = (await loadLayers()).find((l) => l.id === id);
    const guest: StoredLayer = {
      id,
      title: layer.title,
      author: layer.author,
      annotations,
      shown: true,
      editable: false,
      from: 'link',
      layerId: layer.id,
      ...(signer && { signer }),
      added: new Date().toISOString(),
    };
    await replaceLayer(guest, unreadable);
    state.layers = await loadLayers();
    state.loaded = true;
    const by = layer.author ? ` by ${layer.author}` : '';
    const set = unreadable.length > 0 ? ` ${unreadable.length} could not be read: see My notes.` : '';
    const undo = noteButton('Undo', `Undo: remove “${layer.title}” from this device`);
    let undone = false;
    undo.addEventListener('click', async () => {
      if (undone) return;
      undone = true;
      if (previous) await replaceLayer(previous, previous.unreadable ?? []);
      else await deleteLayer(id);
      state.layers = await loadLayers();
      state.render();
      state.announce(
        previous
          ? `Class layer “${layer.title}” put back as it was.`
          : `Class layer “${layer.title}” removed.`,
      );
    });
    state.announce(
      `${previous ? 'Class layer updated' : 'Class layer added'} from a link: “${layer.title}”${by}, ${annotations.length} notes, kept on this device only${signer ? '' : ' (not signed: kept beside any other)'}.${set}`,
      undo,
    );
  } catch (error) {
    state.announce((error as Error).message);
  }
}
