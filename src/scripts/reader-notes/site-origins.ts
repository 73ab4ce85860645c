/**
 * The origins a note's paragraph may be on: the published site's (its canonical address, which every
 * note written here names) and the one this page is served from. A note on any other site's page
 * is not one of this edition's, and is set aside with that reason rather than kept.
 */
export function siteOrigins(): Set<string> {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  const origins = new Set([location.origin]);
  if (canonical) origins.add(new URL(canonical).origin);
  return origins;
}

/** Why a note's paragraph is not on this edition's site, or null when it is. */
export function foreignSource(source: string, origins: ReadonlySet<string>): string | null {
  const origin = new URL(source).origin;
  return origins.has(origin)
    ? null
    : `its paragraph is on ${origin}, not on this edition's site (${[...origins].join(' or ')})`;
}
