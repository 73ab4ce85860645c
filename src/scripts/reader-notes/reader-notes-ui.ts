/*
 * The reader's own layer on a document page, loaded by src/scripts/reader-notes.ts on first use:
 * select words, then Highlight or Note (or, for a teacher, a question in a class layer); each
 * annotation is marked in the text and shown beside its words in a <reader-note> (under its
 * paragraph on a narrow screen), where it is edited, deleted (with undo) or answered. Class layers
 * arrive by link (#layer=…) and are shown or hidden from the strip after the text.
 *
 * This file only puts the parts together; each is a module beside it:
 *
 *   state.ts          what the parts share (one object, passed to each)
 *   selection-bar.ts  the actions beside selected words     create-note.ts  a highlight, a note, a question
 *   render-notes.ts   the notes marked and placed            note-element.ts one note, folded on a phone
 *   note-actions.ts   edit, delete and undo, answer          note-editor.ts  the text box
 *   layer-strip.ts    the count and the layers' switches     class-link.ts   a class layer opened from a link
 *   store.ts          the layers on this device (IndexedDB)  dom-text.ts     a passage's text and the page's nodes
 */
import type { EditionText } from '../../lib/reader-notes/reanchor.ts';
import stylesheet from '../../styles/reader-notes.css?url';
import { loadStylesheet } from '../stylesheet.ts';
import { createAnnouncer } from './announcer.ts';
import { backupReminder } from './backup-reminder.ts';
import { openLayerLink } from './class-link.ts';
import { passageTextOf } from './dom-text.ts';
import { layerStrip } from './layer-strip.ts';
import { NotesPainter } from './render-notes.ts';
import { SelectionBar } from './selection-bar.ts';
import type { NotesState } from './state.ts';
import { loadLayers, OWN_LAYER, onOtherTabChange } from './store.ts';

export async function startReaderNotes(main: HTMLElement, trigger: Event | null): Promise<void> {
  performance.mark('reader-notes:start');
  await loadStylesheet(stylesheet);
  const passages = [...main.querySelectorAll<HTMLElement>('.passage')];
  const data = JSON.parse(document.getElementById('passage-tools-data')?.textContent ?? '{}') as {
    retired?: Record<string, { to: string }>;
  };
  const edition: EditionText = {
    passages: passages.map((passage) => ({ id: passage.id, text: passageTextOf(passage).text })),
    retired: Object.entries(data.retired ?? {}).map(([id, { to }]) => ({ id, successor: to })),
  };
  const { live, announce } = createAnnouncer();
  const state: NotesState = {
    main,
    passages,
    edition,
    wide: matchMedia('(min-width: 48rem)'),
    layers: [],
    open: new Set(),
    announce,
    render: (focus) => painter.render(focus),
    place: () => painter.place(),
  };
  const strip = layerStrip(state);
  const painter = new NotesPainter(state, strip);
  const bar = new SelectionBar(state);

  let blocked: string | null = null;
  try {
    state.layers = await loadLayers();
    performance.mark('reader-notes:loaded');
  } catch (error) {
    // Storage refused (private browsing, site data blocked): the reader is told where they look,
    // when they select words, and the notes they write last as long as the page.
    blocked = (error as Error).message;
    state.layers = [
      { id: OWN_LAYER, title: 'My notes', author: '', annotations: [], shown: true, editable: true },
    ];
  }
  document.body.append(live);
  // After the text, so that showing it moves nothing the reader is reading.
  main.querySelector('article')?.append(strip.element);
  await openLayerLink(state);
  state.render();
  // The notes near the view drawn and laid out (the benchmark reads these marks).
  performance.mark('reader-notes:drawn');
  if (!blocked) {
    const reminder = backupReminder(state);
    if (reminder) strip.element.after(reminder);
  }
  bar.listen();
  if (blocked) bar.blocked = blocked;
  // Another tab changed the notes: drawn again from the device, unless a note is being written here.
  let pending = false;
  const redraw = async () => {
    if (main.querySelector('reader-note textarea')) {
      pending = true;
      return;
    }
    pending = false;
    state.layers = await loadLayers();
    state.render();
  };
  onOtherTabChange(redraw);
  main.addEventListener('focusout', () => {
    if (pending) window.setTimeout(redraw, 0);
  });
  window.addEventListener('hashchange', () => {
    if (location.hash.startsWith('#layer=')) openLayerLink(state).then(() => state.render());
  });
  state.wide.addEventListener('change', () => state.render());
  // Another part of the page (a class packet's answers) changed the layers on this device.
  document.addEventListener('notes:changed', async () => {
    state.layers = await loadLayers();
    state.render();
  });
  // Words selected before the notes had started (by the reader, or while they loaded) are offered now.
  if (trigger?.type === 'selectionchange' || !document.getSelection()?.isCollapsed) bar.offer();
}
