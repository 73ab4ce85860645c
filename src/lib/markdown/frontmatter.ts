import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** A Markdown file's YAML frontmatter and the text after it. */
export interface Frontmatter {
  /** The YAML between the `---` fences; its first line is the file's line 2. */
  yaml: string;
  /** The text after the closing fence's line. */
  body: string;
  /** How many lines come before the body (the fences and the YAML), to give positions in the file. */
  linesBefore: number;
}

const reader = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/**
 * The one reader of frontmatter in the project's own code (the content collections read theirs through
 * Astro): remark-frontmatter finds the block, so LF and CRLF files, trailing spaces after a fence and an
 * empty block are read alike. Null when the file does not start with a `---` block.
 */
export function readFrontmatter(source: string): Frontmatter | null {
  const first = reader.parse(source).children[0];
  const end = first?.position?.end;
  if (first?.type !== 'yaml' || end?.offset === undefined) return null;
  return {
    yaml: first.value,
    body: source.slice(end.offset).replace(/^[ \t]*(?:\r?\n|$)/u, ''),
    linesBefore: end.line,
  };
}
