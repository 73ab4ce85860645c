/*
 * A value carried in a link's fragment: JSON, compressed with the platform's own DEFLATE
 * (CompressionStream) and written in base64url, as a class layer travels (class-layer.ts). A link's
 * fragment never reaches a server. What is read back is bounded, so that a hostile link cannot make
 * the page inflate megabytes.
 */

/** The most a fragment value may inflate to: far above any packet a class would use. */
export const MAX_INFLATED_BYTES = 256 * 1024;

async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`it holds more than ${limit / 1024} KB`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it holds characters a link code never has');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** A JSON value as a fragment parameter's value. */
export async function encodeCompact(value: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(value));
  return toBase64Url(await transform(json, new CompressionStream('deflate-raw')));
}

/** The JSON value of a fragment parameter; throws with a short reason when it cannot be read. */
export async function decodeCompact(text: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(text);
  } catch (error) {
    throw new Error(
      (error as Error).message.startsWith('it ') ? (error as Error).message : 'it is not a link code',
    );
  }
  let json: Uint8Array;
  try {
    json = await transform(bytes, new DecompressionStream('deflate-raw'), MAX_INFLATED_BYTES);
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.startsWith('it ') ? message : 'it is cut short or damaged');
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    throw new Error('it is cut short or damaged');
  }
}
