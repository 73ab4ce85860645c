import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { importsOf, pageWeight, visibleText } from '../../scripts/lib/page-weight.ts';

const dist = mkdtempSync(join(tmpdir(), 'kirov-page-weight-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function put(path: string, text: string): { raw: number; gzip: number } {
  const file = join(dist, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return { raw: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length };
}

// A built site in small: what blocks the first paint, what loads after it, what loads on use.
const screenCss = put('_astro/screen.css', 'body{margin:0}');
put('_astro/print.css', '.pn{display:none}');
const blocking = put('_astro/legacy.js', 'document.title="x";');
const main = put('_astro/main.js', 'import{t}from"./shared.js";t(()=>import(`./tools.js`));');
const shared = put('_astro/shared.js', 'export const t=(f)=>f();var s=`/kirov/_astro/extra.css`;');
const tools = put('_astro/tools.js', 'import"./tools-dep.js";export{};');
const toolsDep = put('_astro/tools-dep.js', 'export const d=1;');
const extra = put('_astro/extra.css', '.mark{color:red}');
const html = `<!doctype html><html lang="en"><head><title>Page</title>
<link rel="stylesheet" href="/kirov/_astro/screen.css"><link rel="stylesheet" href="/kirov/_astro/print.css" media="print">
<script src="/kirov/_astro/legacy.js"></script><script type="module" src="/kirov/_astro/main.js"></script>
<script type="application/json" id="data">{"a":1}</script><style>p{color:red}</style></head>
<body><p>The essay’s words.</p><aside><p>A note.</p></aside><div hidden>Not shown</div>
<script>window.x=1</script></body></html>`;
const page = put('index.html', html);

describe('pageWeight', () => {
  const weight = pageWeight(dist, 'index.html', '/kirov/');

  it('counts the HTML, the screen stylesheet and the parser-blocking scripts as critical, not the print sheet', () => {
    const inline = gzipSync('window.x=1', { level: 9 }).length;
    expect(weight.html).toEqual(page);
    expect(weight.css).toEqual(screenCss);
    expect(weight.blockingJs).toEqual({ raw: blocking.raw + 10, gzip: blocking.gzip + inline });
    expect(weight.critical).toEqual({
      raw: page.raw + screenCss.raw + blocking.raw + 10,
      gzip: page.gzip + screenCss.gzip + blocking.gzip + inline,
    });
  });

  it('counts module scripts and their static imports after the page, and what they load on use apart', () => {
    expect(weight.enhancementJs).toEqual({ raw: main.raw + shared.raw, gzip: main.gzip + shared.gzip });
    expect(weight.onDemand).toEqual({
      raw: tools.raw + toolsDep.raw + extra.raw,
      gzip: tools.gzip + toolsDep.gzip + extra.gzip,
    });
  });

  it('divides the critical gzip by the gzip of the visible text', () => {
    expect(visibleText(html)).toBe('The essay’s words. A note.');
    expect(weight.text.raw).toBe(Buffer.byteLength('The essay’s words. A note.'));
    expect(weight.ratio).toBe(weight.critical.gzip / weight.text.gzip);
  });
});

describe('importsOf', () => {
  it('tells static imports from what a script loads on demand, and skips a path computed at run time', () => {
    const found = importsOf(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a built script, template included
      'import{a as b}from"./a.js";import"./side.js";x(()=>import(`./lazy.js`));import(`${base}pagefind.js`);var c=`/_astro/c.css`;',
    );
    expect(found).toEqual({ static: ['./a.js', './side.js'], dynamic: ['./lazy.js', '/_astro/c.css'] });
  });
});
