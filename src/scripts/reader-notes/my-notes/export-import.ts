/*
 * Export and import: the reader's own notes as a JSON file (a W3C AnnotationCollection), every note
 * as Markdown for an essay, and a file of notes or a class layer brought in without duplicates.
 */
import { exportJson, exportMarkdown, type ListedNote } from '../../../lib/reader-notes/export-notes.ts';
import { FILE_MAX_BYTES } from '../../../lib/reader-notes/limits.ts';
import { mergeAnnotations } from '../../../lib/reader-notes/merge.ts';
import { readImport, tooLarge } from '../../../lib/reader-notes/web-annotation.ts';
import { make } from '../make.ts';
import { foreignSource, siteOrigins } from '../site-origins.ts';
import { addNotes, OWN_LAYER, type StoredLayer } from '../store.ts';
import { download } from './download.ts';
import { actionButton } from './layer-rows.ts';
import { type Entry, inReadingOrder, layerName, type MyNotes } from './my-notes.ts';

/** The export buttons, dated today. */
export function exportButtons(notes: MyNotes): HTMLElement {
  const own = notes.layers.find((l) => l.id === OWN_LAYER);
  const date = new Date().toISOString().slice(0, 10);
  return make(
    'p',
    {},
    actionButton('Export my notes (JSON)', () =>
      download(
        `my-notes-${date}.json`,
        'application/ld+json',
        exportJson('My notes', own?.annotations ?? []),
      ),
    ),
    ' ',
    actionButton('Export all as Markdown', () =>
      download(
        `my-notes-${date}.md`,
        'text/markdown',
        exportMarkdown(
          `My notes on ${notes.title}`,
          notes.entries.toSorted(inReadingOrder(notes.passages)).map((entry) => listed(notes, entry)),
        ),
      ),
    ),
  );
}

/** The file chooser: a class layer's file goes to that layer (made when new), any other to the reader's own. */
export function importField(notes: MyNotes): HTMLElement {
  const own = notes.layers.find((l) => l.id === OWN_LAYER);
  const file = make('input', {
    type: 'file',
    id: 'mn-import',
    accept: '.json,application/json,application/ld+json',
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    try {
      if (chosen.size > FILE_MAX_BYTES) throw tooLarge(chosen.name, chosen.size);
      const imported = readImport(await chosen.text(), chosen.name);
      const origins = siteOrigins();
      const annotations = imported.annotations.filter((annotation) => {
        const problem = foreignSource(annotation.target.source, origins);
        if (problem)
          imported.unreadable.push({
            reason: `${problem} (in ${chosen.name})`,
            raw: JSON.stringify(annotation, null, 2),
          });
        return !problem;
      });
      // A class layer's file is kept as a guest, under its own name: never written into a layer
      // made on this device, even one with the same id.
      const guestId = imported.layer ? `file:${imported.layer.id}` : null;
      const target: StoredLayer =
        (guestId && notes.layers.find((l) => l.id === guestId)) ||
        (imported.layer
          ? {
              id: guestId ?? '',
              title: imported.layer.title,
              author: imported.layer.author,
              annotations: [],
              shown: true,
              editable: false,
              from: 'file',
              layerId: imported.layer.id,
              added: new Date().toISOString(),
            }
          : (own as StoredLayer));
      const result = mergeAnnotations(target.annotations, annotations);
      const kept = new Set(target.annotations);
      await addNotes(
        target,
        result.annotations.filter((a) => !kept.has(a)),
        imported.unreadable,
      );
      const unread =
        imported.unreadable.length > 0
          ? ` ${imported.unreadable.length} could not be read: listed below.`
          : '';
      notes.announce(
        `Imported ${chosen.name} into ${layerName(target)}: ${result.added} added, ${result.updated} updated, ${result.unchanged} already here.${unread}`,
      );
      await notes.refresh();
    } catch (error) {
      notes.announce((error as Error).message);
    }
    file.value = '';
  });
  return make(
    'p',
    {},
    make('label', { htmlFor: 'mn-import' }, 'Import a file of notes or a class layer '),
    file,
  );
}

/** A note as the Markdown export lists it: its paragraph (if placed), its layer, the question it answers. */
function listed({ passages, layers }: MyNotes, entry: Entry): ListedNote {
  const { placement } = entry;
  const passage = placement.placed ? passages.find((p) => p.id === placement.passage) : undefined;
  const question = entry.annotation.inReplyTo
    ? layers.flatMap((l) => l.annotations).find((a) => a.id === entry.annotation.inReplyTo)?.body?.value
    : undefined;
  return {
    annotation: entry.annotation,
    layer: entry.layer.id === OWN_LAYER ? null : entry.layer.title,
    paragraph: passage ? { n: passage.n, document: passage.document, url: passage.url } : null,
    question,
  };
}
