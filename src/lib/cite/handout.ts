/*
 * The ¶ numbers of a handout, as a teacher types them into a link: `?handout=3,7-9` prints ¶ 3, 7, 8
 * and 9 of the page. Errors are worded for that teacher, who sees them on the page.
 */

export type HandoutSelection = { ok: true; paragraphs: number[] } | { ok: false; message: string };

const example = 'a ¶ number such as 7 or a range such as 7-9';

/**
 * Parses a comma-separated list of ¶ numbers and ranges ("3, 7-9"; an en dash works as well as a
 * hyphen) into the distinct numbers it names, in the order it names them (a teacher's handout may put
 * ¶ 41 before ¶ 1), each between 1 and `last` (the page's last ¶).
 */
export function parseHandout(input: string, last: number): HandoutSelection {
  const text = input.trim();
  if (text === '') return fail(`Unexpected empty list, expected ¶ numbers such as 3,7-9`);
  const chosen = new Set<number>();
  const items = text.split(',');
  for (const [index, raw] of items.entries()) {
    const item = raw.trim();
    if (item === '') {
      return fail(`Unexpected empty item ${index + 1} in "${text}", expected ${example}`);
    }
    const match = /^(\d+)(?:\s*[-–]\s*(\d+))?$/u.exec(item);
    if (!match) return fail(`Unexpected "${item}" in "${text}", expected ${example}`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    for (const n of [from, to]) {
      if (n < 1 || n > last) {
        return fail(
          `Unexpected ¶ ${n} in "${text}", expected numbers from 1 to ${last} (the last ¶ of this page)`,
        );
      }
    }
    if (to < from) {
      return fail(
        `Unexpected range "${item}" in "${text}", expected the smaller number first, as in ${to}-${from}`,
      );
    }
    for (let n = from; n <= to; n++) chosen.add(n);
  }
  return { ok: true, paragraphs: [...chosen] };
}

/** Runs of consecutive numbers, as [first, last] pairs. */
function runs(paragraphs: readonly number[]): [number, number][] {
  const result: [number, number][] = [];
  for (const n of paragraphs) {
    const current = result.at(-1);
    if (current && n === current[1] + 1) current[1] = n;
    else result.push([n, n]);
  }
  return result;
}

/** For reading: [2, 4, 5, 6] → "2, 4–6" (an en dash, as typeset ranges are). */
export function formatParagraphList(paragraphs: readonly number[]): string {
  return runs(paragraphs)
    .map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`))
    .join(', ');
}

/** For a link: [2, 4, 5, 6] → "2,4-6", the form parseHandout reads back. */
export function formatHandoutParam(paragraphs: readonly number[]): string {
  return runs(paragraphs)
    .map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`))
    .join(',');
}

function fail(message: string): HandoutSelection {
  return { ok: false, message };
}
