import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';

/*
 * Astro's `security.csp` writes one policy into every page, listing the hashes of every page's
 * inline styles and of the scripts of Astro's client directives (islands, which this site has none
 * of). This build step narrows each page's policy to the inline styles and scripts that page
 * carries: a page may run only what it contains, and the policy stops weighing some 700 bytes of
 * incompressible hashes on each page. It checks each hash it keeps against Astro's list, so that a
 * policy it wrote can never allow what Astro would not have.
 */

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/;
/** Script types the browser runs; JSON data blocks are not scripts in CSP's sense. */
const RUNNABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The inline scripts and styles of one page, in document order, each once, by hash. */
function inlineCode(html: string): { script: Map<string, string>; style: Map<string, string> } {
  const script = new Map<string, string>();
  for (const [, attributes = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const type = /\btype="([^"]*)"/.exec(attributes)?.[1] ?? '';
    if (!/\bsrc=/.test(attributes) && RUNNABLE.has(type.toLowerCase())) script.set(sha256(body), body);
  }
  const style = new Map<string, string>();
  for (const [, body = ''] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g))
    style.set(sha256(body), body);
  return { script, style };
}

/** The hashes of the inline scripts and styles of one page, in document order, each once. */
export function inlineHashes(html: string): { script: string[]; style: string[] } {
  const { script, style } = inlineCode(html);
  return { script: [...script.keys()], style: [...style.keys()] };
}

/**
 * The pages that carry the header search (src/components/SiteSearch.astro). Pagefind compiles its
 * WebAssembly search engine, which needs 'wasm-unsafe-eval' where it runs: only these pages keep it.
 */
export const hasSearch = (html: string): boolean => /<[^>]+\sdata-site-search[\s>=]/.test(html);
const WASM = "'wasm-unsafe-eval'";

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
 * the like) and only the hashes of this page's own inline code, and 'wasm-unsafe-eval' only on a
 * page with the search; every other directive is kept. Throws, naming the file, when the page has no
 * policy or carries inline code Astro did not hash; `origins` finds where such code came from in the
 * content files (a note's `data:` URL, say), so that the error names that file too.
 */
export function narrowPolicy(
  html: string,
  file: string,
  origins: (code: string) => string[] = () => [],
): string {
  const policy = policyOf(html);
  if (!policy) {
    throw new Error(
      `${file}: Unexpected page without a Content-Security-Policy <meta>, expected one from Astro; check that security.csp is set in astro.config.ts`,
    );
  }
  const own = inlineCode(html);
  const search = hasSearch(html);
  const directives = [...policy].map(([name, sources]) => {
    const kind = name === 'script-src' ? 'script' : name === 'style-src' ? 'style' : null;
    if (!kind) return [name, ...sources].join(' ');
    const allowed = new Set(sources.filter((source) => source.startsWith("'sha")));
    for (const [hash, code] of own[kind]) {
      if (!allowed.has(hash)) {
        const from = origins(code);
        throw new Error(
          from.length > 0
            ? `${from.join(', ')}: Unexpected ${kind} in the content (it reaches ${file} as inline ${kind} with hash ${hash}, which the Content-Security-Policy forbids), expected text, links with http: or https: addresses, or site paths; remove the ${kind} (a data: or javascript: URL, or a <${kind}> element) from that file`
            : `${file}: Unexpected inline ${kind} with hash ${hash} that Astro's policy does not list, expected Astro to have hashed every inline ${kind}; load it from a file (a <script src> or an imported stylesheet) instead`,
        );
      }
    }
    const kept = sources.filter((source) => !source.startsWith("'sha") && (search || source !== WASM));
    return [name, ...kept, ...own[kind].keys()].join(' ');
  });
  return html.replace(META, `<meta http-equiv="content-security-policy" content="${directives.join('; ')}">`);
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

/**
 * Where a piece of a page's code stands in the content files, as "content/…:line:col" (each file
 * once): the files an editor writes (notes, timeline, index, edition file) and the generated passages.
 */
export function contentOrigins(code: string, files: readonly { path: string; text: string }[]): string[] {
  const needle = code.replace(/&(amp|quot|#39|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity).trim();
  if (needle.length < 4) return [];
  const found: string[] = [];
  for (const { path, text } of files) {
    const at = text.indexOf(needle);
    if (at < 0) continue;
    const before = text.slice(0, at).split('\n');
    found.push(`${path}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`);
  }
  return found;
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Narrows the policy of every page built into `dir`. `content` gives the content files as the build
 * read them (their path relative to the project and their text), which are searched only when a page
 * fails, to say which one its code came from. Runs before the offline worker is planned, so that the
 * worker keeps the pages as narrowed.
 */
export async function narrowPolicies(
  dir: string,
  content: () => readonly { path: string; text: string }[],
  logger: AstroIntegrationLogger,
): Promise<void> {
  const files = await htmlFiles(dir);
  const origins = (code: string) => contentOrigins(code, content());
  let withSearch = 0;
  for (const file of files) {
    const html = await readFile(file, 'utf8');
    if (hasSearch(html)) withSearch++;
    await writeFile(file, narrowPolicy(html, relative(process.cwd(), file), origins));
  }
  logger.info(
    `narrowed the Content-Security-Policy of ${files.length} pages to their own inline code; ${withSearch} with the search allow WebAssembly`,
  );
}
