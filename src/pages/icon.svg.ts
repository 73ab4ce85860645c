import type { APIRoute } from 'astro';

export const prerender = true;

/** The app icon: a pilcrow, the sign of a paragraph you can link to. Drawn here, so no image file is needed. */
export const GET: APIRoute = () =>
  new Response(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#1c1b19"/><text x="256" y="372" font-family="Georgia, serif" font-size="340" text-anchor="middle" fill="#fdfcf8">¶</text></svg>\n',
    { headers: { 'Content-Type': 'image/svg+xml' } },
  );
