import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { describe, expect, it } from 'vitest';
import { contentOrigins, inlineHashes, narrowPolicies, narrowPolicy } from '../../src/integrations/csp.ts';
import { scratchDir } from './support/scratch-dir.ts';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const css = 'body{margin:0}';
const other = hash('p{color:red}');
const meta = (policy: string) => `<meta http-equiv="content-security-policy" content="${policy}">`;
const page = (policy: string, body = '') =>
  `<html><head>${meta(policy)}<style>${css}</style></head><body>${body}</body></html>`;

describe('narrowPolicy', () => {
  it("keeps only this page's own style hash and drops the hashes of scripts it does not carry", () => {
    const astro = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${hash('island()')}; style-src 'self' ${hash(css)} ${other}`;
    expect(narrowPolicy(page(astro, '<div data-site-search hidden></div>'), 'dist/index.html')).toContain(
      meta(`default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' ${hash(css)}`),
    );
  });

  it("allows WebAssembly ('wasm-unsafe-eval') only on a page with the search", () => {
    const astro = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' ${hash(css)}`;
    expect(narrowPolicy(page(astro, '<main><p>¶ 1</p></main>'), 'dist/p/x/index.html')).toContain(
      meta(`default-src 'self'; script-src 'self'; style-src 'self' ${hash(css)}`),
    );
    expect(
      narrowPolicy(page(astro, '<p>data-site-search is only words here</p>'), 'dist/a/index.html'),
    ).toContain(meta(`default-src 'self'; script-src 'self'; style-src 'self' ${hash(css)}`));
  });

  it('names the content file, line and column, when a script reaches the page from a note’s data: URL', () => {
    const url = 'data:text/html,<script>alert(document.domain)</script>';
    const note = {
      path: 'content/annotations/smolny.md',
      text: `---\nkind: place\nsources:\n  - title: A page\n    url: ${url}\n---\nThe Smolny.\n`,
    };
    const other = { path: 'content/timeline/1934-12-01.yaml', text: 'title: Kirov shot\n' };
    const html = page(`script-src 'self'; style-src 'self' ${hash(css)}`, `<a href="${url}">A page</a>`);
    const origins = (code: string) => contentOrigins(code, [other, note]);
    expect(() => narrowPolicy(html, 'dist/index.html', origins)).toThrow(
      `content/annotations/smolny.md:5:33: Unexpected script in the content (it reaches dist/index.html as inline script with hash ${hash('alert(document.domain)')}, which the Content-Security-Policy forbids), expected text, links with http: or https: addresses, or site paths; remove the script (a data: or javascript: URL, or a <script> element) from that file`,
    );
  });

  it('finds a page’s script in the content files as the build read them, not on the disk', async () => {
    const url = 'data:text/html,<script>alert(1)</script>';
    const dist = scratchDir('kirov-csp-');
    mkdirSync(join(dist, 'about'));
    writeFileSync(
      join(dist, 'about/index.html'),
      page(`script-src 'self'; style-src 'self' ${hash(css)}`, `<a href="${url}">A page</a>`),
    );
    // The content exists only in memory: no content/ folder anywhere near the built site.
    const content = [{ path: 'content/annotations/smolny.md', text: `---\nurl: ${url}\n---\n` }];
    const logger = { info: () => undefined } as unknown as AstroIntegrationLogger;
    await expect(narrowPolicies(dist, () => content, logger)).rejects.toThrow(
      /^content\/annotations\/smolny\.md:2:\d+: Unexpected script in the content/u,
    );
  });

  it('does not count a JSON data block as a script', () => {
    expect(
      inlineHashes('<script type="application/json">{"a":1}</script><script src="/a.js"></script>'),
    ).toEqual({
      script: [],
      style: [],
    });
  });

  it('stops, naming the file, when the page carries inline code Astro did not hash', () => {
    expect(() => narrowPolicy(page(`style-src 'self' ${other}`), 'dist/about/index.html')).toThrow(
      `dist/about/index.html: Unexpected inline style with hash ${hash(css)} that Astro's policy does not list`,
    );
  });

  it('stops, naming the file, when the page has no policy at all', () => {
    expect(() => narrowPolicy('<html><head></head></html>', 'dist/names/index.html')).toThrow(
      'dist/names/index.html: Unexpected page without a Content-Security-Policy <meta>',
    );
  });
});
