import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/*
 * Hosts a note, a timeline event or an index entry may not cite, each with the reason: the list is
 * data, in content/source-policy.yaml, where the editors keep it and say why. tests/unit/source-policy.test.ts
 * checks every source URL in content/ against it.
 */

export interface DeniedHost {
  /** The host name; its subdomains are denied with it ("wikiclassic.com" also denies "www.wikiclassic.com"). */
  host: string;
  /** Why it is refused, and what to cite instead. */
  reason: string;
}

/** content/source-policy.yaml, read and checked when this module loads. */
export const deniedHosts: readonly DeniedHost[] = z
  .array(z.strictObject({ host: z.string().regex(/^[a-z0-9.-]+$/u), reason: z.string().min(1) }))
  .parse(parseYaml(readFileSync(new URL('../../../content/source-policy.yaml', import.meta.url), 'utf8')));

/** The denied entry for a URL's host (or a parent domain of it), if any. */
export function deniedHostOf(url: string): DeniedHost | undefined {
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  return deniedHosts.find((denied) => host === denied.host || host.endsWith(`.${denied.host}`));
}
