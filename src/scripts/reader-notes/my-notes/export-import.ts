/*
 * Export and import: the reader's own notes as a JSON file (a W3C AnnotationCollection), every note
 * as Markdown for an essay, and a file of notes or a class layer brought in without duplicates.
 */
import { exportMarkdown, type ListedNote } from '../../../lib/reader-notes/export-notes.ts';
import { FILE_MAX_BYTES } from '../../../lib/reader-notes/limits.ts';
import { type ImportPlan, planImport } from '../../../lib/reader-notes/merge.ts';
import { readImport, tooLarge, type WebAnnotation } from '../../../lib/reader-notes/web-annotation.ts';
import { backUp } from '../keeping.ts';
import { make, noteButton } from '../make.ts';
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
    actionButton('Export my notes (JSON)', () => {
      backUp(own?.annotations ?? []);
      notes.refresh();
    }),
    ' ',
    actionButton('Export all as Markdown', () =>
      download(
        `my-notes-${date}.md`,
        'text/markdown',
        exportMarkdown(
          `My notes on ${notes.title}`,
          notes.entries.toSorted(inReadingOrder(notes.passages)).map((entry) => listed(notes, entry)),
          siteOrigins(),
        ),
      ),
    ),
  );
}

/**
 * The file chooser: a class layer's file goes to that layer (made when new), any other to the
 * reader's own. Nothing is written when a file is chosen: what it will add, replace and skip is
 * shown first, with Confirm and Cancel.
 */
export function importField(notes: MyNotes): HTMLElement {
  const own = notes.layers.find((l) => l.id === OWN_LAYER);
  const file = make('input', {
    type: 'file',
    id: 'mn-import',
    accept: '.json,application/json,application/ld+json',
  });
  const preview = make('div', { className: 'mn-preview' });
  const field = make(
    'div',
    {},
    make('p', {}, make('label', { htmlFor: 'mn-import' }, 'Import a file of notes or a class layer '), file),
    preview,
  );
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    preview.replaceChildren();
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
      const plan = planImport(target.annotations, annotations);
      showPlan(notes, preview, chosen.name, target, plan, imported.unreadable, () => file.focus());
    } catch (error) {
      notes.announce((error as Error).message);
    }
  });
  return field;
}

/** The words of an annotation, short, as a preview lists them. */
const wordsOf = (annotation: WebAnnotation): string => {
  const words = annotation.target.selector[0].exact.replace(/\s+/g, ' ').trim();
  return `“${words.length > 60 ? `${words.slice(0, 57)}…` : words}”`;
};

/** At most this many annotations of each kind are named in the preview; the rest are counted. */
const PREVIEW_NAMED = 20;

/** What an import will do, shown before anything is written, with Confirm (which writes it) and Cancel. */
function showPlan(
  notes: MyNotes,
  preview: HTMLElement,
  name: string,
  target: StoredLayer,
  plan: ImportPlan,
  unreadable: { reason: string; raw: string }[],
  back: () => void,
): void {
  const heading = make(
    'h4',
    { id: 'mn-preview-title', tabIndex: -1 },
    `Import ${name} into ${layerName(target)}?`,
  );
  const part = (count: number, what: string, annotations: readonly WebAnnotation[]) => {
    const item = make('li', {}, `${count} ${what}`);
    if (annotations.length > 0) {
      const named = annotations.slice(0, PREVIEW_NAMED).map((a) => make('li', {}, wordsOf(a)));
      const more = annotations.length - named.length;
      if (more > 0) named.push(make('li', {}, `and ${more} more`));
      item.append(make('ul', {}, ...named));
    }
    return item;
  };
  const confirm = noteButton('Confirm import');
  const cancel = noteButton('Cancel');
  const nothing = plan.add.length + plan.replace.length + unreadable.length === 0;
  preview.replaceChildren(
    make(
      'section',
      { className: 'mn-plan', 'aria-labelledby': heading.id },
      heading,
      make(
        'ul',
        {},
        part(plan.add.length, 'to add', plan.add),
        part(plan.replace.length, 'to replace with a newer version', plan.replace),
        part(plan.skip.length, 'to skip: already here', []),
        ...(unreadable.length > 0
          ? [make('li', {}, `${unreadable.length} that cannot be read, to list under “Could not be read”`)]
          : []),
      ),
      make('p', {}, nothing ? 'Nothing in this file is new here.' : 'Nothing is written until you confirm.'),
      make('p', { className: 'mn-plan-actions' }, ...(nothing ? [] : [confirm, ' ']), cancel),
    ),
  );
  notes.announce(
    `${name}: ${plan.add.length} to add, ${plan.replace.length} to replace, ${plan.skip.length} to skip${unreadable.length > 0 ? `, ${unreadable.length} cannot be read` : ''}. Confirm or cancel below.`,
  );
  heading.focus();
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      await addNotes(target, [...plan.add, ...plan.replace], unreadable);
    } catch (error) {
      confirm.disabled = false;
      notes.announce(`Nothing was imported: ${(error as Error).message}.`);
      return;
    }
    const unread = unreadable.length > 0 ? ` ${unreadable.length} could not be read: listed below.` : '';
    preview.replaceChildren();
    notes.announce(
      `Imported ${name} into ${layerName(target)}: ${plan.add.length} added, ${plan.replace.length} updated, ${plan.skip.length} already here.${unread}`,
    );
    await notes.refresh();
  });
  cancel.addEventListener('click', () => {
    preview.replaceChildren();
    notes.announce(`Import of ${name} cancelled: nothing was written.`);
    back();
  });
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
