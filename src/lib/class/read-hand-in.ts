/*
 * A hand-in read back by the class view: the file (HTML with its JSON script element), its JSON
 * alone, or the same pasted as text. Apart from hand-in.ts so that the student's page, which only
 * writes hand-ins, does not carry the annotations' validator.
 */
import { parseAnnotations } from '../reader-notes/web-annotation.ts';
import type { HandIn } from './hand-in.ts';

/** A file that is not a hand-in this class view can read: the message names the file and the fix. */
export class HandInError extends Error {
  override name = 'HandInError';
}

/** The most a hand-in file may hold: a class's answers are a few kilobytes each. */
export const MAX_HAND_IN_BYTES = 1024 * 1024;

const SCRIPT = /<script[^>]*type=["']application\/ld\+json["'][^>]*>([\s\S]*?)<\/script>/i;

/**
 * Reads a hand-in back: the file (HTML with its JSON script element), its JSON alone, or the same
 * pasted as text. Throws a HandInError naming `name` and what to ask the student for.
 */
export function parseHandIn(text: string, name: string): HandIn {
  if (text.length > MAX_HAND_IN_BYTES)
    throw new HandInError(
      `${name}: Unexpected file of ${Math.round(text.length / 1024)} KB, expected a hand-in of at most ${MAX_HAND_IN_BYTES / 1024} KB`,
    );
  const trimmed = text.trim();
  const json = trimmed.startsWith('{') ? trimmed : SCRIPT.exec(text)?.[1];
  if (json === undefined)
    throw new HandInError(
      `${name}: Unexpected file without answers in it, expected a hand-in file made by “Hand in”; ask the student to hand in again`,
    );
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new HandInError(
      `${name}: Unexpected answers that are cut short or damaged, expected a whole hand-in file; ask the student to hand in again`,
    );
  }
  const creator = data.creator as { name?: unknown } | undefined;
  const packet = data.packet as { id?: unknown; title?: unknown; teacher?: unknown } | undefined;
  if (data.type !== 'AnnotationCollection' || typeof packet?.id !== 'string')
    throw new HandInError(
      `${name}: Unexpected ${data.type === 'AnnotationCollection' ? 'notes file' : 'file'} that names no packet, expected a hand-in file made by “Hand in”`,
    );
  if (typeof creator?.name !== 'string' || !creator.name.trim())
    throw new HandInError(
      `${name}: Unexpected hand-in without the student’s name (creator.name); ask the student to hand in again`,
    );
  const questions = Array.isArray(data.questions) ? data.questions : [];
  return {
    student: creator.name.trim(),
    handedIn: typeof data.generated === 'string' ? data.generated : '',
    packet: {
      id: packet.id,
      title: typeof packet.title === 'string' ? packet.title : '',
      teacher: typeof packet.teacher === 'string' ? packet.teacher : '',
    },
    edition: typeof data.edition === 'string' ? data.edition : '',
    questions: questions.flatMap((q: Record<string, unknown>) =>
      typeof q?.id === 'string'
        ? [{ id: q.id, text: String(q.text ?? ''), exact: String(q.exact ?? '') }]
        : [],
    ),
    answers: parseAnnotations(json, name),
  };
}
