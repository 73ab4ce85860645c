/*
 * The reader's notes on this device, in IndexedDB: one record per layer (its title, whether it is
 * shown, where it came from) and one record per annotation, so that a save writes only the
 * annotation it is about and two open tabs never overwrite each other. A write resolves when its
 * transaction has completed, and rejects when it did not. Other tabs hear of each change (a
 * BroadcastChannel) and draw it. Nothing here ever leaves the browser.
 *
 * Version 1 kept a layer and all its annotations in one record; opening the database moves each
 * annotation to its own record inside the upgrade's transaction, so that either all of them move
 * or none does, and none is dropped (one without an id, or with an id met before, gets a key of its
 * own).
 *
 * Version 3 gives each record the id of the paragraph its annotation is on (an index), so that a
 * page reads the notes in view first and the others while the browser is idle; the upgrade adds it
 * to every record kept before, and changes nothing else.
 */
import { passageIdOf } from '../../lib/reader-notes/model.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { HAS_NOTES_FLAG } from './flag.ts';
import { askToKeep } from './keeping.ts';

/** The id of the reader's own layer. */
export const OWN_LAYER = 'mine';

/** Something kept that could not be read: its reason, and its text to copy. */
export interface Unreadable {
  /** The record's key in its layer. */
  key: string;
  reason: string;
  raw: string;
}

export interface StoredLayer {
  /** OWN_LAYER, a class layer made here (its URN), or a layer from a link or a file (link:…, file:…). */
  id: string;
  title: string;
  author: string;
  annotations: WebAnnotation[];
  /** Shown in the margin. */
  shown: boolean;
  /** Written on this device (the reader's own notes, a teacher's layer): its notes can be edited. */
  editable: boolean;
  /** For a layer that came from elsewhere: how. A link never writes into a layer without it. */
  from?: 'link' | 'file';
  /** For a layer from a link: the layer's own id, as its teacher's device knows it. */
  layerId?: string;
  /** For a layer from a signed link: the fingerprint of the teacher's key, whose updates replace it. */
  signer?: string;
  /** For a teacher's layer: the key that signs its links (kept here only, never exported). */
  keys?: { privateKey: CryptoKey; publicKey: string };
  /** When a layer from elsewhere came. */
  added?: string;
  /** Its records that could not be read, listed on My notes. */
  unreadable?: Unreadable[];
}

/** One annotation's record. */
interface NoteRecord {
  layer: string;
  id: string;
  /** The paragraph the annotation is on (its source's fragment), '' when there is none. */
  passage: string;
  annotation?: unknown;
  /** For what came in but could not be read: why, and its text. */
  reason?: string;
  raw?: string;
}

type LayerRecord = Omit<StoredLayer, 'annotations' | 'unreadable'> & { annotations?: unknown };

const DB_NAME = 'kirov-reader-notes';
const LAYERS = 'layers';
const NOTES = 'notes';
const VERSION = 3;
/** The notes store's index of the paragraph each annotation is on. */
const BY_PASSAGE = 'passage';

/** Storage this browser refuses the site: the message says so, and what the reader can do. */
export class StorageBlocked extends Error {
  override name = 'StorageBlocked';
}

const BLOCKED =
  'this browser does not let the site keep data (private browsing, or site data blocked in its settings); allow site data for this site, or export what you write, to keep it';

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DB_NAME, VERSION);
    } catch {
      reject(new StorageBlocked(BLOCKED));
      return;
    }
    request.onupgradeneeded = (event) => upgrade(request, event.oldVersion);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab opening a newer version: this one steps aside and reloads its notes later.
      db.onversionchange = () => {
        db.close();
        opened = undefined;
      };
      resolve(db);
    };
    request.onerror = () => reject(new StorageBlocked(`${BLOCKED} (${request.error?.message ?? 'refused'})`));
    request.onblocked = () => undefined;
  }).catch((error) => {
    opened = undefined;
    throw error;
  });
  return opened;
}

function upgrade(request: IDBOpenDBRequest, oldVersion: number): void {
  const db = request.result;
  const tx = request.transaction;
  if (!tx) return;
  const layers = oldVersion < 1 ? db.createObjectStore(LAYERS, { keyPath: 'id' }) : tx.objectStore(LAYERS);
  let notes: IDBObjectStore;
  if (oldVersion < 2) {
    notes = db.createObjectStore(NOTES, { keyPath: ['layer', 'id'] });
    notes.createIndex('layer', 'layer');
  } else notes = tx.objectStore(NOTES);
  if (oldVersion < 3) notes.createIndex(BY_PASSAGE, BY_PASSAGE);
  if (oldVersion === 2) {
    // Each record kept, its paragraph added; nothing else of it changes.
    const each = notes.openCursor();
    each.onsuccess = () => {
      const at = each.result;
      if (!at) return;
      const record = at.value as NoteRecord;
      at.update({ ...record, passage: passageOf(record.annotation) });
      at.continue();
    };
    return;
  }
  if (oldVersion < 1) return;
  const cursor = layers.openCursor();
  cursor.onsuccess = () => {
    const at = cursor.result;
    if (!at) return;
    const { annotations, ...meta } = at.value as LayerRecord;
    const used = new Set<string>();
    (Array.isArray(annotations) ? annotations : []).forEach((annotation: unknown, index: number) => {
      const id = (annotation as { id?: unknown } | null)?.id;
      let key = typeof id === 'string' && id ? id : `unnamed-${index}`;
      if (used.has(key)) key = `${key}~${index}`;
      used.add(key);
      notes.put(recordOf(meta.id, key, annotation));
    });
    at.update(meta);
    at.continue();
  };
}

/** The paragraph an annotation is on, for the index: '' for what has no readable source. */
function passageOf(annotation: unknown): string {
  const source = (annotation as { target?: { source?: unknown } } | null)?.target?.source;
  return typeof source === 'string' ? passageIdOf({ target: { source } }) : '';
}

function recordOf(layer: string, id: string, annotation: unknown): NoteRecord {
  return { layer, id, passage: passageOf(annotation), annotation };
}

/** The record of what came in but could not be read: on no paragraph, kept with why and its text. */
function unreadableRecord(
  layer: string,
  id: string,
  { reason, raw }: Pick<Unreadable, 'reason' | 'raw'>,
): NoteRecord {
  return { layer, id, passage: '', reason, raw };
}

/** Resolves when the transaction has completed; rejects, with its reason, when it aborts. */
function completed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('the browser cancelled the write', 'AbortError'));
  });
}

async function write(stores: string[], work: (tx: IDBTransaction) => void, changed: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(stores, 'readwrite');
  const done = completed(tx);
  work(tx);
  await done;
  tell(changed);
}

/**
 * Whether a stored annotation can be drawn: the fields the page reads are there and of their kind.
 * A record that fails is set aside (listed on My notes with its text), never drawn.
 */
function readable(annotation: unknown): string | null {
  const a = annotation as Partial<WebAnnotation> | null;
  if (typeof a !== 'object' || a === null) return 'it is not an annotation';
  if (typeof a.id !== 'string') return 'it has no id';
  if (typeof a.target?.source !== 'string') return 'it names no paragraph';
  const quote = a.target.selector?.[0];
  if (typeof quote?.exact !== 'string' || quote.exact === '') return 'it names no words';
  if (a.body !== undefined && typeof a.body?.value !== 'string') return 'its note is not text';
  try {
    const url = new URL(a.target.source);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return 'its paragraph’s address is not a web address';
  } catch {
    return 'its paragraph’s address is not a web address';
  }
  return null;
}

function rawText(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Every layer, the reader's own first (created empty when missing), each with its annotations. */
export async function loadLayers(): Promise<StoredLayer[]> {
  const db = await database();
  const tx = db.transaction([LAYERS, NOTES]);
  const metas = tx.objectStore(LAYERS).getAll();
  const records = tx.objectStore(NOTES).getAll();
  await completed(tx);
  return assemble(metas.result as LayerRecord[], records.result as NoteRecord[]);
}

/**
 * Every layer, with only the annotations on the paragraphs named (by the index): what a page needs
 * to draw the notes in view, read in a fraction of the time all of them take.
 */
export async function loadLayersOn(passages: readonly string[]): Promise<StoredLayer[]> {
  const db = await database();
  const tx = db.transaction([LAYERS, NOTES]);
  const metas = tx.objectStore(LAYERS).getAll();
  const index = tx.objectStore(NOTES).index(BY_PASSAGE);
  const reads = [...new Set(passages)].map((passage) => index.getAll(passage));
  await completed(tx);
  return assemble(
    metas.result as LayerRecord[],
    reads.flatMap((read) => read.result as NoteRecord[]),
  );
}

/**
 * How many records each layer holds, and how many are on the paragraphs named: counted by the
 * indexes, not one of them read, so that a page can say how many notes it has in a moment.
 */
export async function countNotes(
  passages: readonly string[],
): Promise<{ layers: Map<string, number>; on: number }> {
  const db = await database();
  const tx = db.transaction([LAYERS, NOTES]);
  const ids = tx.objectStore(LAYERS).getAllKeys();
  const notes = tx.objectStore(NOTES);
  const on = [...new Set(passages)].map((passage) => notes.index(BY_PASSAGE).count(passage));
  const layers = new Map<string, IDBRequest<number>>();
  ids.onsuccess = () => {
    for (const id of [OWN_LAYER, ...(ids.result as string[])]) layers.set(id, notes.index('layer').count(id));
  };
  await completed(tx);
  return {
    layers: new Map([...layers].map(([id, count]) => [id, count.result])),
    on: on.reduce((sum, count) => sum + count.result, 0),
  };
}

/** Writes made by this page while a load in steps is under way, applied to what it read. */
const journals = new Set<{ changed: Map<string, NoteRecord | null>; whole: boolean }>();

function journal(layer: string, id: string, record: NoteRecord | null): void {
  for (const entry of journals) entry.changed.set(JSON.stringify([layer, id]), record);
}

/** This page's writes of single notes under way, which a load in steps waits for before it ends. */
const writing = new Set<Promise<void>>();

function tracked(promise: Promise<void>): Promise<void> {
  writing.add(promise);
  const done = () => writing.delete(promise);
  promise.then(done, done);
  return promise;
}

function journalWhole(): void {
  for (const entry of journals) entry.whole = true;
}

/**
 * Every layer, as loadLayers gives them, read a few hundred records at a time, each in its own
 * transaction, with `between` awaited after each (the page's idle time) and given the annotations
 * just read: no step holds the page long, and a note written meanwhile waits for none. What this
 * page writes meanwhile is applied to what was read; after a change to a whole layer (a link, an
 * import), everything is read again at once.
 */
export async function loadLayersInSteps(
  between: (annotations: readonly unknown[]) => Promise<void>,
  step = 800,
): Promise<StoredLayer[]> {
  const entry = { changed: new Map<string, NoteRecord | null>(), whole: false };
  journals.add(entry);
  try {
    const db = await database();
    const records = new Map<string, NoteRecord>();
    let after: IDBValidKey | undefined;
    for (;;) {
      const tx = db.transaction(NOTES);
      const read = tx
        .objectStore(NOTES)
        .getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), step);
      await completed(tx);
      const got = read.result as NoteRecord[];
      for (const record of got) records.set(JSON.stringify([record.layer, record.id]), record);
      const last = got.at(-1);
      if (last) after = [last.layer, last.id];
      await between(got.map((record) => record.annotation));
      if (got.length < step) break;
    }
    while (writing.size > 0) await Promise.allSettled([...writing]);
    if (entry.whole) return await loadLayers();
    for (const [key, record] of entry.changed) {
      if (record) records.set(key, record);
      else records.delete(key);
    }
    const tx = db.transaction(LAYERS);
    const metas = tx.objectStore(LAYERS).getAll();
    await completed(tx);
    return assemble(metas.result as LayerRecord[], [...records.values()]);
  } finally {
    journals.delete(entry);
  }
}

/** The layers from their records and their annotations' records, the reader's own first. */
function assemble(metas: readonly LayerRecord[], records: readonly NoteRecord[]): StoredLayer[] {
  const layers = new Map<string, StoredLayer>();
  for (const meta of metas) {
    const { annotations: _, ...rest } = meta;
    layers.set(meta.id, { ...rest, annotations: [], unreadable: [] });
  }
  const own = layers.get(OWN_LAYER) ?? {
    id: OWN_LAYER,
    title: 'My notes',
    author: '',
    annotations: [],
    unreadable: [],
    shown: true,
    editable: true,
  };
  layers.set(OWN_LAYER, own);
  for (const record of records) {
    const layer = layers.get(record.layer) ?? own;
    const problem = record.reason ?? readable(record.annotation);
    if (problem) {
      layer.unreadable?.push({
        key: record.id,
        reason: problem,
        raw: record.raw ?? rawText(record.annotation),
      });
    } else {
      layer.annotations.push(record.annotation as WebAnnotation);
    }
  }
  for (const layer of layers.values()) {
    // ISO times sort as strings; a plain comparison, for a layer of thousands. The same order
    // however the records were read (by paragraph, or all of them).
    layer.annotations.sort((a, b) => {
      const x = a.created ?? '';
      const y = b.created ?? '';
      return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  }
  return [
    own,
    ...[...layers.values()].filter((layer) => layer !== own).sort((a, b) => a.title.localeCompare(b.title)),
  ];
}

function metaOf(layer: StoredLayer): LayerRecord {
  const { annotations: _, unreadable: __, ...meta } = layer;
  return meta;
}

/** Keeps one annotation of a layer (new or changed), and the layer's record. */
export async function saveNote(layer: StoredLayer, annotation: WebAnnotation): Promise<void> {
  await tracked(
    write(
      [LAYERS, NOTES],
      (tx) => {
        tx.objectStore(LAYERS).put(metaOf(layer));
        tx.objectStore(NOTES).put(recordOf(layer.id, annotation.id, annotation));
      },
      layer.id,
    ).then(() => journal(layer.id, annotation.id, recordOf(layer.id, annotation.id, annotation))),
  );
  setFlag(true);
}

/** Forgets one annotation (or a record that could not be read) of a layer. */
export async function deleteNote(layerId: string, id: string): Promise<void> {
  await tracked(
    write([NOTES], (tx) => tx.objectStore(NOTES).delete([layerId, id]), layerId).then(() =>
      journal(layerId, id, null),
    ),
  );
}

/**
 * Keeps a layer's own record: its title, whether it is shown. A class layer, even one still empty,
 * starts the notes on the next page, where its questions are written.
 */
export async function saveLayerMeta(layer: StoredLayer): Promise<void> {
  await write([LAYERS], (tx) => tx.objectStore(LAYERS).put(metaOf(layer)), layer.id);
  setFlag(layer.id !== OWN_LAYER);
}

/**
 * Keeps a whole layer in one transaction, in place of what was kept under its id: its record, its
 * annotations, and what could not be read of it. Used for a layer from a link or a file, never for
 * one made on this device.
 */
export async function replaceLayer(
  layer: StoredLayer,
  unreadable: readonly { reason: string; raw: string }[] = [],
): Promise<void> {
  await write(
    [LAYERS, NOTES],
    (tx) => {
      const notes = tx.objectStore(NOTES);
      notes.delete(IDBKeyRange.bound([layer.id], [layer.id, []]));
      tx.objectStore(LAYERS).put(metaOf(layer));
      for (const annotation of layer.annotations) notes.put(recordOf(layer.id, annotation.id, annotation));
      for (const [index, problem] of unreadable.entries())
        notes.put(unreadableRecord(layer.id, `unreadable-${index}`, problem));
    },
    layer.id,
  );
  journalWhole();
  setFlag(true);
}

/** Adds annotations, and records that could not be read, to a layer, without touching the others. */
export async function addNotes(
  layer: StoredLayer,
  annotations: readonly WebAnnotation[],
  unreadable: readonly { reason: string; raw: string }[] = [],
): Promise<void> {
  const stamp = Date.now().toString(36);
  await write(
    [LAYERS, NOTES],
    (tx) => {
      const notes = tx.objectStore(NOTES);
      tx.objectStore(LAYERS).put(metaOf(layer));
      for (const annotation of annotations) notes.put(recordOf(layer.id, annotation.id, annotation));
      for (const [index, problem] of unreadable.entries())
        notes.put(unreadableRecord(layer.id, `unreadable-${stamp}-${index}`, problem));
    },
    layer.id,
  );
  journalWhole();
  setFlag(true);
}

/** Removes a layer and all it holds. */
export async function deleteLayer(id: string): Promise<void> {
  await write(
    [LAYERS, NOTES],
    (tx) => {
      tx.objectStore(LAYERS).delete(id);
      tx.objectStore(NOTES).delete(IDBKeyRange.bound([id], [id, []]));
    },
    id,
  );
  journalWhole();
}

function setFlag(any: boolean): void {
  // The first note kept on this page asks the browser to keep the notes for good (keeping.ts).
  if (any) askToKeep();
  try {
    if (any) localStorage.setItem(HAS_NOTES_FLAG, '1');
  } catch {
    // Without localStorage the notes load when the reader selects words or opens My notes.
  }
}

/*
 * Other tabs of the site hear of each change, and draw the layers again from the device.
 */
const CHANNEL = 'kirov-reader-notes';
let channel: BroadcastChannel | undefined;
/** This page's name on the channel: a page hears every channel of the name, its own included. */
const PAGE = Math.random().toString(36).slice(2);

function tell(layer: string): void {
  try {
    channel ??= new BroadcastChannel(CHANNEL);
    channel.postMessage({ changed: layer, from: PAGE });
  } catch {
    // Without BroadcastChannel another tab shows the change when it is reloaded.
  }
}

/** Calls `changed` when another tab has changed the notes on this device. */
export function onOtherTabChange(changed: () => void): void {
  try {
    const listener = new BroadcastChannel(CHANNEL);
    listener.onmessage = (event: MessageEvent<{ from?: string }>) => {
      if (event.data?.from !== PAGE) changed();
    };
  } catch {
    // As above.
  }
}
