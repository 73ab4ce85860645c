import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { distDir, distFiles, htmlPages } from './support/built.ts';

/*
 * The dark scheme changes colours and nothing else: every colour is written once for both schemes
 * (light-dark()), and what names a scheme only sets `color-scheme`. The browser tests lean on it: in
 * the dark scheme they run again only axe's rules that read colours (tests/e2e/support/axe.ts).
 */

/** The site's CSS: every stylesheet file and every page's inline <style>, by where it was found. */
function stylesheets(): [string, string][] {
  const sheets: [string, string][] = distFiles
    .filter((file) => file.endsWith('.css'))
    .map((file) => [file, readFileSync(join(distDir, file), 'utf8')]);
  for (const page of htmlPages) {
    const html = readFileSync(join(distDir, page), 'utf8');
    for (const [, css] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) sheets.push([page, css ?? '']);
  }
  return sheets;
}

describe('the colour schemes', () => {
  const sheets = stylesheets();

  test('the site has stylesheets to read, and the dark scheme is one of the rules', () => {
    expect(sheets.length).toBeGreaterThan(5);
    expect(sheets.some(([, css]) => css.includes(':root[data-theme=dark]{color-scheme:dark}'))).toBe(true);
  });

  test('no media query picks rules by the system’s scheme: light-dark() does, colour by colour', () => {
    const found = sheets.filter(([, css]) => /prefers-color-scheme/.test(css)).map(([where]) => where);
    expect(found).toEqual([]);
  });

  test('a rule for one chosen scheme sets only color-scheme', () => {
    const found: string[] = [];
    for (const [where, css] of sheets) {
      for (const [, selector, body] of css.matchAll(/([^{}]*data-theme=[^{}]*)\{([^}]*)\}/g)) {
        const properties = (body ?? '')
          .split(';')
          .map((declaration) => declaration.split(':')[0]?.trim())
          .filter(Boolean);
        if (properties.some((property) => property !== 'color-scheme')) {
          found.push(`${where}: ${selector?.trim()} {${body}}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
