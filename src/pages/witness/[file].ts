import { basename } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadWitness } from '../../collections/witness.ts';

export const prerender = true;

/** The witness file under its own name (/witness/kirov-scrape.txt), exactly as it is in content/source/. */
export const getStaticPaths = (async () => {
  const { file } = await loadWitness();
  return [{ params: { file: basename(file) } }];
}) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const { text } = await loadWitness();
  return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
