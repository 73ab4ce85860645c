import type { APIRoute } from 'astro';
import { loadEdition, sitePath } from '../collections/edition.ts';
import type { ApparatusExport } from '../lib/exports/published.ts';

export const prerender = true;

/**
 * The apparatus as one search record: what the edition did to the witness and why. The removed text
 * itself is left out on purpose, so that junk the edition removed is never found by search.
 */
export const GET: APIRoute = async () => {
  const { removals, gaps, headings } = (await loadEdition()).ledger;
  const content = [
    'How this edition was made from a scraped web page: what was removed, the gaps and the headings restored.',
    ...removals.map((removal) => `Removed (${removal.kind}): ${removal.reason}.`),
    ...gaps.map((gap) => `Gap (${gap.status}${gap.missing ? `, ${gap.missing}` : ''}): ${gap.reason}.`),
    ...headings.map((heading) => `Heading restored: ${heading.text}.`),
  ].join('\n');
  const body: ApparatusExport = { url: sitePath('/about/'), title: 'About this edition', content };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
