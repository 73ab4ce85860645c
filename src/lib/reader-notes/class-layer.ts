import { z } from 'zod';
import { canSign, digest, sign, verify } from './layer-signature.ts';
import { LINK_MAX_NOTES, MAX_NAME_CHARS } from './limits.ts';
import { LAYER_PARAM, readLinkData, writeLinkData } from './link-codec.ts';
import { type WebAnnotation, webAnnotationSchema } from './web-annotation.ts';

/*
 * A class layer: a teacher's notes and questions with a title, handed to a class as a file or as a
 * link. In a link the layer travels in the URL's fragment (#layer=…), which a browser never sends to
 * any server; it is compressed with the platform's own DEFLATE (CompressionStream) and written in
 * base64url, so that twenty notes fit in a link of under 2,000 characters with no library.
 */

export const classLayerSchema = z.object({
  /** A URN (urn:uuid:…); each of its annotations' ids begins with it. */
  id: z.string().min(1).max(MAX_NAME_CHARS),
  title: z.string().min(1, 'the layer has no title').max(MAX_NAME_CHARS),
  author: z.string().max(MAX_NAME_CHARS),
  annotations: z.array(webAnnotationSchema).max(LINK_MAX_NOTES),
});

export type ClassLayer = z.infer<typeof classLayerSchema>;

export { LAYER_PARAM, LinkRefusal, layerParam } from './link-codec.ts';

/*
 * In the link, each annotation is a short array rather than JSON-LD: what every annotation of a
 * layer repeats (the context, the type, the layer id in the annotation id, the page in the source
 * URL) is written once or not at all, and restored exactly on the way back.
 */
type Packed = [
  id: string,
  motivation: number,
  source: number,
  exact: string,
  prefix: string | null,
  suffix: string | null,
  start: number | null,
  end: number | null,
  body: string | null,
  created: string | null,
  modified: string | null,
  inReplyTo: string | null,
];

const MOTIVATION_CODES = ['highlighting', 'commenting', 'questioning', 'replying'] as const;

function pack(layer: ClassLayer): unknown[] {
  const sources: string[] = [];
  const notes = layer.annotations.map((annotation): Packed => {
    const [quote, position] = annotation.target.selector;
    let source = sources.indexOf(annotation.target.source);
    if (source === -1) source = sources.push(annotation.target.source) - 1;
    const id = annotation.id.startsWith(`${layer.id}#`)
      ? annotation.id.slice(layer.id.length)
      : annotation.id;
    return [
      id,
      MOTIVATION_CODES.indexOf(annotation.motivation),
      source,
      quote.exact,
      quote.prefix ?? null,
      quote.suffix ?? null,
      position?.start ?? null,
      position?.end ?? null,
      annotation.body?.value ?? null,
      annotation.created ?? null,
      annotation.modified ?? null,
      annotation.inReplyTo ?? null,
    ];
  });
  // Trailing nulls are dropped: most notes have no dates or reply.
  const trimmed = notes.map((note) => {
    const copy: unknown[] = [...note];
    while (copy.length > 0 && copy.at(-1) === null) copy.pop();
    return copy;
  });
  return [1, layer.id, layer.title, layer.author, sources, trimmed];
}

const layerMetaSchema = classLayerSchema.omit({ annotations: true });

/** An annotation of a link or a file that could not be read: why, and its text to copy. */
export interface UnreadableNote {
  reason: string;
  raw: string;
}

/** A layer as a link carried it: its annotations that could be read, those that could not, and its signer. */
export interface LinkLayer {
  layer: ClassLayer;
  unreadable: UnreadableNote[];
  /** The fingerprint of the key that signed it, when its signature verifies; null otherwise. */
  signer: string | null;
  /** A fingerprint of what the link carries, to keep an unsigned layer once however often it is opened. */
  digest: string;
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? `field ${issue.path.join('.')}: ` : '';
  return `${path}${issue?.message ?? 'invalid'}`;
}

/** Reads the layer, each annotation on its own: one that cannot be read is set aside, with why. */
function unpack(data: unknown): { layer: ClassLayer; unreadable: UnreadableNote[] } {
  if (!Array.isArray(data) || (data[0] !== 1 && data[0] !== 2)) throw new Error('not a version 1 or 2 layer');
  const [, id, title, author, sources, notes] = data as [1, string, string, string, string[], unknown[]];
  if (!Array.isArray(notes) || !Array.isArray(sources)) throw new Error('it holds no list of notes');
  const meta = layerMetaSchema.safeParse({ id, title, author });
  if (!meta.success) throw new Error(issueOf(meta.error));
  const annotations: WebAnnotation[] = [];
  const unreadable: UnreadableNote[] = [];
  for (const note of notes) {
    let annotation: unknown;
    try {
      annotation = unpackNote(meta.data.id, sources, note);
    } catch (error) {
      unreadable.push({ reason: (error as Error).message, raw: JSON.stringify(note) });
      continue;
    }
    const result = webAnnotationSchema.safeParse(annotation);
    if (result.success) annotations.push(result.data);
    else unreadable.push({ reason: issueOf(result.error), raw: JSON.stringify(annotation, null, 2) });
  }
  return { layer: { ...meta.data, annotations }, unreadable };
}

function unpackNote(layerId: string, sources: readonly unknown[], note: unknown): unknown {
  if (!Array.isArray(note) || typeof note[0] !== 'string') throw new Error('it is not a note');
  const [localId, motivation, source, exact, prefix, suffix, start, end, body, created, modified, inReplyTo] =
    note as Packed;
  const quote = {
    type: 'TextQuoteSelector' as const,
    exact,
    ...(prefix != null && { prefix }),
    ...(suffix != null && { suffix }),
  };
  const position =
    start != null && end != null ? [{ type: 'TextPositionSelector' as const, start, end }] : [];
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: localId.startsWith('#') ? `${layerId}${localId}` : localId,
    type: 'Annotation',
    motivation: MOTIVATION_CODES[motivation] ?? 'commenting',
    ...(created != null && { created }),
    ...(modified != null && { modified }),
    ...(body != null && { body: { type: 'TextualBody', value: body } }),
    ...(inReplyTo != null && { inReplyTo }),
    target: { source: sources[source] ?? '', selector: [quote, ...position] },
  };
}

/** The layer as the value of a link's fragment parameter (#layer=…). */
export async function encodeLayer(
  layer: ClassLayer,
  keys?: { privateKey: CryptoKey; publicKey: string },
): Promise<string> {
  const packed = pack(layer);
  if (!keys) return writeLinkData(packed);
  const signed = [2, ...packed.slice(1), keys.publicKey];
  return writeLinkData([...signed, await sign(keys.privateKey, JSON.stringify(signed))]);
}

/** Reads a layer back from a link's fragment value, every note of it; throws a reader-facing message when it cannot. */
export async function decodeLayer(value: string): Promise<ClassLayer> {
  const { layer, unreadable } = await layerFromLinkData(await readLinkData(value));
  if (unreadable[0]) throw new Error(`This class link cannot be read (${unreadable[0].reason})`);
  return layer;
}

/**
 * The layer in what a link carried (readLinkData), each note read on its own, and whether it is
 * signed by the key it carries; throws a reader-facing message when it is not a layer at all.
 */
export async function layerFromLinkData(data: unknown): Promise<LinkLayer> {
  let read: ReturnType<typeof unpack>;
  try {
    read = unpack(data);
  } catch (error) {
    throw new Error(
      `This class link cannot be read (${(error as Error).message}); it may have been cut short when copied: ask for the link again, or for the layer as a file`,
    );
  }
  const list = data as unknown[];
  const body = JSON.stringify(list.slice(0, 7));
  let signer: string | null = null;
  if (list[0] === 2 && typeof list[6] === 'string' && typeof list[7] === 'string' && canSign()) {
    if (await verify(list[6], list[7], body)) signer = await digest(list[6]);
  }
  const fingerprint = canSign() ? await digest(JSON.stringify(list)) : String(JSON.stringify(list).length);
  return { ...read, signer, digest: fingerprint };
}

/** The share link of a layer: the page's address with the layer in its fragment. */
export async function layerLink(
  pageUrl: string,
  layer: ClassLayer,
  keys?: { privateKey: CryptoKey; publicKey: string },
): Promise<string> {
  const url = new URL(pageUrl);
  url.hash = `${LAYER_PARAM}=${await encodeLayer(layer, keys)}`;
  return url.href;
}
