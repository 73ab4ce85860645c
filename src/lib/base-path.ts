/** A base path with its final slash ("/kirov-reader" → "/kirov-reader/"), as the site's links are built on it. */
export function slashed(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
