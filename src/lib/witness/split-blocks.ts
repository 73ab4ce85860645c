import type { Span } from './line-index.ts';

/** A run of non-blank lines: a paragraph, a title line, a list of bullets. */
export interface Block extends Span {
  /** Each line of the block, trimmed of surrounding whitespace. */
  lines: Span[];
  /** True when every line starts with a bullet mark, as link lists and menus do. */
  bulleted: boolean;
}

const BULLET = /^[•·▪●◦‣*\-–]\s+/u;

/** Splits the witness into blocks at blank lines, keeping every block's exact position. */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let lines: Span[] = [];
  const close = () => {
    const first = lines[0];
    const last = lines.at(-1);
    if (first && last) {
      const bulleted = lines.every((line) => BULLET.test(text.slice(line.start, line.end)));
      blocks.push({ start: first.start, end: last.end, lines, bulleted });
    }
    lines = [];
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const span = trimSpan(text, { start: lineStart, end: lineEnd });
    if (span.start === span.end) close();
    else lines.push(span);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  close();
  return blocks;
}

/** Narrows a span to exclude leading and trailing whitespace (including the \r of CRLF line ends). */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/u.test(text[start] ?? '')) start++;
  while (end > start && /\s/u.test(text[end - 1] ?? '')) end--;
  return { start, end };
}
