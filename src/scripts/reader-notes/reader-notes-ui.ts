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
import {
  countNotes,
  loadLayers,
  loadLayersInSteps,
  loadLayersOn,
  OWN_LAYER,
  onOtherTabChange,
} from './store.ts';

export async function startReaderNotes(main: HTMLElement, trigger: Event | null): Promise<void> {
  performance.mark('reader-notes:start');
  const passages = [...main.querySelectorAll<HTMLElement>('.passage')];
  const data = JSON.parse(document.getElementById('passage-tools-data')?.textContent ?? '{}') as {
    retired?: Record<string, { to: string }>;
  };
  const edition: EditionText = {
    // Each paragraph's text read from the page when a note is first looked for in it.
    passages: passages.map((passage) => {
      let text: string | undefined;
      return {
        id: passage.id,
        get text() {
          text ??= passageTextOf(passage).text;
          return text;
        },
      };
    }),
    retired: Object.entries(data.retired ?? {}).map(([id, { to }]) => ({ id, successor: to })),
  };
  // The notes of the paragraphs in view are read while the stylesheet comes; the others later.
  const first = loadLayersOn(inView(passages, edition, 0));
  first.catch(() => undefined);
  await loadStylesheet(stylesheet);
  const { live, announce } = createAnnouncer();
  const state: NotesState = {
    main,
    passages,
    edition,
    wide: matchMedia('(min-width: 48rem)'),
    layers: [],
    loaded: false,
    open: new Set(),
    announce,
    render: (focus) => painter.render(focus),
    added: (layer, annotation) => painter.added(layer, annotation),
    place: () => painter.place(),
  };
  const strip = layerStrip(state);
  const painter = new NotesPainter(state, strip);
  const bar = new SelectionBar(state);
  // After the text, so that showing it moves nothing the reader is reading; put there while the
  // notes in view are read, so that the margin is laid out again for the article's new size before
  // they are drawn, not once more after.
  main.querySelector('article')?.append(strip.element);

  let blocked: string | null = null;
  try {
    // The notes of the paragraphs in view first: the others are read while the browser is idle.
    state.layers = await first;
    performance.mark('reader-notes:loaded');
  } catch (error) {
    // Storage refused (private browsing, site data blocked): the reader is told where they look,
    // when they select words, and the notes they write last as long as the page.
    blocked = (error as Error).message;
    state.layers = [
      { id: OWN_LAYER, title: 'My notes', author: '', annotations: [], shown: true, editable: true },
    ];
    state.loaded = true;
  }
  document.body.append(live);
  await openLayerLink(state);
  state.render();
  // The notes in view drawn and laid out (the benchmark reads these marks).
  performance.mark('reader-notes:drawn');
  // Each load of every layer from the device; one begun earlier gives way to a later one.
  let loads = 0;
  // Whichever load reads every note first (this one, or one after another tab's change) decides,
  // once, whether to remind of a backup.
  let reminded = false;
  const allRead = () => {
    if (reminded || blocked) return;
    reminded = true;
    const reminder = backupReminder(state);
    if (reminder) strip.element.after(reminder);
  };
  // Once the notes in view are painted: those of the paragraphs around the view, then every other
  // one, read a few hundred at a time while the browser is idle.
  const readTheRest = async () => {
    await painted();
    let load = ++loads;
    // The count and the layers' switches as soon as the notes are counted (every layer shown:
    // a hidden one's notes on this page cannot be told from the others without reading them).
    if (state.layers.every((layer) => layer.shown)) {
      const counted = await countNotes(hereIds(passages, edition));
      if (load === loads && !state.loaded) strip.show(counted.on, counted.layers);
    }
    const near = await loadLayersOn(inView(passages, edition, 0.5));
    if (load !== loads || state.loaded) return;
    state.layers = near;
    state.render();
    load = ++loads;
    const layers = await loadLayersInSteps(async (annotations) => {
      await idle();
      painter.prepare(annotations);
    });
    if (load !== loads || state.loaded) return;
    state.layers = layers;
    state.loaded = true;
    state.render();
    allRead();
  };
  if (state.loaded) allRead();
  else
    readTheRest().catch((error: Error) =>
      state.announce(`Your other notes could not be read: ${error.message}.`),
    );
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
    loads++;
    state.layers = await loadLayers();
    state.loaded = true;
    state.render();
    allRead();
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
    loads++;
    state.layers = await loadLayers();
    state.loaded = true;
    state.render();
    allRead();
  });
  // Words selected before the notes had started (by the reader, or while they loaded) are offered now.
  if (trigger?.type === 'selectionchange' || !document.getSelection()?.isCollapsed) bar.offer();
}

/**
 * The ids of the paragraphs in the view, or within `margin` screens of it, and the retired ids that
 * lead to them: the notes read first. Measured all together, before anything is written.
 */
function inView(passages: readonly HTMLElement[], edition: EditionText, margin: number): string[] {
  const height = window.innerHeight;
  const ids = passages
    .filter((passage) => {
      const box = passage.getBoundingClientRect();
      return box.bottom > -height * margin && box.top < height * (1 + margin);
    })
    .map((passage) => passage.id);
  const near = new Set(ids);
  return [...ids, ...edition.retired.filter((entry) => near.has(entry.successor)).map((entry) => entry.id)];
}

/** The ids of the page's paragraphs, and the retired ids that lead to one of them. */
function hereIds(passages: readonly HTMLElement[], edition: EditionText): string[] {
  const ids = new Set(passages.map((passage) => passage.id));
  return [...ids, ...edition.retired.filter((entry) => ids.has(entry.successor)).map((entry) => entry.id)];
}

/** Waits until a frame has been painted (a moment, in a tab not shown, which paints none). */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => window.setTimeout(resolve, 0));
    window.setTimeout(resolve, 250);
  });
}

/** Waits for the browser to be idle (a moment, where it cannot say: WebKit). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (window.requestIdleCallback) window.requestIdleCallback(() => resolve(), { timeout: 100 });
    else window.setTimeout(resolve, 16);
  });
}
