/*
 * The "My notes" page (src/pages/my-notes/): every annotation of every layer on this device, found
 * again in the edition as it is now (/passages.json) and grouped by paragraph in reading order, each
 * a link to its words; those that could not be placed are listed with their words, never dropped.
 * Here the reader exports and imports files, and a teacher makes, shares and removes class layers.
 *
 * This file only puts the page together; each part is a module of my-notes/:
 *
 *   my-notes.ts        what the parts share (one object, passed to each)
 *   notes-list.ts      the notes, filtered and grouped by paragraph
 *   layer-rows.ts      the layers: shown or not, class link, file, remove
 *   keep-section.ts    where the notes live, persistent storage, the backup
 *   export-import.ts   JSON and Markdown exports, the import of a file (shown before it is written)
 *   new-layer-form.ts  a new class layer
 *   download.ts        a file saved from the browser
 */
import { type EditionText, reanchor } from '../../lib/reader-notes/reanchor.ts';
import stylesheet from '../../styles/reader-notes.css?url';
import { loadStylesheet } from '../stylesheet.ts';
import { make } from './make.ts';
import { exportButtons, importField } from './my-notes/export-import.ts';
import { keepSection } from './my-notes/keep-section.ts';
import { layerRows } from './my-notes/layer-rows.ts';
import type { MyNotes, PassageInfo } from './my-notes/my-notes.ts';
import { newLayerForm } from './my-notes/new-layer-form.ts';
import { notesList } from './my-notes/notes-list.ts';
import { loadLayers, onOtherTabChange } from './store.ts';

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

  const controls = make('section', { 'aria-labelledby': 'mn-layers' });
  const notes: MyNotes = {
    title: data.edition.title,
    passages,
    edition,
    layers: [],
    entries: [],
    announce: (message) => live.replaceChildren(make('p', {}, message)),
    refresh,
  };
  const list = notesList(notes);
  app.replaceChildren(controls, list.filters, list.list);

  /** Reads the layers again, finds every annotation in the edition, and redraws the page. */
  async function refresh(): Promise<void> {
    try {
      notes.layers = await loadLayers();
    } catch (error) {
      // Storage refused: said where the reader looks, instead of an empty page.
      app.replaceChildren(
        make('h2', { id: 'mn-blocked' }, 'Your notes cannot be kept in this browser'),
        make('p', { className: 'mn-blocked' }, `${(error as Error).message}.`),
      );
      return;
    }
    notes.entries = notes.layers.flatMap((layer) =>
      layer.annotations.map((annotation) => ({
        layer,
        annotation,
        placement: reanchor(annotation, edition),
      })),
    );
    list.showLayers();
    controls.replaceChildren(
      keepSection(notes),
      make('h2', { id: 'mn-layers' }, 'Layers'),
      make('ul', { className: 'mn-layers' }, ...layerRows(notes)),
      make('h3', {}, 'Export and import'),
      exportButtons(notes),
      importField(notes),
      make('h3', {}, 'A class layer'),
      make(
        'p',
        {},
        'A teacher writes notes and questions as a layer and gives the class its link: the notes travel inside the link, never through a server.',
      ),
      newLayerForm(notes),
    );
    list.show();
  }

  await refresh();
  onOtherTabChange(() => refresh());
}
