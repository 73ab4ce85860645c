import type { APIRoute } from 'astro';
import { loadEdition } from '../collections/edition.ts';
import type { PassagesExport } from '../lib/exports/published.ts';

export const prerender = true;

/**
 * The edition as data, for tools that quote or link to it (see docs/ARCHITECTURE.md, "Contracts"):
 * passages in edition order (documents as the edition file lists them, then ¶), what was
 * removed from the witness and why, and where retired ids now lead.
 */
export const GET: APIRoute = async () => {
  const edition = await loadEdition();
  const body: PassagesExport = {
    edition: {
      title: edition.title,
      editors: edition.editors,
      licence: edition.licence,
      witness: edition.witness,
      documents: edition.documents.map((document) => ({
        id: document.id,
        title: document.title,
        authors: document.authors,
        date: document.date,
        url: document.href,
      })),
    },
    passages: edition.passages.map(({ entry, text, href }) => ({
      id: entry.id,
      n: entry.data.n,
      document: entry.data.document,
      section: entry.data.section,
      text,
      url: href,
      gaps: entry.data.gaps,
    })),
    removed: edition.ledger.removals.map((removal) => ({
      text: removal.text,
      kind: removal.kind,
      reason: removal.reason,
      witness: removal.witness,
    })),
    retired: edition.retired.map((entry) => ({ id: entry.id, successor: entry.successor, url: entry.href })),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
