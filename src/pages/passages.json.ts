import model from 'virtual:kirov-reader/edition';
import type { APIRoute } from 'astro';
import { passagesExport } from '../lib/exports/edition-exports.ts';

export const prerender = true;

/**
 * The edition as data, for tools that quote or link to it (see docs/ARCHITECTURE.md, "Contracts"):
 * passages in edition order (documents as the edition file lists them, then ¶), what was
 * removed from the witness and why, and where retired ids now lead.
 */
export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(passagesExport(model), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
