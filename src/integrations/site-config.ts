import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { slashed } from '../lib/base-path.ts';

/** What the site's integrations need of Astro's resolved config: the project folder and the base path. */
export interface SiteConfig {
  /** The project folder. */
  root: string;
  /** The base path, with its final slash. */
  base: string;
}

/**
 * One of the site's integrations: `hooks` is given the project folder and the base path, filled in
 * when Astro has resolved its config (astro:config:done), before any build or server hook runs.
 */
export function siteIntegration(
  name: string,
  hooks: (site: Readonly<SiteConfig>) => AstroIntegration['hooks'],
): AstroIntegration {
  const site: SiteConfig = { root: process.cwd(), base: '/' };
  return {
    name,
    hooks: {
      'astro:config:done': ({ config }) => {
        site.root = fileURLToPath(config.root);
        site.base = slashed(config.base);
      },
      ...hooks(site),
    },
  };
}
