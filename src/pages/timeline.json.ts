import type { APIRoute } from 'astro';
import { loadTimeline } from '../collections/timeline.ts';
import type { TimelineExport } from '../lib/exports/published.ts';

export const prerender = true;

/**
 * The timeline as data (see docs/ARCHITECTURE.md, "Contracts"), from the same collection as the rail, the date
 * marks and /timeline/: a list of every event in date order with its date and precision, title,
 * summary, whether it is context, the passages it concerns (id and link), its source, and its own link
 * on /timeline/. A bare list, like /notes.json; the search index reads it.
 */
export const GET: APIRoute = async () => {
  const { events } = await loadTimeline();
  const body: TimelineExport = events.map((event) => ({
    id: event.id,
    date: event.date,
    precision: event.precision,
    title: event.title,
    summary: event.summary,
    context: event.context,
    passages: event.passages.map((passage) => ({ id: passage.id, url: passage.href })),
    source: { text: event.source.text, url: event.source.url ?? null },
    url: event.href,
  }));
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
