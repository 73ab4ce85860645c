import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineHashes, narrowPolicy } from '../../src/integrations/csp.ts';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const css = 'body{margin:0}';
const other = hash('p{color:red}');
const meta = (policy: string) => `<meta http-equiv="content-security-policy" content="${policy}">`;
const page = (policy: string, body = '') =>
  `<html><head>${meta(policy)}<style>${css}</style></head><body>${body}</body></html>`;

describe('narrowPolicy', () => {
  it("keeps only this page's own style hash and drops the hashes of scripts it does not carry", () => {
    const astro = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${hash('island()')}; style-src 'self' ${hash(css)} ${other}`;
    expect(narrowPolicy(page(astro), 'dist/index.html')).toContain(
      meta(`default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' ${hash(css)}`),
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
