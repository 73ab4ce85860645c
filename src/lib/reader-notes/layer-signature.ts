/*
 * A class layer's signature, so that a student's device can tell, without any server, whether an
 * update comes from the teacher whose layer it already holds: the teacher's device makes an ECDSA
 * P-256 key pair for each layer (WebCrypto; the private key cannot be exported and never leaves that
 * device), signs each link it makes, and puts the public key in the link. A layer from a signed link
 * is kept under its key's fingerprint; a link that is not signed, or whose signature does not verify,
 * is kept beside it, never in its place.
 */

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Whether this page may sign and verify (WebCrypto needs a secure origin: https, or this machine). */
export const canSign = (): boolean => typeof crypto !== 'undefined' && crypto.subtle !== undefined;

/** A new key pair for a layer: the private key, which cannot be exported, and the public key (base64url). */
export async function newLayerKeys(): Promise<{ privateKey: CryptoKey; publicKey: string }> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64Url(raw) };
}

/** A short, stable name of a text: the first 22 characters of its SHA-256, in base64url (132 bits). */
export async function digest(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toBase64Url(new Uint8Array(hash)).slice(0, 22);
}

export async function sign(privateKey: CryptoKey, text: string): Promise<string> {
  const signature = await crypto.subtle.sign(SIGNING, privateKey, new TextEncoder().encode(text));
  return toBase64Url(new Uint8Array(signature));
}

/** Whether `signature` is the signature of `text` by the key `publicKey`; false for anything malformed. */
export async function verify(publicKey: string, signature: string, text: string): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('raw', fromBase64Url(publicKey), ALGORITHM, false, ['verify']);
    return await crypto.subtle.verify(SIGNING, key, fromBase64Url(signature), new TextEncoder().encode(text));
  } catch {
    return false;
  }
}
