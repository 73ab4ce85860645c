/*
 * The envelope of a class link: the layer, as JSON, compressed with the platform's own DEFLATE
 * (CompressionStream) and written in base64url in the URL's fragment (#layer=…), which a browser never
 * sends to any server. Reading one is bounded before anything else happens: the fragment's length,
 * the bytes it unpacks to (read as a stream and stopped at the limit), and the number of notes, each
 * refused in one sentence naming the limit. This module carries no validator, so that a refusal
 * costs only what it reads.
 */
import { fromBase64Url, toBase64Url } from './layer-signature.ts';
import { count, LINK_MAX_BYTES, LINK_MAX_CHARS, LINK_MAX_NOTES, size } from './limits.ts';

/** The fragment parameter that carries a layer. */
export const LAYER_PARAM = 'layer';

/** A link refused for what it holds: its message is the whole sentence the reader reads. */
export class LinkRefusal extends Error {
  override name = 'LinkRefusal';
}

async function compress(bytes: Uint8Array): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/**
 * Unpacks a link's bytes as a stream, stopping as soon as they pass `limit`: a link of a few
 * kilobytes can unpack to tens of megabytes, which must never be held, parsed or stored.
 */
export async function inflateAtMost(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Fed a little at a time (DEFLATE expands a byte to at most about a thousand), so that the
  // decompressor never unpacks far past the limit before it is stopped.
  const feeding = (async () => {
    for (let at = 0; at < bytes.length; at += FEED_BYTES) {
      await writer.write(bytes.slice(at, at + FEED_BYTES));
    }
    await writer.close();
  })();
  feeding.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new LinkRefusal(
        `This class link unpacks to more than ${size(limit)}, the most a class link may carry: ask for the layer as a file.`,
      );
    }
    chunks.push(value);
  }
  await feeding;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The compressed bytes given to the decompressor at once: 256 unpack to 264 KB at the most. */
const FEED_BYTES = 256;

/** Any JSON value as a link's fragment value. */
export async function writeLinkData(data: unknown): Promise<string> {
  return toBase64Url(await compress(new TextEncoder().encode(JSON.stringify(data))));
}

/**
 * The JSON a link's fragment value carries, within the limits; throws a LinkRefusal past them, and
 * a reader-facing Error when it cannot be read at all.
 */
export async function readLinkData(value: string): Promise<unknown> {
  if (value.length > LINK_MAX_CHARS)
    throw new LinkRefusal(
      `This class link is ${count(value.length)} characters long, more than the ${count(LINK_MAX_CHARS)} a class link may be: ask for the layer as a file.`,
    );
  let data: unknown;
  try {
    const json = await inflateAtMost(fromBase64Url(value), LINK_MAX_BYTES);
    data = JSON.parse(new TextDecoder().decode(json));
  } catch (error) {
    if (error instanceof LinkRefusal) throw error;
    throw new Error(
      `This class link cannot be read (${(error as Error).message}); it may have been cut short when copied: ask for the link again, or for the layer as a file`,
    );
  }
  const notes = Array.isArray(data) ? data[5] : undefined;
  if (Array.isArray(notes) && notes.length > LINK_MAX_NOTES)
    throw new LinkRefusal(
      `This class link holds ${count(notes.length)} notes, more than the ${count(LINK_MAX_NOTES)} a class link may carry: ask for the layer as a file.`,
    );
  return data;
}

/** The layer carried by a URL's fragment, or null when it carries none. */
export function layerParam(hash: string): string | null {
  const match = /^#?layer=([A-Za-z0-9_-]+)$/.exec(hash);
  return match?.[1] ?? null;
}
