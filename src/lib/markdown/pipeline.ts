import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkParse from 'remark-parse';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import { unified } from 'unified';

/*
 * The edition's Markdown, defined once. The site renders passages with Astro's unified processor
 * (src/integrations/kirov-reader.ts passes it these options); the notes, the JSON exports and the search index work on
 * the same trees through the functions below, so that a quote found here is found on the page and the
 * text exported is the text shown. tests/unit/markdown-pipeline.test.ts renders every passage and note
 * with Astro's own processor and with these functions, and fails if they ever disagree.
 */

/**
 * CommonMark as the ingest writes it: no GFM and no smart punctuation, so that the page shows the
 * passage text exactly as written (the witness's straight apostrophes included).
 */
export const markdownOptions = { gfm: false, smartypants: false } as const;

/** remark-rehype as Astro's processor runs it: raw HTML kept as `raw` nodes for rehype-raw. */
export const remarkRehypeOptions: RemarkRehypeOptions = { allowDangerousHtml: true, passThrough: [] };

const parser = unified().use(remarkParse);
const toHast = unified().use(remarkRehype, remarkRehypeOptions);

/** The mdast tree of a Markdown text without its frontmatter (see frontmatter.ts), as Astro parses a body. */
export function parseMarkdown(markdown: string): MdastRoot {
  return parser.parse(markdown);
}

/** The hast tree of a Markdown text as the site's rehype plugins receive it. */
export function markdownToHast(markdown: string): HastRoot {
  return toHast.runSync(parseMarkdown(markdown)) as HastRoot;
}
