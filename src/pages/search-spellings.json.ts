import { getCollection } from 'astro:content';
import type { APIRoute } from 'astro';
import { loadEdition } from '../collections/edition.ts';
import type { SearchSpellingsExport } from '../lib/exports/published.ts';
import { findMentions } from '../lib/name-index/find-mentions.ts';
import { entrySpellings } from '../lib/search/name-variants.ts';

export const prerender = true;

/**
 * The spellings search finds each name of the index by: the entry's one-word spellings, the
 * transliteration variants generated from each, and the editor's own; with the spelling most paragraphs
 * use, which a variant is searched as. The search index reads it (src/integrations/pagefind.ts).
 */
export const GET: APIRoute = async () => {
  const [edition, entries] = await Promise.all([loadEdition(), getCollection('index')]);
  const passages = edition.passages.map(({ entry, text }) => ({ id: entry.id, text }));
  const body: SearchSpellingsExport = entries
    .toSorted((a, b) => a.id.localeCompare(b.id))
    .map(({ data }) => {
      const mentions = (spelling: string) =>
        findMentions({ name: spelling, aliases: [], kind: data.kind }, passages).length;
      // The spelling most paragraphs use comes first, so that the variants it shares lead to it.
      const { spellings, variants } = entrySpellings(data, mentions);
      const text = spellings[0] && mentions(spellings[0].spelling) > 0 ? spellings[0].spelling : null;
      return { id: data.id, name: data.name, text, spellings, variants };
    });
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
