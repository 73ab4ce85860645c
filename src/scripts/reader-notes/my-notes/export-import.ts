/*
 * Export and import: the reader's own notes as a JSON file (a W3C AnnotationCollection), every note
 * as Markdown for an essay, and a file of notes or a class layer brought in without duplicates.
 */
import { exportJson, exportMarkdown, type ListedNote } from '../../../lib/reader-notes/export-notes.ts';
import { FILE_MAX_BYTES } from '../../../lib/reader-notes/limits.ts';
import { mergeAnnotations } from '../../../lib/reader-notes/merge.ts';
import { parseImport, tooLarge } from '../../../lib/reader-notes/web-annotation.ts';
import { make } from '../make.ts';
import { OWN_LAYER, type StoredLayer, saveLayer } from '../store.ts';
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
      const imported = parseImport(await chosen.text(), chosen.name);
      const target = imported.layer
        ? (notes.layers.find((l) => l.id === imported.layer?.id) ?? {
            ...imported.layer,
            annotations: [],
            shown: true,
            editable: false,
          })
        : (own as StoredLayer);
      const result = mergeAnnotations(target.annotations, imported.annotations);
      await saveLayer({ ...target, annotations: result.annotations });
      notes.announce(
        `Imported ${chosen.name} into ${layerName(target)}: ${result.added} added, ${result.updated} updated, ${result.unchanged} already here.`,
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
