import jsQR from 'jsqr';
import type { Page } from 'playwright-core';

/** Decodes the QR code drawn as SVG in the page, as a phone would: rendered to a canvas, read with jsQR. */
export async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const pixels = await page.$eval(selector, async (svg) => {
    const size = 400;
    const source = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size, size);
    context.drawImage(image, 0, 0, size, size);
    // As base64: a plain array of 640,000 numbers is slow to bring over.
    const bytes = context.getImageData(0, 0, size, size).data;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { size, data: btoa(binary) };
  });
  const rgba = new Uint8ClampedArray(Buffer.from(pixels.data, 'base64'));
  return jsQR(rgba, pixels.size, pixels.size)?.data ?? null;
}
