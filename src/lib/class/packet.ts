/*
 * A class packet: the paragraphs a teacher chose, in the teacher's order (by permanent id, never by
 * ¶ number), the questions written on their words, a title, the teacher's name and an optional due
 * date. It travels as a link (#packet=…, in the fragment, which no server sees), as a QR code and as
 * a file; opened on a student's device it becomes a class layer of questions (class-layer.ts), so
 * that the questions show beside their words like any class layer's notes.
 */
import type { ClassLayer } from '../reader-notes/class-layer.ts';
import { ANNOTATION_CONTEXT } from '../reader-notes/model.ts';
import type { WebAnnotation } from '../reader-notes/web-annotation.ts';
import { decodeCompact, encodeCompact } from './compact-link.ts';

export interface PacketQuestion {
  /** The question's annotation id in the teacher's layer (layer id + #fragment): answers name it. */
  id: string;
  /** The id of the paragraph its words are in. */
  passage: string;
  /** The words, with as much context as tells them apart in the paragraph. */
  exact: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
  /** The page the paragraph is on, relative to the site's root ("" for the essay, "obituary/"). */
  page: string;
  /** The question. */
  text: string;
}

export interface Packet {
  /** The teacher's class layer's URN: hand-ins name it, so the class view knows their packet. */
  id: string;
  title: string;
  teacher: string;
  /** An ISO date (YYYY-MM-DD), or null. */
  due: string | null;
  /** Paragraph ids, in the teacher's order. */
  paragraphs: string[];
  questions: PacketQuestion[];
  /** How many questions were left out of this copy (a QR code carries none): 0 for a whole packet. */
  questionsLeftOut: number;
}

/** The fragment parameter that carries a packet. */
export const PACKET_PARAM = 'packet';

/**
 * The longest link a QR code carries here. A code that a phone reads off a projector across a room
 * holds a few hundred characters (version 12 at error correction M: 287 bytes); a longer one is too
 * dense. A packet's questions rarely fit: the code then carries the paragraphs and title only.
 */
export const QR_MAX_CHARACTERS = 287;

const VERSION = 1;

/** A reader-facing reason a packet cannot be read. */
export class PacketError extends Error {
  override name = 'PacketError';
}

function pack(packet: Packet): unknown[] {
  const questions = packet.questions.map((q) => {
    const local = q.id.startsWith(`${packet.id}#`) ? q.id.slice(packet.id.length) : q.id;
    const at = packet.paragraphs.indexOf(q.passage);
    const row: unknown[] = [
      local,
      at === -1 ? q.passage : at,
      q.exact,
      q.text,
      q.prefix ?? null,
      q.suffix ?? null,
      q.page || null,
    ];
    while (row.length > 4 && row.at(-1) === null) row.pop();
    return row;
  });
  return [
    VERSION,
    packet.id,
    packet.title,
    packet.teacher,
    packet.due,
    packet.paragraphs,
    questions,
    packet.questionsLeftOut,
  ];
}

const isString = (value: unknown): value is string => typeof value === 'string';
const optional = (value: unknown): string | undefined => (isString(value) ? value : undefined);

function unpack(data: unknown): Packet {
  if (!Array.isArray(data) || data[0] !== VERSION)
    throw new PacketError('it is not a packet this edition knows');
  const [, id, title, teacher, due, paragraphs, questions, leftOut] = data as unknown[];
  if (!isString(id) || !id || !isString(title) || !title.trim())
    throw new PacketError('it has no packet id or title');
  if (!isString(teacher)) throw new PacketError('its teacher’s name is not text');
  if (due !== null && !(isString(due) && /^\d{4}-\d{2}-\d{2}$/.test(due)))
    throw new PacketError('its due date is not a date');
  if (!Array.isArray(paragraphs) || !paragraphs.every(isString))
    throw new PacketError('its paragraphs are not a list of ids');
  if (!Array.isArray(questions)) throw new PacketError('its questions are not a list');
  return {
    id,
    title,
    teacher,
    due,
    paragraphs,
    questions: questions.map((row, index) => {
      const [local, at, exact, text, prefix, suffix, page] = Array.isArray(row) ? row : [];
      const passage = typeof at === 'number' ? paragraphs[at] : at;
      if (!isString(local) || !isString(passage) || !isString(exact) || !exact || !isString(text))
        throw new PacketError(`its question ${index + 1} is incomplete`);
      return {
        id: local.startsWith('#') ? `${id}${local}` : local,
        passage,
        exact,
        prefix: optional(prefix),
        suffix: optional(suffix),
        page: optional(page) ?? '',
        text,
      };
    }),
    questionsLeftOut: typeof leftOut === 'number' && leftOut >= 0 ? leftOut : 0,
  };
}

/** The packet as the value of a link's fragment parameter (#packet=…). */
export async function encodePacket(packet: Packet): Promise<string> {
  return encodeCompact(pack(packet));
}

/** Reads a packet back from a link's fragment value; throws a PacketError with the reason. */
export async function decodePacket(value: string): Promise<Packet> {
  let data: unknown;
  try {
    data = await decodeCompact(value);
  } catch (error) {
    throw new PacketError((error as Error).message);
  }
  return unpack(data);
}

/** The packet carried by a URL's fragment, or null when it carries none. */
export function packetParam(hash: string): string | null {
  const match = /^#?packet=(.*)$/s.exec(hash);
  return match ? (match[1] ?? '') : null;
}

/** The packet's link: the site's root (the essay) with the packet in its fragment. */
export async function packetLink(root: string, packet: Packet): Promise<string> {
  const url = new URL(root);
  url.hash = `${PACKET_PARAM}=${await encodePacket(packet)}`;
  return url.href;
}

/**
 * What a QR code of the packet carries: the whole link when it is short enough to scan from a
 * projector, else the paragraphs and title without the questions (and how many were left out).
 */
export async function packetQrLink(
  root: string,
  packet: Packet,
): Promise<{ link: string; withQuestions: boolean }> {
  const whole = await packetLink(root, packet);
  if (whole.length <= QR_MAX_CHARACTERS || packet.questions.length === 0)
    return { link: whole, withQuestions: true };
  const link = await packetLink(root, {
    ...packet,
    questions: [],
    questionsLeftOut: packet.questions.length,
  });
  return { link, withQuestions: false };
}

/** The packet's questions as a class layer, its annotations' targets on the site at `root`. */
export function packetLayer(packet: Packet, root: string): ClassLayer {
  return {
    id: packet.id,
    title: packet.title,
    author: packet.teacher,
    annotations: packet.questions.map(
      (q): WebAnnotation => ({
        '@context': ANNOTATION_CONTEXT,
        id: q.id,
        type: 'Annotation',
        motivation: 'questioning',
        body: { type: 'TextualBody', value: q.text },
        target: {
          source: `${new URL(q.page, root).href}#${q.passage}`,
          selector: [
            {
              type: 'TextQuoteSelector',
              exact: q.exact,
              ...(q.prefix !== undefined && { prefix: q.prefix }),
              ...(q.suffix !== undefined && { suffix: q.suffix }),
            },
          ],
        },
      }),
    ),
  };
}

/**
 * A packet made of a teacher's class layer: its questions, in the order of `paragraphs` (then by
 * where their words stand), and the paragraphs given, with any that hold a question but were not
 * chosen added after them.
 */
export function packetOfLayer(
  layer: ClassLayer,
  options: { paragraphs: readonly string[]; due: string | null; root: string; order: readonly string[] },
): Packet {
  const passageOf = (annotation: WebAnnotation) =>
    decodeURIComponent(new URL(annotation.target.source).hash.slice(1));
  const questions = layer.annotations.filter((a) => a.motivation === 'questioning' && a.body?.value.trim());
  const paragraphs = [...options.paragraphs];
  const byOrder = (id: string) => options.order.indexOf(id);
  for (const id of questions.map(passageOf).toSorted((a, b) => byOrder(a) - byOrder(b)))
    if (!paragraphs.includes(id)) paragraphs.push(id);
  const position = (annotation: WebAnnotation) => annotation.target.selector[1]?.start ?? 0;
  const sorted = questions.toSorted(
    (a, b) =>
      paragraphs.indexOf(passageOf(a)) - paragraphs.indexOf(passageOf(b)) || position(a) - position(b),
  );
  return {
    id: layer.id,
    title: layer.title,
    teacher: layer.author,
    due: options.due,
    paragraphs,
    questions: sorted.map((a) => {
      const [quote] = a.target.selector;
      const url = new URL(a.target.source);
      const path = url.pathname;
      const rootPath = new URL(options.root).pathname;
      return {
        id: a.id,
        passage: passageOf(a),
        exact: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
        page: path.startsWith(rootPath) ? path.slice(rootPath.length) : '',
        text: a.body?.value.trim() ?? '',
      };
    }),
    questionsLeftOut: 0,
  };
}

/** The packet as a file: a W3C AnnotationCollection of its questions (any layer reader takes it) with the packet's paragraphs and due date. */
export function packetFile(packet: Packet, root: string): string {
  const layer = packetLayer(packet, root);
  return `${JSON.stringify(
    {
      '@context': ANNOTATION_CONTEXT,
      id: packet.id,
      type: 'AnnotationCollection',
      label: packet.title,
      ...(packet.teacher && { creator: { type: 'Person', name: packet.teacher } }),
      packet: { paragraphs: packet.paragraphs, due: packet.due },
      total: layer.annotations.length,
      first: { type: 'AnnotationPage', startIndex: 0, items: layer.annotations },
    },
    null,
    2,
  )}\n`;
}

/** "due Friday 12 December 2026" in the reader's language, from an ISO date. */
export function formatDue(due: string, locale?: string): string {
  const [year, month, day] = due.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return date.toLocaleDateString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
