import model from 'virtual:kirov-reader/edition';
import type { APIRoute } from 'astro';
import { searchSpellingsExport } from '../lib/exports/edition-exports.ts';

export const prerender = true;

/**
 * The spellings search finds each name of the index by: the entry's one-word spellings, the
 * transliteration variants generated from each, and the editor's own; with the spelling most paragraphs
 * use, which a variant is searched as. The search index is made from the same view
 * (src/integrations/pagefind.ts); this copy is for an editor to read and correct.
 */
export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(searchSpellingsExport(model), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
