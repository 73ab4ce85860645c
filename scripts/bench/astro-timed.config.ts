/**
 * The project's Astro config, with each of the site's build steps timed: the build-scale benchmark
 * (build-scale.ts) runs `astro build --config scripts/bench/astro-timed.config.ts` in a temp copy of the
 * project and reads one line per step from stdout, so that Pagefind's indexing and the service worker can
 * be told apart from Astro's own work without changing their log messages (which unit tests pin). The
 * steps run one after another (src/integrations/build-step.ts), so their times add up.
 */
import type { AstroUserConfig } from 'astro';
import config from '../../astro.config.ts';
import { kirovReader } from '../../src/integrations/kirov-reader.ts';

/** Marks the lines build-scale.ts parses: `<mark> <step label> <milliseconds>`. Spelled out there too:
 * importing this file would load the project's config. */
const HOOK_TIME_MARK = 'kirov-bench-hook-ms';

export default {
  ...config,
  integrations: [
    kirovReader({
      timed: (step, ms) => process.stdout.write(`${HOOK_TIME_MARK} ${step} ${ms.toFixed(1)}\n`),
    }),
  ],
} satisfies AstroUserConfig;
