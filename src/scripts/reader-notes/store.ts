/*
 * The reader's notes on this device: IndexedDB, one record per layer (the reader's own notes, and
 * each class layer opened from a link or a file). Nothing here ever leaves the browser.
 */
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { HAS_NOTES_FLAG } from './flag.ts';

/** The id of the reader's own layer. */
export const OWN_LAYER = 'mine';

export interface StoredLayer {
  /** OWN_LAYER, or a class layer's URN. */
  id: string;
  title: string;
  author: string;
  annotations: WebAnnotation[];
  /** Shown in the margin. */
  shown: boolean;
  /** Written on this device (the reader's own notes, a teacher's layer): its notes can be edited. */
  editable: boolean;
}

const DB_NAME = 'kirov-reader-notes';
const STORE = 'layers';

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every layer, the reader's own first (created empty when missing). */
export async function loadLayers(): Promise<StoredLayer[]> {
  const db = await database();
  const layers = await done(db.transaction(STORE).objectStore(STORE).getAll() as IDBRequest<StoredLayer[]>);
  const own = layers.find((layer) => layer.id === OWN_LAYER) ?? {
    id: OWN_LAYER,
    title: 'My notes',
    author: '',
    annotations: [],
    shown: true,
    editable: true,
  };
  return [
    own,
    ...layers.filter((layer) => layer.id !== OWN_LAYER).sort((a, b) => a.title.localeCompare(b.title)),
  ];
}

export async function saveLayer(layer: StoredLayer): Promise<void> {
  const db = await database();
  await done(db.transaction(STORE, 'readwrite').objectStore(STORE).put(layer));
  await updateFlag();
}

export async function deleteLayer(id: string): Promise<void> {
  const db = await database();
  await done(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(id));
  await updateFlag();
}

async function updateFlag(): Promise<void> {
  const any = (await loadLayers()).some((layer) => layer.annotations.length > 0 || layer.id !== OWN_LAYER);
  try {
    if (any) localStorage.setItem(HAS_NOTES_FLAG, '1');
    else localStorage.removeItem(HAS_NOTES_FLAG);
  } catch {
    // Without localStorage the notes load when the reader selects words or opens My notes.
  }
}
