/*
 * Keeping the reader's notes: the browser asked, at the first note, to keep the site's storage
 * for good (navigator.storage.persist(): without it a browser may clear the notes to free space,
 * and Safari clears a site's data after seven days without a visit); a backup is the JSON export,
 * one click away; and at most once a week a quiet reminder when notes were never saved to a file.
 * What was asked and when the last backup was made are remembered in localStorage.
 */
import { exportJson } from '../../lib/reader-notes/export-notes.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { download } from './my-notes/download.ts';

const BACKUP_KEY = 'kirov-reader-notes-backup';
const REMINDED_KEY = 'kirov-reader-notes-reminded';
/** A reminder comes back no sooner than this. */
export const REMIND_EVERY_MS = 7 * 24 * 60 * 60 * 1000;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Without localStorage the page cannot remember a backup: it offers one again, which is harmless.
  }
}

/** When the reader's notes were last saved to a file (an ISO time), or null. */
export const lastBackup = (): string | null => read(BACKUP_KEY);

/** The reader's notes written or changed since the last backup (all of them when there was none). */
export function notInBackup(annotations: readonly WebAnnotation[]): number {
  const since = lastBackup();
  if (!since) return annotations.length;
  return annotations.filter((a) => (a.modified ?? a.created ?? '') > since).length;
}

/** Saves the reader's notes as a file (the JSON export) and remembers when; returns the file's name. */
export function backUp(annotations: readonly WebAnnotation[]): string {
  const now = new Date().toISOString();
  const name = `my-notes-${now.slice(0, 10)}.json`;
  download(name, 'application/ld+json', exportJson('My notes', annotations));
  write(BACKUP_KEY, now);
  return name;
}

/** Whether the browser keeps the site's storage for good: yes, no, or it cannot say. */
export async function persistence(): Promise<'granted' | 'not granted' | 'unknown'> {
  try {
    if (!navigator.storage?.persisted) return 'unknown';
    return (await navigator.storage.persisted()) ? 'granted' : 'not granted';
  } catch {
    return 'unknown';
  }
}

let asked: Promise<boolean> | undefined;

/**
 * Asks the browser, once a page, to keep the site's storage for good, unless it already does.
 * Some browsers ask the reader; others decide alone (Chromium by how the site is used).
 */
export function askToKeep(): Promise<boolean> {
  asked ??= (async () => {
    try {
      if (!navigator.storage?.persist) return false;
      if (await navigator.storage.persisted()) return true;
      return await navigator.storage.persist();
    } catch {
      return false;
    }
  })();
  return asked;
}

/**
 * Whether to remind the reader now of notes never saved to a file: there are some, made before this
 * visit to the page began (`visitBegan`, in ms), and no reminder came in the last week. Remembers that
 * one came, so that the next waits a week. The page decides once it has read every note, which on a
 * slow device can come after the reader made one: that note is not reminded of in the visit that made it.
 */
export function remindNow(
  annotations: readonly WebAnnotation[],
  now = Date.now(),
  visitBegan = performance.timeOrigin,
): number {
  const unsaved = notInBackup(annotations.filter((a) => !a.created || Date.parse(a.created) < visitBegan));
  if (unsaved === 0) return 0;
  const last = Date.parse(read(REMINDED_KEY) ?? '');
  if (Number.isFinite(last) && now - last < REMIND_EVERY_MS) return 0;
  write(REMINDED_KEY, new Date(now).toISOString());
  return unsaved;
}
