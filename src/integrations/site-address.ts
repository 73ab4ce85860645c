/** The address a build without KIROV_SITE is made for: the preview server's. */
export const DEFAULT_SITE = 'http://localhost:4321';

/**
 * The warning a production build made without KIROV_SITE gives, or null. The pages find their own
 * address at run time for the QR codes, print headers and citations, but what must be written into the
 * files (the canonical link and the citation managers' citation_public_url) would then name the preview
 * server, so the pages leave them out.
 */
export function siteAddressWarning(command: string, site: string | undefined): string | null {
  if (command !== 'build' || site) return null;
  return `KIROV_SITE is not set, so the pages carry no canonical link and no citation_public_url (the build is made for ${DEFAULT_SITE}). QR codes, print headers and citations use the address the site is served from; to publish, build with the site's address: KIROV_SITE=https://example.org npm run build`;
}
