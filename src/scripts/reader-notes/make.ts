import { make } from '../make-element.ts';

export { make };

/** A button of the notes, drawn as a link (link-button.css), named `label` to a screen reader when given. */
export function noteButton(text: string, label?: string): HTMLButtonElement {
  const button = make('button', { type: 'button', className: 'rn-b' }, text);
  if (label) button.setAttribute('aria-label', label);
  return button;
}

/** A random URN for a new annotation or layer; crypto.randomUUID needs a secure origin, this does not. */
export function newUrn(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A short id for a note of a class layer: the layer's URN and a fragment, so the link stays short. */
export function newLayerNoteId(layerId: string): string {
  return `${layerId}#${Math.random().toString(36).slice(2, 8)}`;
}
