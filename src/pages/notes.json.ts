import model from 'virtual:kirov-reader/edition';
import type { APIRoute } from 'astro';
import { notesExport } from '../lib/exports/edition-exports.ts';

export const prerender = true;

/**
 * The marginal notes as data, in edition order (documents as the edition file lists them, then
 * reading order): what each explains, the words it is anchored to (a W3C TextQuoteSelector:
 * quote, prefix, suffix), its number and link on the page, its text and its sources.
 */
export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(notesExport(model), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
