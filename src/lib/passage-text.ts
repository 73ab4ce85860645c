import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { parseMarkdown } from './markdown/pipeline.ts';

// HTML's own whitespace: a browser collapses runs of these into one space, but not U+00A0.
const htmlWhitespace = /[\t\n\f\r ]+/g;

/**
 * The plain text of a passage's Markdown body, as a browser displays it: markup dropped,
 * escapes and entities resolved (`\[…]` → `[…]`), whitespace collapsed, a hard line break
 * kept as `\n`, and blocks separated by a blank line.
 */
export function passageText(markdown: string): string {
  // Parsed as the site renders it, so the text exported in /passages.json is the text a reader sees.
  return blocksText(parseMarkdown(markdown).children);
}

function blocksText(nodes: readonly RootContent[]): string {
  return nodes
    .map(blockText)
    .filter((text) => text !== '')
    .join('\n\n');
}

function blockText(node: RootContent): string {
  if (node.type === 'paragraph' || node.type === 'heading') return tidy(phrasingText(node.children));
  if ('children' in node) return blocksText(node.children as RootContent[]);
  return tidy(leafText(node));
}

function phrasingText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'break') return '\n';
      if ('children' in node) return phrasingText(node.children);
      return leafText(node);
    })
    .join('');
}

// Raw HTML is markup the browser interprets, not text it shows.
function leafText(node: Nodes): string {
  return mdastToString(node, { includeHtml: false }).replace(htmlWhitespace, ' ');
}

// Collapses the spaces that meet across node boundaries, and drops those around a hard break.
function tidy(text: string): string {
  return text
    .replace(/ *\n */g, '\n')
    .replace(/ {2,}/g, ' ')
    .trim();
}
