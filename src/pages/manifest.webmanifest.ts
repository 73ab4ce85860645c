import type { APIRoute } from 'astro';
import { loadEdition, sitePath } from '../collections/edition.ts';

export const prerender = true;

/** The web app manifest: a phone can install the reader and open it offline. */
export const GET: APIRoute = async () => {
  const edition = await loadEdition();
  const manifest = {
    name: edition.title,
    short_name: edition.title,
    description:
      'An annotated reading edition of Leon Trotsky’s December 1934 essay on the Kirov assassination.',
    lang: 'en',
    start_url: sitePath('/'),
    scope: sitePath('/'),
    display: 'standalone',
    background_color: '#fdfcf8',
    theme_color: '#1c1b19',
    icons: [{ src: sitePath('/icon.svg'), sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
  return new Response(`${JSON.stringify(manifest, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/manifest+json; charset=utf-8' },
  });
};
