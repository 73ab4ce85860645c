/*
 * The "My notes" page (src/pages/my-notes/): every annotation of every layer on this device, found
 * again in the edition as it is now (/passages.json) and grouped by paragraph in reading order, each
 * a link to its words; those that could not be placed are listed with their words, never dropped.
 * Here the reader exports and imports files, and a teacher makes, shares and removes class layers.
 */
import '../reader-notes.ts';
import { layerLink } from '../../lib/reader-notes/class-layer.ts';
import { exportJson, exportMarkdown, type ListedNote } from '../../lib/reader-notes/export-notes.ts';
import { mergeAnnotations } from '../../lib/reader-notes/merge.ts';
import { type EditionText, type Placement, reanchor } from '../../lib/reader-notes/reanchor.ts';
import { parseImport, type WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import stylesheet from '../../styles/reader-notes.css?url';
import { loadStylesheet } from '../stylesheet.ts';
import { make, newUrn } from './make.ts';
import { deleteLayer, loadLayers, OWN_LAYER, type StoredLayer, saveLayer } from './store.ts';

interface PassageInfo {
  id: string;
  n: number;
  document: string;
  text: string;
  url: string;
}

interface Entry {
  layer: StoredLayer;
  annotation: WebAnnotation;
  placement: Placement;
}

const KIND: Record<WebAnnotation['motivation'], string> = {
  highlighting: 'highlight',
  commenting: 'note',
  questioning: 'question',
  replying: 'answer',
};

const app = document.getElementById('my-notes-app');
const article = app?.closest<HTMLElement>('article');
if (app && article) start(app, article);

async function start(app: HTMLElement, article: HTMLElement): Promise<void> {
  article.querySelector('.my-notes-nojs')?.remove();
  const [, response] = await Promise.all([loadStylesheet(stylesheet), fetch(article.dataset.passages ?? '')]);
  const data = (await response.json()) as {
    edition: { title: string; documents: { id: string; title: string }[] };
    passages: { id: string; n: number; document: string; text: string; url: string }[];
    retired: { id: string; successor: string }[];
  };
  const titles = new Map(data.edition.documents.map((d) => [d.id, d.title]));
  const passages: PassageInfo[] = data.passages.map((p) => ({
    ...p,
    document: titles.get(p.document) ?? p.document,
    url: new URL(p.url, location.href).href,
  }));
  const edition: EditionText = { passages, retired: data.retired };
  const live = make('div', { className: 'rn-live', role: 'status' });
  document.body.append(live);
  const announce = (message: string) => live.replaceChildren(make('p', {}, message));

  const controls = make('section', { 'aria-labelledby': 'mn-layers' });
  const filters = make('div', { className: 'mn-filter' });
  const list = make('div', { className: 'mn-list' });
  app.replaceChildren(controls, filters, list);

  const query = make('input', { type: 'search', id: 'mn-query' });
  const layerFilter = make('select', { id: 'mn-layer' });
  filters.append(...labelled('Filter by words', query), ' ', ...labelled('Layer', layerFilter));
  query.addEventListener('input', () => showList());
  layerFilter.addEventListener('change', () => showList());

  let layers = await loadLayers();
  let entries: Entry[] = [];

  async function refresh(): Promise<void> {
    layers = await loadLayers();
    entries = layers.flatMap((layer) =>
      layer.annotations.map((annotation) => ({
        layer,
        annotation,
        placement: reanchor(annotation, edition),
      })),
    );
    const chosen = layerFilter.value;
    layerFilter.replaceChildren(
      make('option', { value: '' }, 'All layers'),
      ...layers.map((layer) => make('option', { value: layer.id }, layerName(layer))),
    );
    layerFilter.value = layers.some((l) => l.id === chosen) ? chosen : '';
    showControls();
    showList();
  }

  const layerName = (layer: StoredLayer) =>
    layer.id === OWN_LAYER ? 'My notes' : `Class: ${layer.title}${layer.author ? ` (${layer.author})` : ''}`;

  function download(name: string, type: string, text: string): void {
    const link = make('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function button(text: string, action: () => void, label?: string): HTMLButtonElement {
    const b = make('button', { type: 'button', className: 'rn-b' }, text);
    if (label) b.setAttribute('aria-label', label);
    b.addEventListener('click', action);
    return b;
  }

  function listed(entry: Entry): ListedNote {
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

  const inReadingOrder = (a: Entry, b: Entry) => {
    const index = (entry: Entry) =>
      entry.placement.placed
        ? passages.findIndex((p) => p.id === (entry.placement as { passage: string }).passage)
        : Infinity;
    const start = (entry: Entry) => (entry.placement.placed ? entry.placement.start : 0);
    return index(a) - index(b) || start(a) - start(b);
  };

  function showControls(): void {
    const own = layers.find((l) => l.id === OWN_LAYER);
    const title = make('input', { id: 'mn-new-title', required: true });
    const author = make('input', { id: 'mn-new-author' });
    const create = make('form', { className: 'mn-new' });
    create.append(
      ...labelled('Title', title),
      ' ',
      ...labelled('Your name', author),
      ' ',
      make('button', { type: 'submit', className: 'rn-b' }, 'Make a class layer'),
    );
    create.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!title.value.trim()) return;
      await saveLayer({
        id: newUrn(),
        title: title.value.trim(),
        author: author.value.trim(),
        annotations: [],
        shown: true,
        editable: true,
      });
      announce(
        `Class layer “${title.value.trim()}” made: select words in a text and choose “Question for…”.`,
      );
      await refresh();
    });
    const file = make('input', {
      type: 'file',
      id: 'mn-import',
      accept: '.json,application/json,application/ld+json',
    });
    file.addEventListener('change', async () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      try {
        const imported = parseImport(await chosen.text(), chosen.name);
        const target = imported.layer
          ? (layers.find((l) => l.id === imported.layer?.id) ?? {
              ...imported.layer,
              annotations: [],
              shown: true,
              editable: false,
            })
          : (own as StoredLayer);
        const result = mergeAnnotations(target.annotations, imported.annotations);
        await saveLayer({ ...target, annotations: result.annotations });
        announce(
          `Imported ${chosen.name} into ${layerName(target)}: ${result.added} added, ${result.updated} updated, ${result.unchanged} already here.`,
        );
        await refresh();
      } catch (error) {
        announce((error as Error).message);
      }
      file.value = '';
    });
    const date = new Date().toISOString().slice(0, 10);
    const rows = layers.map((layer) => {
      const box = make('input', {
        type: 'checkbox',
        checked: layer.shown,
        id: `mn-show-${layers.indexOf(layer)}`,
      });
      box.addEventListener('change', async () => {
        await saveLayer({ ...layer, shown: box.checked });
        layers = await loadLayers();
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
      if (layer.id !== OWN_LAYER) {
        const share = make('p', { className: 'mn-share' });
        row.append(
          ' ',
          button(
            'Class link',
            async () => {
              const essay = new URL(document.documentElement.dataset.base ?? '/', location.href).href;
              const link = await layerLink(essay, layer);
              const field = make('input', {
                readOnly: true,
                value: link,
                id: `mn-link-${layers.indexOf(layer)}`,
              });
              share.replaceChildren(
                make('label', { htmlFor: field.id }, `Link to “${layer.title}” (${link.length} characters) `),
                field,
              );
              field.select();
              try {
                await navigator.clipboard.writeText(link);
                announce('Class link copied. Its notes travel in the link itself: no server keeps them.');
              } catch {
                announce('Copy the class link from the box.');
              }
            },
            `Class link for ${layer.title}`,
          ),
          button(
            'Export file',
            () =>
              download(
                `${slug(layer.title)}.json`,
                'application/ld+json',
                exportJson(layer.title, layer.annotations, layer),
              ),
            `Export ${layer.title} as a file`,
          ),
          button(
            'Remove',
            async () => {
              await deleteLayer(layer.id);
              announce(`Removed the class layer “${layer.title}” from this device.`);
              await refresh();
            },
            `Remove ${layer.title} from this device`,
          ),
          share,
        );
      }
      return row;
    });
    controls.replaceChildren(
      make('h2', { id: 'mn-layers' }, 'Layers'),
      make('ul', { className: 'mn-layers' }, ...rows),
      make('h3', {}, 'Export and import'),
      make(
        'p',
        {},
        button('Export my notes (JSON)', () =>
          download(
            `my-notes-${date}.json`,
            'application/ld+json',
            exportJson('My notes', own?.annotations ?? []),
          ),
        ),
        ' ',
        button('Export all as Markdown', () =>
          download(
            `my-notes-${date}.md`,
            'text/markdown',
            exportMarkdown(`My notes on ${data.edition.title}`, entries.toSorted(inReadingOrder).map(listed)),
          ),
        ),
      ),
      make(
        'p',
        {},
        make('label', { htmlFor: 'mn-import' }, 'Import a file of notes or a class layer '),
        file,
      ),
      make('h3', {}, 'A class layer'),
      make(
        'p',
        {},
        'A teacher writes notes and questions as a layer and gives the class its link: the notes travel inside the link, never through a server.',
      ),
      create,
    );
  }

  function showList(): void {
    const words = query.value.trim().toLowerCase();
    const layerId = layerFilter.value;
    const shown = entries
      .filter((entry) => !layerId || entry.layer.id === layerId)
      .filter((entry) => {
        if (!words) return true;
        const text = `${entry.annotation.target.selector[0].exact} ${entry.annotation.body?.value ?? ''}`;
        return text.toLowerCase().includes(words);
      })
      .toSorted(inReadingOrder);
    const placed = shown.filter((entry) => entry.placement.placed);
    const unplaced = shown.filter((entry) => !entry.placement.placed);
    const blocks: HTMLElement[] = [make('h2', { id: 'mn-notes' }, `Notes (${placed.length})`)];
    if (entries.length === 0) blocks.push(make('p', {}, 'No notes yet on this device.'));
    let current = '';
    let group: HTMLElement | null = null;
    for (const entry of placed) {
      const passage = passages.find((p) => entry.placement.placed && p.id === entry.placement.passage);
      if (!passage) continue;
      if (passage.id !== current) {
        current = passage.id;
        group = make('ul', { className: 'mn-group' });
        blocks.push(
          make('h3', {}, make('a', { href: passage.url }, `${passage.document}, ¶ ${passage.n}`)),
          group,
        );
      }
      group?.append(item(entry, passage.url));
    }
    if (unplaced.length > 0) {
      blocks.push(
        make('h2', { id: 'mn-unplaced' }, `Could not be placed (${unplaced.length})`),
        make(
          'p',
          {},
          'The edition has changed since these were written: their words are kept here, with where they were.',
        ),
        make('ul', { className: 'mn-group' }, ...unplaced.map((entry) => item(entry, null))),
      );
    }
    list.replaceChildren(...blocks);
  }

  function item(entry: Entry, url: string | null): HTMLElement {
    const own = entry.layer.id === OWN_LAYER;
    const label = own
      ? `Your ${KIND[entry.annotation.motivation]}`
      : `${entry.layer.title}: ${KIND[entry.annotation.motivation]}`;
    // The words as the edition has them now, which a new release may have changed a little.
    const { placement } = entry;
    const now = placement.placed
      ? passages.find((p) => p.id === placement.passage)?.text.slice(placement.start, placement.end)
      : undefined;
    const exact = (now ?? entry.annotation.target.selector[0].exact).replace(/\s+/g, ' ').trim();
    const quote = url ? make('a', { href: url }, `“${exact}”`) : make('q', {}, exact);
    const li = make('li', { className: own ? 'mn-item rn-own' : 'mn-item rn-class' });
    li.dataset.rn = entry.annotation.id;
    li.append(make('span', { className: 'rn-label' }, label), ' ', quote);
    if (entry.annotation.body?.value)
      li.append(make('p', { className: 'rn-body' }, entry.annotation.body.value));
    if (!entry.placement.placed) {
      li.append(
        make(
          'p',
          { className: 'rn-question' },
          `Could not be placed: ${entry.placement.reason}. It was on ${entry.annotation.target.source}.`,
        ),
      );
    }
    return li;
  }

  await refresh();
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'class-layer'
  );
}

/** A form control after its label, which names it by its id. */
function labelled(
  label: string,
  control: HTMLInputElement | HTMLSelectElement,
): [HTMLLabelElement, HTMLElement] {
  return [make('label', { htmlFor: control.id }, `${label} `), control];
}
