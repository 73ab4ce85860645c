import { PNG } from 'pngjs';

/** A rectangle of the window in CSS px, as getBoundingClientRect gives it. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * How many pixels of `box` differ between two screenshots of the same window (the same size, at
 * `scale` device px per CSS px): those whose red, green and blue together differ by more than
 * `threshold` (of 765). The default passes text drawn a shade bolder or lighter (WebKit anti-aliases
 * the text of a layer it is moving otherwise) and catches ink where the other has paper. For what
 * only the screen shows, not the page's boxes: an engine that draws a part of the page away from its box.
 */
export function differingPixels(
  one: Uint8Array,
  other: Uint8Array,
  box: Box,
  scale = 1,
  threshold = 200,
): { differing: number; of: number } {
  const a = PNG.sync.read(Buffer.from(one));
  const b = PNG.sync.read(Buffer.from(other));
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`screenshots of ${a.width}×${a.height} and ${b.width}×${b.height} px cannot be compared`);
  }
  const left = Math.max(0, Math.round(box.left * scale));
  const top = Math.max(0, Math.round(box.top * scale));
  const right = Math.min(a.width, Math.round(box.right * scale));
  const bottom = Math.min(a.height, Math.round(box.bottom * scale));
  let differing = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const at = (y * a.width + x) * 4;
      let delta = 0;
      for (let channel = 0; channel < 3; channel++) {
        delta += Math.abs((a.data[at + channel] ?? 0) - (b.data[at + channel] ?? 0));
      }
      if (delta > threshold) differing++;
    }
  }
  return { differing, of: Math.max(0, right - left) * Math.max(0, bottom - top) };
}
