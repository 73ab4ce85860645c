import { describe, expect, it } from 'vitest';
import { siteAddressWarning } from '../../src/integrations/site-address.ts';

describe('siteAddressWarning', () => {
  it('warns a production build without KIROV_SITE, saying what it affects and how to set it', () => {
    expect(siteAddressWarning('build', undefined)).toBe(
      "KIROV_SITE is not set, so the pages carry no canonical link and no citation_public_url (the build is made for http://localhost:4321). QR codes, print headers and citations use the address the site is served from; to publish, build with the site's address: KIROV_SITE=https://example.org npm run build",
    );
    expect(siteAddressWarning('build', '')).not.toBeNull();
  });

  it('says nothing when KIROV_SITE is set, or for the dev server', () => {
    expect(siteAddressWarning('build', 'https://example.org')).toBeNull();
    expect(siteAddressWarning('dev', undefined)).toBeNull();
  });
});
