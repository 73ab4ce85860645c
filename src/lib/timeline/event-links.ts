/** A passage an event concerns, as the pages link to it. */
export interface EventPassageLink {
  id: string;
  /** The passage's ¶ number. */
  n: number;
  /** The id of the document the passage belongs to. */
  document: string;
  documentTitle: string;
  /** Base-aware link: the document's path, then `#` and the passage id. */
  href: string;
}

/**
 * Where an event in the rail leads: its first passage on the page being read, so that following the
 * timeline does not leave the document; else its first passage anywhere; null for an event tied to
 * no passage (the rail then links to the event on /timeline/).
 */
export function primaryPassage(
  links: readonly EventPassageLink[],
  documentId: string,
): EventPassageLink | null {
  return links.find((link) => link.document === documentId) ?? links[0] ?? null;
}
