/**
 * The project's Astro config, with each integration's astro:build:done hook timed: the build-scale
 * benchmark (build-scale.ts) runs `astro build --config scripts/bench/astro-timed.config.ts` in a temp
 * copy of the project and reads one line per hook from stdout, so that Pagefind's indexing and the
 * service worker can be told apart from Astro's own work without changing their log messages (which
 * unit tests pin). Astro runs these hooks one after another, so their times add up.
 */
import type { AstroIntegration, AstroUserConfig } from 'astro';
import config from '../../astro.config.ts';

/** Marks the lines build-scale.ts parses: `<mark> <integration name> <milliseconds>`. Spelled out
 * there too: importing this file would load the project's config, which reads content/. */
const HOOK_TIME_MARK = 'kirov-bench-hook-ms';

function timed(integration: AstroIntegration): AstroIntegration {
  const done = integration.hooks['astro:build:done'];
  if (!done) return integration;
  return {
    ...integration,
    hooks: {
      ...integration.hooks,
      'astro:build:done': async (options) => {
        const start = performance.now();
        await done(options);
        process.stdout.write(
          `${HOOK_TIME_MARK} ${integration.name} ${(performance.now() - start).toFixed(1)}\n`,
        );
      },
    },
  };
}

export default {
  ...config,
  integrations: (config.integrations ?? [])
    .flat()
    .filter((integration): integration is AstroIntegration => Boolean(integration))
    .map(timed),
} satisfies AstroUserConfig;
