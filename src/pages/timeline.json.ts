import model from 'virtual:kirov-reader/edition';
import type { APIRoute } from 'astro';
import { timelineExport } from '../lib/exports/edition-exports.ts';

export const prerender = true;

/**
 * The timeline as data (see docs/ARCHITECTURE.md, "Contracts"), from the same model as the rail, the date
 * marks and /timeline/: a list of every event in date order with its date and precision, title,
 * summary, whether it is context, the passages it concerns (id and link), its source, and its own link
 * on /timeline/. A bare list, like /notes.json.
 */
export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(timelineExport(model), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
