import type { Element, ElementContent } from 'hast';

/*
 * A note's short form in the margin is its number, its title and its first words: the opening of
 * its text, up to a place where a reader can stop. Opened, the note reads whole from its first
 * word (note-markup.ts), so the opening is never left hanging mid-sentence. Where to stop, in order of preference: the end of the first sentence,
 * a comma, semicolon or colon, a space; never inside a word, a date ("1 December 1934", "1929–33"),
 * a name's initials, parentheses or quotation marks, and never inside a link (the short form is the button that opens
 * the note, and a link inside a button is unreachable).
 */

/** The longest opening, in characters, that the margin shows: under two lines of its column. */
export const GIST_MAX = 64;
/** An opening shorter than this says too little; a longer stopping place is preferred. */
const GIST_MIN = 24;

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/** Dates whose parts are separated by spaces: "1 December 1934", "25–26 October 1917", "December 1934". */
const DATE = new RegExp(`\\b(?:\\d{1,2}(?:[–-]\\d{1,2})? )?${MONTH}(?: \\d{4})?\\b`, 'g');

/**
 * The offset at which to cut `text` (the offset of a space, which neither part keeps), or
 * undefined when the whole text is short enough to stand as the opening. `limit` is where the
 * first link (or other element the opening may not take) begins.
 */
export function gistCut(text: string, limit = text.length, max = GIST_MAX): number | undefined {
  if (text.length <= max && limit >= text.length) return undefined;
  const end = Math.min(max, limit);
  const insideDate = new Set<number>();
  for (const match of text.matchAll(DATE)) {
    for (let at = match.index; at < match.index + match[0].length; at++) insideDate.add(at);
  }
  const candidates: { at: number; rank: number }[] = [];
  let depth = 0;
  let quoted = false;
  for (let at = 0; at < end; at++) {
    const char = text[at];
    if (char === '(' || char === '[') depth++;
    if (char === ')' || char === ']') depth = Math.max(0, depth - 1);
    if (char === '"' || char === '“' || char === '”')
      quoted = char === '“' ? true : char === '”' ? false : !quoted;
    if (char !== ' ' || at === 0 || depth > 0 || quoted || insideDate.has(at)) continue;
    // Nor after an initial ("James P. Cannon"), which would cut a name in two.
    if (/(?:^|[\s(])[A-Z]\.$/.test(text.slice(Math.max(0, at - 3), at))) continue;
    const before = text[at - 1] ?? '';
    const rank =
      /[.!?]/.test(before) && /[A-Z“"(]/.test(text[at + 1] ?? '') ? 3 : /[,;:]/.test(before) ? 2 : 1;
    candidates.push({ at, rank });
  }
  const long = candidates.filter((candidate) => candidate.at >= GIST_MIN);
  const pool = long.length > 0 ? long : candidates;
  const best = pool.reduce<{ at: number; rank: number } | undefined>(
    (found, candidate) =>
      !found || candidate.rank > found.rank || (candidate.rank === found.rank && candidate.at > found.at)
        ? candidate
        : found,
    undefined,
  );
  return best?.at;
}

/**
 * The opening words of a note's first paragraph (see gistCut), as inline content for the short
 * form. Only the paragraph's own text nodes are cut, so inline markup (emphasis) stays whole or is
 * left out; the opening stops before the first link, and is empty when no place to stop comes
 * before it (the title alone is then the short form).
 */
export function noteOpening(paragraph: Element, max = GIST_MAX): ElementContent[] {
  // The text the opening may draw from: the paragraph's children up to its first link, with the
  // offsets of its own text nodes (the only places it may be cut).
  let text = '';
  let limit = Number.POSITIVE_INFINITY;
  const cuttable: { index: number; from: number; to: number }[] = [];
  paragraph.children.forEach((child, index) => {
    const value = flatText(child);
    if (child.type === 'element' && child.tagName === 'a' && limit === Number.POSITIVE_INFINITY)
      limit = text.length;
    if (child.type === 'text') cuttable.push({ index, from: text.length, to: text.length + value.length });
    text += value;
  });
  const flat = text.replace(/\s/g, ' ');
  const allowed = (at: number) => cuttable.some(({ from, to }) => from <= at && at < to);
  let end = Math.min(max, limit, flat.length);
  for (;;) {
    const at = gistCut(flat, Math.min(limit, flat.length), end);
    if (at === undefined) {
      if (limit === Number.POSITIVE_INFINITY && flat.length <= max) return paragraph.children;
      return [];
    }
    if (allowed(at)) return openingTo(paragraph, cuttable, at);
    end = at;
  }
}

function openingTo(
  paragraph: Element,
  cuttable: { index: number; from: number }[],
  at: number,
): ElementContent[] {
  const node = [...cuttable].reverse().find(({ from }) => from <= at);
  const child = node && paragraph.children[node.index];
  if (!node || child?.type !== 'text') return [];
  return [
    ...paragraph.children.slice(0, node.index),
    { type: 'text', value: child.value.slice(0, at - node.from).trimEnd() },
  ];
}

function flatText(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(flatText).join('');
  return '';
}
