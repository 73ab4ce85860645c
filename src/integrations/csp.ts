import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/*
 * Astro's `security.csp` writes one policy into every page, listing the hashes of every page's
 * inline styles and of the scripts of Astro's client directives (islands, which this site has none
 * of). This integration narrows each page's policy to the inline styles and scripts that page
 * carries: a page may run only what it contains, and the policy stops weighing some 700 bytes of
 * incompressible hashes on each page. It checks each hash it keeps against Astro's list, so that a
 * policy it wrote can never allow what Astro would not have.
 */

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/;
/** Script types the browser runs; JSON data blocks are not scripts in CSP's sense. */
const RUNNABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The hashes of the inline scripts and styles of one page, in document order, each once. */
export function inlineHashes(html: string): { script: string[]; style: string[] } {
  const script = new Set<string>();
  for (const [, attributes = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const type = /\btype="([^"]*)"/.exec(attributes)?.[1] ?? '';
    if (!/\bsrc=/.test(attributes) && RUNNABLE.has(type.toLowerCase())) script.add(sha256(body));
  }
  const style = new Set<string>();
  for (const [, body = ''] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) style.add(sha256(body));
  return { script: [...script], style: [...style] };
}

/** A page's Content-Security-Policy <meta> as directive name → sources, in order; null when it has none. */
export function policyOf(html: string): Map<string, string[]> | null {
  const content = META.exec(html)?.[1];
  if (content === undefined) return null;
  return new Map(
    content
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

/**
 * The page with its policy narrowed: `script-src` and `style-src` keep their sources ('self' and
 * the like) and only the hashes of this page's own inline code; every other directive is kept.
 * Throws, naming the file, when the page has no policy or carries inline code Astro did not hash.
 */
export function narrowPolicy(html: string, file: string): string {
  const policy = policyOf(html);
  if (!policy) {
    throw new Error(
      `${file}: Unexpected page without a Content-Security-Policy <meta>, expected one from Astro; check that security.csp is set in astro.config.ts`,
    );
  }
  const own = inlineHashes(html);
  const directives = [...policy].map(([name, sources]) => {
    const kind = name === 'script-src' ? 'script' : name === 'style-src' ? 'style' : null;
    if (!kind) return [name, ...sources].join(' ');
    const allowed = new Set(sources.filter((source) => source.startsWith("'sha")));
    for (const hash of own[kind]) {
      if (!allowed.has(hash)) {
        throw new Error(
          `${file}: Unexpected inline ${kind} with hash ${hash} that Astro's policy does not list, expected Astro to have hashed every inline ${kind}; load it from a file (a <script src> or an imported stylesheet) instead`,
        );
      }
    }
    return [name, ...sources.filter((source) => !source.startsWith("'sha")), ...own[kind]].join(' ');
  });
  return html.replace(META, `<meta http-equiv="content-security-policy" content="${directives.join('; ')}">`);
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Narrows the policy of every built page; runs before the service worker precaches the pages. */
export function cspPerPage(): AstroIntegration {
  return {
    name: 'kirov-csp',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = await htmlFiles(root);
        for (const file of files) {
          const html = await readFile(file, 'utf8');
          await writeFile(file, narrowPolicy(html, relative(process.cwd(), file)));
        }
        logger.info(`narrowed the Content-Security-Policy of ${files.length} pages to their own inline code`);
      },
    },
  };
}
