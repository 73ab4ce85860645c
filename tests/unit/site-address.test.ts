import { afterEach, describe, expect, it } from 'vitest';
import { siteAddressWarning } from '../../src/integrations/site-address.ts';

/** Runs the integration's config hook as Astro would, collecting what it logs. */
function setUp(command: 'build' | 'dev'): string[] {
  const warnings: string[] = [];
  const hook = siteAddressWarning().hooks['astro:config:setup'];
  if (!hook) throw new Error('the integration has no astro:config:setup hook');
  const logger = { warn: (message: string) => warnings.push(message) };
  // Only `command` and `logger` are read; the rest of Astro's hook options do not matter here.
  (hook as (options: unknown) => void)({ command, logger });
  return warnings;
}

describe('siteAddressWarning', () => {
  const saved = process.env.KIROV_SITE;
  afterEach(() => {
    if (saved === undefined) delete process.env.KIROV_SITE;
    else process.env.KIROV_SITE = saved;
  });

  it('warns a production build without KIROV_SITE, saying what it affects and how to set it', () => {
    delete process.env.KIROV_SITE;
    expect(setUp('build')).toEqual([
      "KIROV_SITE is not set, so the pages carry no canonical link and no citation_public_url (the build is made for http://localhost:4321). QR codes, print headers and citations use the address the site is served from; to publish, build with the site's address: KIROV_SITE=https://example.org npm run build",
    ]);
  });

  it('says nothing when KIROV_SITE is set, or for the dev server', () => {
    process.env.KIROV_SITE = 'https://example.org';
    expect(setUp('build')).toEqual([]);
    delete process.env.KIROV_SITE;
    expect(setUp('dev')).toEqual([]);
  });
});
